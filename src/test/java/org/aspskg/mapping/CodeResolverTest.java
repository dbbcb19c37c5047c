package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a user's code as a CURIE, IRI or bare SNOMED CT id, and finding its mappings. */
class CodeResolverTest {
    static final CodeResolver GOOD = new CodeResolver(SssomReader.read(SssomReaderTest.GOOD));

    @TempDir
    Path dir;

    private static List<Integer> lines(List<Mapping> mappings) {
        return mappings.stream().map(Mapping::line).toList();
    }

    @Test
    void aCurieFindsTheMappingsWhoseObjectItIs() {
        CodeResolver.Resolution r = GOOD.resolve("EXAMPLE:0001");
        assertEquals(new CodeResolver.Code(new Curie("EXAMPLE", "0001"), "https://example.org/vocab/0001"), r.code());
        assertEquals(List.of(10), lines(r.matches()));
        assertEquals(List.of(), r.negated());
    }

    @Test
    void thePrefixMayBeWrittenInAnyCase() {
        assertEquals(new Curie("EXAMPLE", "0002"), GOOD.parse("example:0002").curie());
    }

    @Test
    void aFullIriWithOrWithoutAngleBracketsIsShortenedWithTheCurieMap() {
        assertEquals(
                List.of(14),
                lines(GOOD.resolve("https://example.org/other-vocab/0200").matches()));
        assertEquals(
                List.of(14),
                lines(GOOD.resolve("<https://example.org/other-vocab/0200>").matches()));
    }

    @Test
    void aNegatedMappingIsNotAMatch() {
        CodeResolver.Resolution r = GOOD.resolve("EXAMPLE:0003");
        assertEquals(List.of(), r.matches());
        assertEquals(List.of(13), lines(r.negated()));
    }

    @Test
    void anOwnTermListsItsExternalCodes() {
        assertEquals(List.of(10, 11), lines(GOOD.codesOf("https://w3id.org/asps-kg/AlveolarSoftPartSarcoma")));
        assertEquals(List.of(12), lines(GOOD.codesOf("https://w3id.org/asps-kg/Thigh")));
    }

    @Test
    void aBareNumberIsReadAsASnomedCtIdWithTheSetsSctidPrefix() throws Exception {
        Path file = dir.resolve("sct.sssom.tsv");
        Files.writeString(file, """
                #curie_map:
                #  aspskg: https://w3id.org/asps-kg/
                #  SCTID: https://example.org/not-snomed/
                subject_id\tpredicate_id\tobject_id\tmapping_justification
                aspskg:Thigh\tskos:exactMatch\tSCTID:000001234\tsemapv:ManualMappingCuration
                """);
        CodeResolver resolver = new CodeResolver(SssomReader.read(file));
        CodeResolver.Resolution r = resolver.resolve("000001234");
        assertEquals(
                new CodeResolver.Code(new Curie("SCTID", "000001234"), "https://example.org/not-snomed/000001234"),
                r.code());
        assertEquals(List.of(5), lines(r.matches()));
    }

    @Test
    void aBareNumberWithoutAnSctidPrefixIsRefusedWithAHint() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> GOOD.parse("123456789"));
        assertEquals(
                "123456789 looks like a SNOMED CT id, but " + SssomReaderTest.GOOD + " declares no SCTID prefix",
                e.getMessage());
        assertEquals("Write the code as a CURIE, e.g. NCIT:C0000.", e.hint());
    }

    @Test
    void anUnknownPrefixIsRefusedWithTheKnownOnes() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> GOOD.parse("NOPE:1"));
        assertEquals("unknown vocabulary prefix 'NOPE' in NOPE:1", e.getMessage());
        assertEquals("The mapping set's prefixes are aspskg, EXAMPLE, OTHER, person.", e.hint());
    }

    @Test
    void anIriOutsideEveryVocabularyIsRefused() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> GOOD.parse("https://nowhere.example/x"));
        assertEquals(
                "<https://nowhere.example/x> is in none of the vocabularies of " + SssomReaderTest.GOOD,
                e.getMessage());
    }

    @Test
    void textThatIsNoCodeIsRefused() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> GOOD.parse("flow voids"));
        assertEquals("'flow voids' is not a CURIE, an IRI or a SNOMED CT id", e.getMessage());
    }
}
