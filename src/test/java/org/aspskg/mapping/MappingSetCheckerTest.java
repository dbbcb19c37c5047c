package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code map --check}: one test per rule, each on a mapping set with that one defect, comparing the
 * whole report (rows as "level, rule, subject, property, value, explanation"; FILE stands for the path).
 */
class MappingSetCheckerTest {
    static final Path TERMS = Path.of("src/test/resources/mapping/terms.ttl");

    /** Lines 1-6: a valid metadata block. */
    static final String HEAD = """
            #curie_map:
            #  aspskg: https://w3id.org/asps-kg/
            #  EXAMPLE: https://example.org/vocab/
            #mapping_set_id: https://example.org/mappings/test.sssom.tsv
            #license: https://creativecommons.org/licenses/by/4.0/
            #creator_id: [ "EXAMPLE:curator" ]
            """;
    /** Line 7: the header. */
    static final String COLUMNS = row(
            "subject_id",
            "subject_label",
            "predicate_id",
            "object_id",
            "object_label",
            "mapping_justification",
            "see_also");

    static final String ASPS = row(
            "aspskg:AlveolarSoftPartSarcoma",
            "alveolar soft part sarcoma",
            "skos:exactMatch",
            "EXAMPLE:0001",
            "example sarcoma",
            "semapv:ManualMappingCuration",
            "https://example.org/vocab/0001");
    static final String THIGH = row(
            "aspskg:Thigh",
            "thigh",
            "skos:exactMatch",
            "EXAMPLE:0002",
            "example thigh",
            "semapv:ManualMappingCuration",
            "https://example.org/vocab/0002");

    static MappingSetChecker checker;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTerms() {
        checker = new MappingSetChecker(new OntologyTerms(OntologyLoader.readRdf(TERMS)));
    }

    static String row(String... cells) {
        return String.join("\t", cells) + "\n";
    }

    private List<String> check(String tsv) throws Exception {
        Path file = dir.resolve("test.sssom.tsv");
        Files.writeString(file, tsv);
        QualityReport report = checker.check(SssomReader.read(file));
        return report.rows().stream()
                .map(r -> render(r).replace(file.toString(), "FILE"))
                .toList();
    }

    private static String render(ReportRow r) {
        return String.join(
                " | ",
                r.level().name(),
                r.rule(),
                r.subject(),
                r.property(),
                r.value(),
                String.join("; ", r.explanation()));
    }

    @Test
    void aValidSetHasAnEmptyReport() throws Exception {
        assertEquals(List.of(), check(HEAD + COLUMNS + ASPS + THIGH));
        QualityReport good = checker.check(SssomReader.read(SssomReaderTest.GOOD));
        assertEquals(List.of(), good.rows());
    }

    @Test
    void missingSetMetadata() throws Exception {
        String head = """
                #curie_map:
                #  aspskg: https://w3id.org/asps-kg/
                #  EXAMPLE: https://example.org/vocab/
                #creator_id: [ "EXAMPLE:curator" ]
                """;
        assertEquals(
                List.of(
                        "ERROR | missing_set_metadata | FILE | license |  | the metadata block has no 'license'",
                        "ERROR | missing_set_metadata | FILE | mapping_set_id |  | the metadata block has no 'mapping_set_id'"),
                check(head + COLUMNS + ASPS));
    }

