package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading SSSOM/TSV: metadata, columns, quoting, and file:line errors for what cannot be read. */
class SssomReaderTest {
    static final Path GOOD = Path.of("src/test/resources/mapping/good.sssom.tsv");

    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("set.sssom.tsv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String error(String text) throws Exception {
        Path file = write(text);
        return assertThrows(AspsKgException.class, () -> SssomReader.read(file))
                .getMessage()
                .replace(file.toString(), "FILE");
    }

    @Test
    void readsMetadataPrefixesColumnsAndRows() {
        MappingSet set = SssomReader.read(GOOD);
        assertEquals("https://example.org/mappings/good.sssom.tsv", set.mappingSetId());
        assertEquals("2026-11-25", set.metadataText("mapping_set_version").orElseThrow());
        assertEquals(
                Map.of(
                        "aspskg",
                        "https://w3id.org/asps-kg/",
                        "EXAMPLE",
                        "https://example.org/vocab/",
                        "OTHER",
                        "https://example.org/other-vocab/",
                        "person",
                        "https://example.org/people/"),
                set.curieMap().declared());
        assertEquals(
                List.of(
                        "subject_id",
                        "subject_label",
                        "predicate_id",
                        "predicate_modifier",
                        "object_id",
                        "object_label",
                        "mapping_justification",
                        "author_id",
                        "mapping_date",
                        "see_also",
                        "comment"),
                set.columns());
        assertEquals(
                List.of(10, 11, 12, 13, 14),
                set.mappings().stream().map(Mapping::line).toList());
        assertEquals(
                Map.of(
                        "subject_id",
                        "aspskg:AlveolarSoftPartSarcoma",
                        "subject_label",
                        "alveolar soft part sarcoma",
                        "predicate_id",
                        "skos:exactMatch",
                        "object_id",
                        "EXAMPLE:0001",
                        "object_label",
                        "example sarcoma",
                        "mapping_justification",
                        "semapv:ManualMappingCuration",
                        "author_id",
                        "person:0001",
                        "mapping_date",
                        "2026-11-25",
                        "see_also",
                        "https://example.org/vocab/0001"),
                set.mappings().get(0).values());
        assertEquals(
                List.of("person:0001", "person:0002"), set.mappings().get(1).getAll("author_id"));
        assertEquals(true, set.mappings().get(3).negated());
    }

    @Test
    void quotedValuesLoseTheirQuotesAndKeepTabsQuotesAndLineBreaks() {
        Mapping flowVoid = SssomReader.read(GOOD).mappings().get(4);
        assertEquals("example \"flow void\" sign", flowVoid.objectLabel());
        assertEquals("seen in two places:\nthe example browser and the example book", flowVoid.get("comment"));
    }

    @Test
    void setLevelSlotsApplyToEveryRowThatLacksThem() throws Exception {
        MappingSet set = SssomReader.read(write("""
                #curie_map:
                #  EXAMPLE: https://example.org/vocab/
                #creator_id: [ "EXAMPLE:curator" ]
                #mapping_date: 2026-01-02
                subject_id\tpredicate_id\tobject_id\tmapping_justification
                EXAMPLE:1\tskos:exactMatch\tEXAMPLE:2\tsemapv:ManualMappingCuration
                """));
        Mapping m = set.mappings().get(0);
        assertEquals(List.of("EXAMPLE:curator"), set.values(m, "creator_id"));
        assertEquals(List.of("2026-01-02"), set.values(m, "mapping_date"));
        assertEquals(List.of(), set.values(m, "author_id"));
    }

    @Test
    void metadataLinesMayIndentAfterTheHashAlike() throws Exception {
        MappingSet set = SssomReader.read(write("""
                # curie_map:
                #   EXAMPLE: https://example.org/vocab/
                # license: https://creativecommons.org/licenses/by/4.0/
                subject_id\tpredicate_id\tobject_id\tmapping_justification
                """));
        assertEquals(
                Map.of("EXAMPLE", "https://example.org/vocab/"), set.curieMap().declared());
        assertEquals(
                "https://creativecommons.org/licenses/by/4.0/",
                set.metadataText("license").orElseThrow());
        assertEquals(List.of(), set.mappings());
    }

    @Test
    void invalidYamlIsReportedAtItsLine() throws Exception {
        String message = error("""
                #curie_map:
                #  EXAMPLE: https://example.org/vocab/
                #license: [unclosed
                subject_id\tpredicate_id\tobject_id\tmapping_justification
                """);
        assertEquals(
                "FILE:3: the metadata block is not valid YAML: while parsing a flow sequence: "
                        + "expected ',' or ']', but got <stream end>",
                message);
    }

    @Test
    void metadataThatIsNotAMapIsUnreadable() throws Exception {
        assertEquals(
                "FILE:1: the metadata block is not a YAML map of slot names to values",
                error("#- just a list\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\n"));
    }

    @Test
    void aFileWithoutHeaderIsUnreadable() throws Exception {
        assertEquals("FILE:2: no header line after the metadata block", error("#license: https://example.org/l\n"));
    }

    @Test
    void aRepeatedColumnIsUnreadable() throws Exception {
        assertEquals(
                "FILE:1: column 'object_id' appears twice in the header", error("subject_id\tobject_id\tobject_id\n"));
    }

    @Test
    void anEmptyColumnNameIsUnreadable() throws Exception {
        assertEquals("FILE:1: column 2 of the header has no name", error("subject_id\t\tobject_id\n"));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsReportedAtItsLine() throws Exception {
        assertEquals(
                "FILE:3: 2 cells, but the header names 3 columns",
                error("subject_id\tpredicate_id\tobject_id\nA:1\tskos:exactMatch\tB:1\nA:2\tskos:exactMatch\n"));
    }

    @Test
    void anUnclosedQuoteIsReportedWhereTheRowStarts() throws Exception {
        assertEquals(
                "FILE:2: a quoted value is not closed",
                error("subject_id\tobject_label\nA:1\t\"never closed\nA:2\tsecond\n"));
    }

    @Test
    void textAfterAClosingQuoteIsUnreadable() throws Exception {
        assertEquals(
                "FILE:2: text after a closing quote in column 2",
                error("subject_id\tobject_label\nA:1\t\"quoted\" tail\n"));
    }

    @Test
    void aByteOrderMarkIsRefused() throws Exception {
        assertEquals(
                "FILE:1: starts with a byte order mark, which SSSOM/TSV forbids",
                error("\uFEFFsubject_id\tobject_id\n"));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedAtTheirLine() throws Exception {
        Path file = dir.resolve("latin1.sssom.tsv");
        Files.write(file, "subject_id\tobject_label\nA:1\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        AspsKgException e = assertThrows(AspsKgException.class, () -> SssomReader.read(file));
        assertEquals(file + ":2: not valid UTF-8", e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> SssomReader.read(dir.resolve("none.sssom.tsv")));
        assertEquals(dir.resolve("none.sssom.tsv") + ": no such readable file", e.getMessage());
    }
}
