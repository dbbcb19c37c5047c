package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg map --coverage}: its three formats agree, --fail-on decides the exit, bad policy files exit 2. */
class MapCoverageCommandTest {
    @TempDir
    Path dir;

    @Test
    void theTsvTheJsonAndTheTableTellTheSameCoverage() throws Exception {
        CliRun tsv = CliRun.of("map", "--coverage", "--format", "tsv");
        assertEquals(0, tsv.exit(), tsv.err());
        List<String> lines = tsv.out().lines().toList();
        assertEquals("level\tvocabulary\tterm\tlabel\tkinds\tstatus\tdetail", lines.get(0));
        assertTrue(
                lines.contains(
                        "INFO\tDOID\taspskg:AlveolarSoftPartSarcoma\talveolar soft part sarcoma\tdisease\tmapped\tDOID:4239"),
                "the DOID row of ASPS");

        CliRun json = CliRun.of("map", "--coverage", "--format", "json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(lines.size() - 1, root.get("rows").size());
        long warn = lines.stream().filter(l -> l.startsWith("WARN\t")).count();
        assertEquals(warn, root.at("/counts/WARN").asLong());

        CliRun table = CliRun.of("map", "--coverage");
        for (JsonNode v : root.get("vocabularies")) {
            String prefix = v.get("prefix").asText();
            String row = table.out()
                    .lines()
                    .filter(l -> l.startsWith(prefix + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(prefix + " not in the table:\n" + table.out()));
            List<String> cells = List.of(row.trim().split(" {2,}"));
            assertEquals(String.valueOf(v.get("mapped").size()), cells.get(1), row);
            assertEquals(String.valueOf(v.get("not_mapped").size()), cells.get(2), row);
            assertEquals(String.valueOf(v.get("unverifiable").size()), cells.get(3), row);
        }
        assertTrue(table.err().contains("coverage: 0 ERROR, " + warn + " WARN"), table.err());
    }

    @Test
    void failOnWarnExitsOneWhenATermHasNoMapping() {
        CliRun r = CliRun.of("map", "--coverage", "--fail-on", "WARN", "--format", "tsv");
        assertEquals(Main.EXIT_FAILED_CHECK, r.exit(), r.err());
        assertTrue(r.err().contains("(fails at WARN)"), r.err());
    }

    @Test
    void aPolicyRowWithABadRequiredCellExitsTwoWithFileAndLine() throws Exception {
        Path set = dir.resolve("asps.sssom.tsv");
        Files.copy(Path.of("ontology/mappings/asps.sssom.tsv"), set);
        Files.writeString(
                dir.resolve("coverage.tsv"),
                "kind\troots\tvocabularies\trequired\twhy\ndisease\taspskg:Lesion\tDOID\tmaybe\tx\n");
        CliRun r = CliRun.of("map", "--coverage", "--mappings", set.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains(dir.resolve("coverage.tsv") + ":2: required is 'maybe'"), r.err());
        assertEquals("", r.out());
    }
}