    @Test
    void invalidCurieMap() throws Exception {
        // skos redefined, so skos:exactMatch no longer names a mapping predicate
        String tsv = """
                #mapping_set_id: https://example.org/mappings/test.sssom.tsv
                #license: https://creativecommons.org/licenses/by/4.0/
                #creator_id: [ "EXAMPLE:curator" ]
                #curie_map:
                #  aspskg: https://w3id.org/asps-kg/
                #  EXAMPLE: https://example.org/vocab/
                #  skos: http://example.org/not-skos#
                #  BAD: not an iri
                """ + COLUMNS + ASPS;
        assertEquals(
                List.of(
                        "ERROR | invalid_curie_map | FILE | curie_map | BAD: not an iri | the IRI prefix of 'BAD' is not an absolute IRI",
                        "ERROR | invalid_curie_map | FILE | curie_map | skos: http://example.org/not-skos# | 'skos' is built into SSSOM as "
                                + "http://www.w3.org/2004/02/skos/core# and must not be redefined",
                        "ERROR | unknown_predicate | FILE:10 | predicate_id | skos:exactMatch | use skos:exactMatch, skos:closeMatch, "
                                + "skos:broadMatch, skos:narrowMatch, skos:relatedMatch, owl:equivalentClass, owl:equivalentProperty, "
                                + "owl:sameAs, rdfs:subClassOf, rdfs:subPropertyOf, oboInOwl:hasDbXref or rdfs:seeAlso",
                        "INFO | unused_prefix | FILE | curie_map | BAD | no identifier in the set uses 'BAD'"),
                check(tsv));
    }

    @Test
    void missingColumn() throws Exception {
        String columns = row("subject_id", "subject_label", "predicate_id", "object_id", "object_label", "see_also");
        String asps = row(
                "aspskg:AlveolarSoftPartSarcoma",
                "alveolar soft part sarcoma",
                "skos:exactMatch",
                "EXAMPLE:0001",
                "example sarcoma",
                "https://example.org/vocab/0001");
        assertEquals(
                List.of(
                        "ERROR | missing_column | FILE | mapping_justification |  | the header has no 'mapping_justification' column"),
                check(HEAD + columns + asps));
    }

    @Test
    void missingValue() throws Exception {
        String noObject = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "",
                "example thigh",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0002");
        assertEquals(
                List.of("ERROR | missing_value | FILE:9 | object_id |  | 'object_id' is required"),
                check(HEAD + COLUMNS + ASPS + noObject));
    }

    @Test
    void invalidIdentifier() throws Exception {
        String iri = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "https://example.org/vocab/0002",
                "example thigh",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0002");
        assertEquals(
                List.of("ERROR | invalid_identifier | FILE:9 | object_id | https://example.org/vocab/0002 | "
                        + "SSSOM/TSV writes identifiers as CURIEs (prefix:id), with the prefix in the curie_map"),
                check(HEAD + COLUMNS + ASPS + iri));
    }

    @Test
    void identifierNotCurieOutsideTheCoreColumns() throws Exception {
        String head = HEAD + "#subject_source: https://w3id.org/asps-kg/asps.owl\n";
        String columns = COLUMNS.replace("\n", "\tauthor_id\n");
        String asps = ASPS.replace("\n", "\thttps://orcid.example/0000-0000\n");
        assertEquals(
                List.of(
                        "WARN | identifier_not_curie | FILE | subject_source | https://w3id.org/asps-kg/asps.owl | "
                                + "SSSOM/TSV should write identifiers as CURIEs; declare a prefix for this IRI in the curie_map",
                        "WARN | identifier_not_curie | FILE:9 | author_id | https://orcid.example/0000-0000 | "
                                + "SSSOM/TSV should write identifiers as CURIEs; declare a prefix for this IRI in the curie_map"),
                check(head + columns + asps));
    }

    @Test
    void undeclaredPrefix() throws Exception {
        String nope = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "NOPE:0002",
                "example thigh",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0002");
        assertEquals(
                List.of(
                        "ERROR | undeclared_prefix | FILE:9 | object_id | NOPE:0002 | prefix 'NOPE' is not in the curie_map"),
                check(HEAD + COLUMNS + ASPS + nope));
    }

