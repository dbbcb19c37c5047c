package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg map --check}: exit codes 0, 1 and 2, and the report formats validate uses. */
class MapCheckCommandTest {
    static final String GOOD = "src/test/resources/mapping/good.sssom.tsv";
    static final String TERMS = "src/test/resources/mapping/terms.ttl";

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path broken() throws Exception {
        String text = Files.readString(Path.of(GOOD)).replace("EXAMPLE:0002", "NOPE:0002");
        Path file = dir.resolve("broken.sssom.tsv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aValidSetExitsZeroWithASummaryOnStderr() {
        CliRun r = run("map", "--check", GOOD, "--ontology", TERMS);
        assertEquals(0, r.exit(), r.err());
        assertEquals(
                List.of("Level  Rule Name  Subject  Property  Value"),
                r.out().lines().toList());
        assertEquals(GOOD + ": 0 ERROR, 0 WARN, 0 INFO (passes at ERROR)\n", r.err());
    }

    @Test
    void errorRowsExitOneAndAreListedAsTsv() throws Exception {
        Path file = broken();
        CliRun r = run("map", "--check", file.toString(), "--ontology", TERMS, "--format", "tsv");
        assertEquals(Main.EXIT_FAILED_CHECK, r.exit());
        assertEquals(
                List.of(
                        "Level\tRule Name\tSubject\tProperty\tValue\tExplanation",
                        "ERROR\tundeclared_prefix\t" + file
                                + ":12\tobject_id\tNOPE:0002\tprefix 'NOPE' is not in the curie_map"),
                r.out().lines().toList());
        assertEquals(file + ": 1 ERROR, 0 WARN, 0 INFO (fails at ERROR)\n", r.err());
    }

    @Test
    void jsonCarriesCountsAndRows() throws Exception {
        CliRun r = run(
                "map", "--check", broken().toString(), "--ontology", TERMS, "--format", "json", "--fail-on", "none");
        assertEquals(0, r.exit());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.at("/counts/ERROR").asInt());
        assertEquals("undeclared_prefix", json.at("/rows/0/rule").asText());
        assertEquals("NOPE:0002", json.at("/rows/0/value").asText());
    }

    @Test
    void anUnreadableSetExitsTwoWithFileAndLine() throws Exception {
        Path file = dir.resolve("short-row.sssom.tsv");
        Files.writeString(file, "subject_id\tpredicate_id\tobject_id\tmapping_justification\nA:1\tskos:exactMatch\n");
        CliRun r = run("map", "--check", file.toString(), "--ontology", TERMS);
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals("", r.out());
        assertEquals(
                List.of(
                        "error: " + file + ":2: 2 cells, but the header names 4 columns",
                        "hint: Every row has one cell per column, separated by tabs; leave a cell empty rather than drop it."),
                r.err().lines().toList());
    }

    @Test
    void neitherCodeNorCheckIsAUsageError() {
        CliRun r = run("map");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals(
                "Give a CODE to resolve, or --check [FILE].",
                r.err().lines().findFirst().orElse(""));
    }
}
