package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code asps-kg eval} on the fixture directory: the table, the JSON, --out, and bad input. */
class EvalCommandTest {
    static final String FIXTURE = "src/test/resources/org/aspskg/ddx/eval/fixture";

    @Test
    void tablePrintsAccuracyPerDiagnosisAndTheMisses() {
        CliRun run = CliRun.of("eval", "--baseline", FIXTURE);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("cases 3; accepted as written (ranked without error) 2 (66.7%)"), run.out());
        assertTrue(
                run.out().contains("gold phrases resolved to the gold term or one it entails, same polarity, 12 of 13"),
                run.out());
        assertTrue(run.out().contains("ASPS first for a non-ASPS case: 1 of 2 (50.0%)"), run.out());
        assertTrue(run.out().contains("SynovialSarcoma/nothing-stated.json: not ranked"), run.out());
    }

    @Test
    void jsonGoesToStdoutAndToTheOutFile(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("reports/eval.json");
        CliRun run = CliRun.of("eval", "--gold", "--format", "json", "--out", out.toString(), FIXTURE);
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("gold", json.get("mode").asText());
        assertEquals(3, json.get("summary").get("cases").asInt());
        assertEquals(Files.readString(out), run.out());
    }

    @Test
    void jsonOutputIsOneJsonDocumentEvenWithStderrOnTheSameStream() throws Exception {
        // as on a terminal or with 2>&1: both streams into one; nothing may follow the JSON
        StringWriter both = new StringWriter();
        PrintWriter w = new PrintWriter(both, true);
        CommandLine cl = Main.commandLine();
        cl.setOut(w);
        cl.setErr(w);
        assertEquals(0, cl.execute("eval", "--gold", "--format", "json", FIXTURE), both.toString());
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode json = strict.readTree(both.toString());
        assertEquals(3, json.get("summary").get("cases").asInt());
        assertEquals(
                3,
                json.get("accuracy")
                        .get(json.get("accuracy").size() - 1)
                        .get("cases")
                        .asInt());
    }

    @Test
    void theTableIsFollowedByItsSummaryLineOnStderr() {
        CliRun run = CliRun.of("eval", "--gold", FIXTURE);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains(": 3 cases, top-1 "), run.err());
    }

    @Test
    void aMissingDirectoryIsABadInputWithAHint(@TempDir Path tmp) {
        CliRun run = CliRun.of("eval", tmp.resolve("nowhere").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no such directory"), run.err());
        assertTrue(run.err().contains("hint:"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownFormatIsRefused() {
        CliRun run = CliRun.of("eval", "--format", "xml", FIXTURE);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown --format 'xml'"), run.err());
    }

    @Test
    void sensitivityRefusesAWordTheTableDoesNotHave() {
        CliRun run = CliRun.of("eval", "--sensitivity", "--words", "sometimes-maybe", FIXTURE);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown frequency word 'sometimes-maybe'"), run.err());
        assertTrue(run.err().contains("characteristic"), run.err());
    }
}
