package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ddx.store.CasesGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg ddx}: the same ranking as the service in every format; bad cases exit 2 with a located message. */
class DdxCommandTest {
    private static final Path EXAMPLE = Path.of("ontology", "examples", "asps-thigh-young-woman.json");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A case file ranked by the pipeline the command uses. */
    private static RankedCase ranked(Path file) {
        DifferentialPipeline ddx = DifferentialPipeline.loadDefault();
        return ddx.rank(ddx.read(CaseInput.file(file)));
    }

    @Test
    void cliJsonEqualsTheServicesJsonForTheSameCase() throws Exception {
        CliRun r = run("ddx", "--format", "json", EXAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(ranked(EXAMPLE).render(RankingFormat.JSON), r.out());
        // JSON in, JSON out, as an HTTP endpoint calls it, with the file's text:
        DifferentialPipeline ddx = DifferentialPipeline.loadDefault();
        assertEquals(
                ddx.rank(ddx.read(CaseInput.json(Files.readString(EXAMPLE), EXAMPLE.toString())))
                        .render(RankingFormat.JSON),
                r.out());
        JsonNode cli = RankingJson.MAPPER.readTree(r.out());
        assertEquals(
                "alveolar soft part sarcoma",
                cli.get("hypotheses").get(0).get("diagnosis").asText());
        assertEquals(
                "https://w3id.org/asps-kg/AlveolarSoftPartSarcoma",
                cli.get("hypotheses").get(0).get("iri").asText());
    }

    @Test
    void theSummaryDetailPrintsTheServicesSummaryWithTheFullAnswersScores() throws Exception {
        CliRun summary = run("ddx", "--format", "json", "--detail", "summary", EXAMPLE.toString());
        assertEquals(0, summary.exit(), summary.err());
        assertEquals(ranked(EXAMPLE).json(org.aspskg.ddx.render.RankingDetail.SUMMARY), summary.out());
        JsonNode brief = RankingJson.MAPPER.readTree(summary.out());
        JsonNode full = RankingJson.MAPPER.readTree(
                run("ddx", "--format", "json", EXAMPLE.toString()).out());
        assertEquals(full.get("hypotheses").size(), brief.get("hypotheses").size());
        for (int i = 0; i < full.get("hypotheses").size(); i++) {
            JsonNode a = full.get("hypotheses").get(i);
            JsonNode b = brief.get("hypotheses").get(i);
            assertEquals(a.get("iri"), b.get("iri"));
            assertEquals(a.get("postTestProbability"), b.get("postTestProbability"));
            assertTrue(a.has("supporting") && !b.has("supporting") && !b.has("opposing"), b.toString());
        }
        assertTrue(summary.out().length() * 10
                < run("ddx", "--format", "json", EXAMPLE.toString()).out().length());
    }

    @Test
    void aDetailOtherThanFullOrSummaryOrOutsideJsonExitsTwoSayingWhy() {
        CliRun unknown = run("ddx", "--format", "json", "--detail", "brief", EXAMPLE.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown --detail 'brief'"), unknown.err());
        CliRun table = run("ddx", "--detail", "summary", EXAMPLE.toString());
        assertEquals(2, table.exit());
        assertTrue(table.err().contains("--detail applies to the JSON answer"), table.err());
        assertFalse(table.err().contains("at org.aspskg"), table.err());
    }

    @Test
    void tableListsTheHypothesesInRankOrderWithTheirScores() {
        CliRun r = run("ddx", EXAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        DifferentialRanking ranking = ranked(EXAMPLE).ranking();
        List<String> rows =
                r.out().lines().filter(l -> l.matches("\\s+\\d+  .*")).toList();
        assertEquals(ranking.hypotheses().size(), rows.size(), r.out());
        for (int i = 0; i < rows.size(); i++) {
            RankedHypothesis h = ranking.hypotheses().get(i);
            assertTrue(
                    rows.get(i)
                            .matches("\\s+" + h.rank() + "  " + java.util.regex.Pattern.quote(h.label()) + "\\s+.*"
                                    + java.util.regex.Pattern.quote(
                                            String.format(java.util.Locale.ROOT, "%+.2f", h.log10LikelihoodRatio()))
                                    + ".*"),
                    rows.get(i));
        }
        // each evidence line: the ratio, the finding and its status, the works of the rows it rests on and the
        // frequencies it was derived from
        org.aspskg.ddx.rank.Evidence deep = ranking.top().evidence().stream()
                .filter(e -> e.featureLabel().equals("deep soft tissue"))
                .findFirst()
                .orElseThrow();
        String line = r.out()
                .lines()
                .filter(l -> l.contains("deep soft tissue present ('deep soft tissue')"))
                .findFirst()
                .orElseThrow();
        assertTrue(line.startsWith("   for      LR "), line);
        assertTrue(line.contains("radiopaedia-59433"), "the article is among the sources: " + line);
        assertTrue(line.endsWith("; " + deep.association().basis() + "]"), line);
        assertTrue(
                line.contains(String.format(
                        java.util.Locale.ROOT,
                        "%.0f %% in alveolar soft part sarcoma",
                        100 * deep.association().frequency())),
                line);
        assertTrue(r.err().contains("alveolar soft part sarcoma ranked first of 6"), r.err());
    }

    @Test
    void turtleOutputIsTheRankingGraph() {
        CliRun r = run("ddx", "--format", "ttl", EXAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        Model cli = ModelFactory.createDefaultModel().read(new StringReader(r.out()), null, "TTL");
        assertTrue(cli.isIsomorphicWith(ranked(EXAMPLE).rdf()));
    }

    @Test
    void controlCharactersInALabelOrTermArePrintedEscapedNotSentToTheTerminal(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("escape.json");
        Files.writeString(
                c,
                "{\"id\": \"esc\", \"label\": \"red \\u001b[31malert\\u0007 done\\r\", \"findings\": [\"thigh\"]}\n");
        CliRun r = run("ddx", c.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Case esc: red \\u001B[31malert\\u0007 done\\u000D ("), r.out());
        assertTrue(r.out().chars().noneMatch(ch -> ch < 0x20 && ch != '\n'), "no control character printed raw");

        Path bad = dir.resolve("bad-term.json");
        Files.writeString(bad, "{\"id\": \"esc2\", \"findings\": [\"thigh\", \"thi\\u001b]0;pwned\\u0007gh\"]}\n");
        CliRun e = run("ddx", "--strict", bad.toString());
        assertEquals(Main.EXIT_USER_ERROR, e.exit(), e.err());
        assertTrue(e.err().contains("\\u001B]0;pwned\\u0007"), e.err());
        assertTrue(e.err().chars().noneMatch(ch -> ch < 0x20 && ch != '\n'), "no control character printed raw");

        CliRun loose = run("ddx", bad.toString());
        assertEquals(0, loose.exit(), loose.err());
        // read loosely, the phrase is split at the punctuation; what is not understood is shown escaped
        assertTrue(loose.out().contains("'pwned\\u0007gh' not understood"), loose.out());
        assertTrue(loose.out().chars().noneMatch(ch -> ch < 0x20 && ch != '\n'), "no control character printed raw");
    }

    @Test
    void unknownFindingExitsTwoInStrictModeWithFileLineAndSuggestions(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"id\": \"bad\",\n \"findings\": [\"thigh\", \"flow viods\"]}\n");
        CliRun r = run("ddx", "--strict", bad.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals("", r.out());
        assertTrue(
                r.err()
                        .startsWith("error: " + bad + ":2:24: unknown finding 'flow viods'; did you mean 'flow voids' "
                                + "(aspskg:FlowVoid)"),
                r.err());
        assertTrue(r.err().contains("hint: "), r.err());
        assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void freeTextOnTheCommandLineRanksAsTheSameTextDoesOverJson(@TempDir Path dir) throws Exception {
        String text = "24-year-old woman, deep thigh mass, flow voids, TFE3 strongly positive, no calcification";
        CliRun plain = run("ddx", "--format", "json", "--text", text);
        assertEquals(0, plain.exit(), plain.err());
        Path file = dir.resolve("text.json");
        Files.writeString(file, "{\"text\": \"" + text + "\"}");
        CliRun json = run("ddx", "--format", "json", file.toString());
        assertEquals(0, json.exit(), json.err());
        // the same ranking; only where each phrase was written differs (the file's text starts later on its line)
        assertEquals(
                withoutPositions(RankingJson.MAPPER.readTree(plain.out()).get("hypotheses")),
                withoutPositions(RankingJson.MAPPER.readTree(json.out()).get("hypotheses")));
        CliRun table = run("ddx", "--text", text);
        assertTrue(table.out().contains("'calcification' → calcification (aspskg:Calcification), absent"), table.out());
    }

    private static JsonNode withoutPositions(JsonNode n) {
        if (n.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("line", "column"));
        }
        n.forEach(DdxCommandTest::withoutPositions);
        return n;
    }

    @Test
    void aCaseFileAndTextTogetherAreRefused() {
        CliRun r = run("ddx", "--text", "thigh", EXAMPLE.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("not both"), r.err());
    }

    @Test
    void contradictoryCaseExitsTwoNamingBothFindings(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("clash.json");
        Files.writeString(bad, "{\"findings\": [\"TFE3 positive\", \"TFE3 negative\"]}");
        CliRun r = run("ddx", "--format", "json", bad.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals("", r.out());
        assertTrue(
                r.err()
                        .startsWith("error: case clash is contradictory: 'TFE3 positive' (strong nuclear TFE3 "
                                + "immunostaining) at " + bad
                                + ":1:15 and 'TFE3 negative' (negative TFE3 immunostaining) at " + bad
                                + ":1:32 cannot both hold"),
                r.err());
    }

    @Test
    void unknownFormatAndMissingFileExitTwo() {
        assertEquals(
                Main.EXIT_USER_ERROR,
                run("ddx", "--format", "xml", EXAMPLE.toString()).exit());
        CliRun missing = run("ddx", "no/such/case.json");
        assertEquals(Main.EXIT_USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("no/such/case.json: no such readable file"), missing.err());
    }

    @Test
    void storeRankingWritesTheCaseToTheCasesGraphAndABadCaseLeavesTheStoreUntouched(@TempDir Path dir)
            throws Exception {
        Path tdb = dir.resolve("tdb2");
        org.aspskg.store.StandardBuild.of(org.aspskg.ontology.OntologyLoader.DEFAULT_ONTOLOGY, tdb)
                .build();
        CliRun r = run("ddx", "--store-ranking", "--store", tdb.toString(), EXAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("stored in the cases graph of " + tdb), r.err());
        long stored;
        try (org.aspskg.store.KnowledgeGraphStore kg = org.aspskg.store.KnowledgeGraphStore.open(tdb)) {
            CasesGraph cases = new CasesGraph(kg.datasetGraph());
            assertTrue(cases.contains("https://w3id.org/asps-kg/case/asps-thigh-young-woman"));
            stored = cases.size();
        }
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"findings\": [\"TFE3 positive\", \"TFE3 negative\"]}");
        assertEquals(
                Main.EXIT_USER_ERROR,
                run("ddx", "--store-ranking", "--store", tdb.toString(), bad.toString())
                        .exit());
        try (org.aspskg.store.KnowledgeGraphStore kg = org.aspskg.store.KnowledgeGraphStore.open(tdb)) {
            assertEquals(stored, new CasesGraph(kg.datasetGraph()).size());
        }
        CliRun missing =
                run("ddx", "--store-ranking", "--store", dir.resolve("none").toString(), EXAMPLE.toString());
        assertEquals(Main.EXIT_USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("no store at"), missing.err());
    }

    @Test
    void checkWithHermitAgreesOnAnExample() {
        CliRun r = run(
                "ddx",
                "--check-with-hermit",
                Path.of("ontology", "examples", "asps-buttock-lung-metastases.ttl")
                        .toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("HermiT agrees with the compiled classifier"), r.err());
    }
}
