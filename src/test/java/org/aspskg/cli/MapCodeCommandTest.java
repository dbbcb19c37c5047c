package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code asps-kg map CODE} on the fixture mapping set and ontology: whole outputs and exit codes. */
class MapCodeCommandTest {
    static final String[] FIXTURES = {"--mappings", MapCheckCommandTest.GOOD, "--ontology", MapCheckCommandTest.TERMS};

    private static CliRun map(String... args) {
        String[] all = new String[args.length + 1 + FIXTURES.length];
        all[0] = "map";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(FIXTURES, 0, all, 1 + args.length, FIXTURES.length);
        return CliRun.of(all);
    }

    @Test
    void aMappedCodePrintsTheMappingAndWhatTheGraphKnowsAboutTheTerm() {
        CliRun r = map("OTHER:0200");
        assertEquals(0, r.exit(), r.err());
        assertEquals(
                List.of(
                        "OTHER:0200  example \"flow void\" sign",
                        "  <https://example.org/other-vocab/0200>",
                        "",
                        "skos:closeMatch  aspskg:FlowVoid  flow voids on MRI",
                        "  mapping:      semapv:ManualMappingCuration by person:0002 on 2026-11-25; see "
                                + "https://example.org/other-vocab/0200; seen in two places: the example browser and the example book",
                        "  IRI:          https://w3id.org/asps-kg/FlowVoid",
                        "  definition:   A test definition of flow voids.",
                        "  synonyms:     flow void; signal voids",
                        "  superclasses: finding",
                        "  relations:    observed with: T2-weighted MRI",
                        "  feature of:   alveolar soft part sarcoma: common",
                        "  codes:        OTHER:0200 skos:closeMatch (example \"flow void\" sign)"),
                r.out().lines().toList());
        assertEquals("", r.err());
    }

    @Test
    void aBareIriAndALowerCasePrefixResolveTheSameWay() {
        assertEquals(
                map("OTHER:0200").out(),
                map("https://example.org/other-vocab/0200").out());
        assertEquals(map("EXAMPLE:0001").out(), map("example:0001").out());
    }

    @Test
    void ourOwnTermListsItsCodes() {
        CliRun r = map("aspskg:AlveolarSoftPartSarcoma");
        assertEquals(0, r.exit());
        assertEquals(
                List.of(
                        "aspskg:AlveolarSoftPartSarcoma  alveolar soft part sarcoma",
                        "  <https://w3id.org/asps-kg/AlveolarSoftPartSarcoma>",
                        "",
                        "aspskg:AlveolarSoftPartSarcoma  alveolar soft part sarcoma",
                        "  IRI:          https://w3id.org/asps-kg/AlveolarSoftPartSarcoma",
                        "  definition:   A test definition of ASPS.",
                        "  synonyms:     ASPS",
                        "  statements:   flow voids on MRI: common",
                        "  codes:        EXAMPLE:0001 skos:exactMatch (example sarcoma)",
                        "                OTHER:0100 skos:broadMatch (example soft tissue tumour)"),
                r.out().lines().toList());
    }

    @Test
    void jsonCarriesTheMappingTheTermAndItsCodes() throws Exception {
        CliRun r = map("EXAMPLE:0001", "--format", "json");
        assertEquals(0, r.exit());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("EXAMPLE:0001", json.at("/code").asText());
        assertEquals("https://example.org/vocab/0001", json.at("/iri").asText());
        assertEquals("example sarcoma", json.at("/label").asText());
        assertEquals(1, json.at("/terms").size());
        assertEquals("skos:exactMatch", json.at("/terms/0/mapping/predicate_id").asText());
        assertEquals(10, json.at("/terms/0/mapping/line").asInt());
        assertEquals(
                "https://w3id.org/asps-kg/AlveolarSoftPartSarcoma",
                json.at("/terms/0/term/iri").asText());
        assertEquals(
                "A test definition of ASPS.",
                json.at("/terms/0/term/definitions/0").asText());
        assertEquals(
                "https://w3id.org/asps-kg/FlowVoid",
                json.at("/terms/0/term/statements/0/feature").asText());
        assertEquals(
                List.of("EXAMPLE:0001", "OTHER:0100"),
                List.of(
                        json.at("/terms/0/codes/0/object_id").asText(),
                        json.at("/terms/0/codes/1/object_id").asText()));
    }

    @Test
    void anUnmappedCodeExitsOneWithAHint() {
        CliRun r = map("EXAMPLE:0999");
        assertEquals(Main.EXIT_FAILED_CHECK, r.exit());
        assertEquals("", r.out());
        assertEquals(
                List.of(
                        "error: EXAMPLE:0999 is not mapped to any asps-kg term",
                        "hint: " + MapCheckCommandTest.GOOD
                                + " maps 3 EXAMPLE code(s); to add one, see the README's Mappings section."),
                r.err().lines().toList());
    }

    @Test
    void aCodeStatedNotToMatchSaysSo() {
        CliRun r = map("EXAMPLE:0003");
        assertEquals(Main.EXIT_FAILED_CHECK, r.exit());
        assertEquals(
                "error: EXAMPLE:0003 is not mapped to any asps-kg term (stated NOT to be skos:exactMatch of aspskg:Thigh)",
                r.err().lines().findFirst().orElse(""));
    }

    @Test
    void textThatIsNoCodeExitsTwo() {
        CliRun r = map("NOPE:1");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals(
                List.of(
                        "error: unknown vocabulary prefix 'NOPE' in NOPE:1",
                        "hint: The mapping set's prefixes are aspskg, EXAMPLE, OTHER, person."),
                r.err().lines().toList());
    }
}