    @Test
    void invalidValue() throws Exception {
        String columns = row(
                "subject_id",
                "subject_label",
                "predicate_id",
                "predicate_modifier",
                "object_id",
                "object_label",
                "mapping_justification",
                "mapping_date",
                "confidence",
                "see_also");
        String bad = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "Maybe",
                "EXAMPLE:0002",
                "example thigh",
                "semapv:ManualMappingCuration",
                "25/11/2026",
                "1.5",
                "example.org/vocab/0002");
        assertEquals(
                List.of(
                        "ERROR | invalid_value | FILE:8 | confidence | 1.5 | 'confidence' must be a number from 0 to 1",
                        "ERROR | invalid_value | FILE:8 | mapping_date | 25/11/2026 | 'mapping_date' must be a date, YYYY-MM-DD",
                        "ERROR | invalid_value | FILE:8 | predicate_modifier | Maybe | the only predicate_modifier is 'Not'",
                        "ERROR | invalid_value | FILE:8 | see_also | example.org/vocab/0002 | 'see_also' must be an absolute URI"),
                check(HEAD + columns + bad));
    }

    @Test
    void unknownPredicate() throws Exception {
        String related = row(
                "aspskg:Thigh",
                "thigh",
                "skos:related",
                "EXAMPLE:0002",
                "example thigh",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0002");
        assertEquals(
                List.of(
                        "ERROR | unknown_predicate | FILE:9 | predicate_id | skos:related | use skos:exactMatch, "
                                + "skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch, owl:equivalentClass, "
                                + "owl:equivalentProperty, owl:sameAs, rdfs:subClassOf, rdfs:subPropertyOf, oboInOwl:hasDbXref or rdfs:seeAlso"),
                check(HEAD + COLUMNS + ASPS + related));
    }

    @Test
    void invalidJustification() throws Exception {
        String oldStyle = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "EXAMPLE:0002",
                "example thigh",
                "semapv:HumanCurated",
                "https://example.org/vocab/0002");
        String notSemapv = row(
                "aspskg:FlowVoid",
                "flow voids on MRI",
                "skos:closeMatch",
                "EXAMPLE:0003",
                "example flow void",
                "EXAMPLE:Curation",
                "https://example.org/vocab/0003");
        assertEquals(
                List.of(
                        "ERROR | invalid_justification | FILE:10 | mapping_justification | EXAMPLE:Curation | "
                                + "use a SEMAPV justification, e.g. semapv:ManualMappingCuration or semapv:LexicalMatching",
                        "ERROR | invalid_justification | FILE:9 | mapping_justification | semapv:HumanCurated | "
                                + "use a SEMAPV justification, e.g. semapv:ManualMappingCuration or semapv:LexicalMatching"),
                check(HEAD + COLUMNS + ASPS + oldStyle + notSemapv));
    }

    @Test
    void duplicateMapping() throws Exception {
        assertEquals(
                List.of("ERROR | duplicate_mapping | FILE:10 | object_id | EXAMPLE:0001 | "
                        + "same subject, predicate, object and justification as line 8"),
                check(HEAD + COLUMNS + ASPS + THIGH + ASPS));
    }

    @Test
    void unknownSubject() throws Exception {
        String unknown = row(
                "aspskg:NoSuchTerm",
                "no such term",
                "skos:exactMatch",
                "EXAMPLE:0005",
                "example",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0005");
        assertEquals(
                List.of(
                        "ERROR | unknown_subject | FILE:9 | subject_id | aspskg:NoSuchTerm | "
                                + "the ontology declares no class, property or individual <https://w3id.org/asps-kg/NoSuchTerm>"),
                check(HEAD + COLUMNS + ASPS + unknown));
    }

    @Test
    void subjectLabelMismatch() throws Exception {
        String hyphen = row(
                "aspskg:AlveolarSoftPartSarcoma",
                "alveolar soft-part sarcoma",
                "skos:exactMatch",
                "EXAMPLE:0001",
                "example sarcoma",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0001");
        assertEquals(
                List.of("ERROR | subject_label_mismatch | FILE:8 | subject_label | alveolar soft-part sarcoma | "
                        + "the ontology labels aspskg:AlveolarSoftPartSarcoma 'alveolar soft part sarcoma'"),
                check(HEAD + COLUMNS + hyphen));
    }

    @Test
    void multipleExactMatchesPerSubjectAndVocabularyOrPerCode() throws Exception {
        String secondCode = row(
                "aspskg:AlveolarSoftPartSarcoma",
                "alveolar soft part sarcoma",
                "skos:exactMatch",
                "EXAMPLE:0009",
                "another example sarcoma",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0009");
        String sameCode = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "EXAMPLE:0001",
                "example sarcoma",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0001");
        assertEquals(
                List.of(
                        "ERROR | multiple_exact_matches | FILE:10 | subject_id | aspskg:Thigh | "
                                + "EXAMPLE:0001 is already the exact match of aspskg:AlveolarSoftPartSarcoma (line 8)",
                        "ERROR | multiple_exact_matches | FILE:9 | object_id | EXAMPLE:0009 | "
                                + "aspskg:AlveolarSoftPartSarcoma already has the exact match EXAMPLE:0001 in EXAMPLE (line 8)"),
                check(HEAD + COLUMNS + ASPS + secondCode + sameCode));
    }

    @Test
    void missingLabels() throws Exception {
        String unlabelled = row(
                "aspskg:Thigh",
                "",
                "skos:exactMatch",
                "EXAMPLE:0002",
                "",
                "semapv:ManualMappingCuration",
                "https://example.org/vocab/0002");
        assertEquals(
                List.of(
                        "WARN | missing_label | FILE:9 | object_label |  | SSSOM recommends the object's label, as the source that was checked gives it",
                        "WARN | missing_label | FILE:9 | subject_label |  | SSSOM recommends the subject's label"),
                check(HEAD + COLUMNS + ASPS + unlabelled));
    }

    @Test
    void missingAuthor() throws Exception {
        String head = HEAD.replace("#creator_id: [ \"EXAMPLE:curator\" ]\n", "");
        assertEquals(
                List.of("WARN | missing_author | FILE:7 | author_id |  | "
                        + "name who asserted the mapping (author_id, or creator_id for the whole set)"),
                check(head + COLUMNS + ASPS));
    }

    @Test
    void unsourcedManualMapping() throws Exception {
        String unsourced = row(
                "aspskg:Thigh",
                "thigh",
                "skos:exactMatch",
                "EXAMPLE:0002",
                "example thigh",
                "semapv:ManualMappingCuration",
                "");
        String lexical = row(
                "aspskg:FlowVoid",
                "flow voids on MRI",
                "skos:closeMatch",
                "EXAMPLE:0003",
                "example flow void",
                "semapv:LexicalMatching",
                "");
        assertEquals(
                List.of("WARN | unsourced_mapping | FILE:9 | see_also |  | "
                        + "say where the code was verified next to its label (see_also URL or comment)"),
                check(HEAD + COLUMNS + ASPS + unsourced + lexical));
    }

    @Test
    void unknownSlots() throws Exception {
        String columns = COLUMNS.replace("\n", "\tnotes\n");
        String asps = ASPS.replace("\n", "\tlooked fine\n");
        assertEquals(
                List.of(
                        "WARN | unknown_slot | FILE | mapping_set_owner |  | 'mapping_set_owner' is not an SSSOM mapping set slot; SSSOM tools drop it",
                        "WARN | unknown_slot | FILE | notes |  | 'notes' is not an SSSOM mapping slot; SSSOM tools drop the column"),
                check(HEAD + "#mapping_set_owner: somebody\n" + columns + asps));
    }

    @Test
    void unusedPrefix() throws Exception {
        String head = HEAD.replace(
                "#  EXAMPLE: https://example.org/vocab/\n",
                "#  EXAMPLE: https://example.org/vocab/\n#  UNUSED: https://example.org/unused/\n");
        assertEquals(
                List.of("INFO | unused_prefix | FILE | curie_map | UNUSED | no identifier in the set uses 'UNUSED'"),
                check(head + COLUMNS + ASPS));
    }
}
