package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code asps-kg validate}: exit codes 0, 1 and 2 and the three report formats. */
class ValidateCommandTest {
    private static final String FIXTURES = "src/test/resources/qc/";

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void cleanOntologyExitsZero() {
        assertEquals(0, Main.execute("validate", "--ontology", FIXTURES + "good.ttl"));
    }

    @Test
    void errorRowsExitOne() {
        assertEquals(
                Main.EXIT_FAILED_CHECK, Main.execute("validate", "--ontology", FIXTURES + "term-policy-breaches.ttl"));
    }

    @Test
    void syntaxErrorExitsTwoWithFileLineAndColumnOnStderr() {
        CliRun r = run("validate", "--ontology", FIXTURES + "syntax-error.ttl");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: " + FIXTURES + "syntax-error.ttl:9:5: "), r.err());
    }

    @Test
    void missingFileExitsTwo() {
        assertEquals(Main.EXIT_USER_ERROR, Main.execute("validate", "--ontology", FIXTURES + "no-such-file.ttl"));
    }

    @Test
    void failOnSetsTheThreshold() {
        String good = FIXTURES + "good.ttl";
        String breaches = FIXTURES + "term-policy-breaches.ttl";
        assertEquals(Main.EXIT_FAILED_CHECK, Main.execute("validate", "--ontology", good, "--fail-on", "INFO"));
        assertEquals(0, Main.execute("validate", "--ontology", good, "--fail-on", "WARN"));
        assertEquals(0, Main.execute("validate", "--ontology", breaches, "--fail-on", "none"));
        assertEquals(Main.EXIT_USER_ERROR, Main.execute("validate", "--ontology", good, "--fail-on", "SEVERE"));
    }

    @Test
    void tsvHasRobotsColumnsAndAnExplanation() {
        CliRun r = run("validate", "--ontology", FIXTURES + "unsatisfiable.ttl", "--format", "tsv");
        assertEquals(Main.EXIT_FAILED_CHECK, r.exit());
        List<String> lines = r.out().lines().toList();
        assertEquals("Level\tRule Name\tSubject\tProperty\tValue\tExplanation", lines.get(0));
        assertEquals(
                "ERROR\tunsatisfiable_class\t:AspsInBone\trdfs:subClassOf\towl:Nothing\t"
                        + ":AspsInBone SubClassOf :BoneNeoplasm ; :AspsInBone SubClassOf :SoftTissueSarcoma ; "
                        + ":BoneNeoplasm DisjointWith :SoftTissueSarcoma",
                lines.get(1));
        assertTrue(r.err().contains("2 ERROR, 0 WARN, 2 INFO"), r.err());
    }

    @Test
    void jsonCarriesCountsRowsAndJustifications() throws Exception {
        CliRun r = run("validate", "--ontology", FIXTURES + "inconsistent.ttl", "--format", "json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.at("/counts/ERROR").asInt());
        assertEquals("inconsistent_ontology", json.at("/rows/0/rule").asText());
        assertEquals(
                ":patient1Tumour Type :SoftTissueSarcoma",
                json.at("/rows/0/explanation/2").asText());
    }

    @Test
    void tableShowsTheJustificationUnderItsRow() {
        CliRun r = run("validate", "--ontology", FIXTURES + "unsatisfiable.ttl");
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).startsWith("ERROR  unsatisfiable_class  :AspsInBone"), lines.get(1));
        assertEquals("    :AspsInBone SubClassOf :BoneNeoplasm", lines.get(2));
    }
}
