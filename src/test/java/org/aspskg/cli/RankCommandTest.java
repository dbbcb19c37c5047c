package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.render.RankedCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg rank} on the command line: its output file, its summary and its usage errors. */
class RankCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theExampleCasesRankToACsvRowEachWithDdxsTopDiagnosis() throws IOException {
        Path out = tmp.resolve("examples.csv");
        CliRun r = CliRun.of("rank", "--quiet", "--out", out.toString(), TestKnowledge.EXAMPLES.toString());
        assertEquals(0, r.exit(), r.err());
        List<Path> json;
        try (Stream<Path> s = Files.list(TestKnowledge.EXAMPLES)) {
            json = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(
                r.out().startsWith("rank: " + json.size() + " cases, " + json.size() + " ranked, 0 excluded"), r.out());
        assertEquals("", r.err(), "--quiet: nothing on stderr");
        List<String> rows = Files.readAllLines(out);
        assertEquals("case,top_diagnosis,top_label,post_test_probability,top3", rows.get(0));
        assertEquals(json.size() + 1, rows.size());
        for (int i = 0; i < json.size(); i++) {
            RankedCase ddx = TestKnowledge.pipeline().rank(TestKnowledge.read(json.get(i)));
            assertTrue(
                    rows.get(i + 1)
                            .startsWith(ddx.patientCase().iri() + ","
                                    + ddx.ranking().top().disease() + ","),
                    rows.get(i + 1));
        }
    }

    @Test
    void usageErrorsExitTwoWithAHintAndWriteNothing() {
        CliRun none = CliRun.of("rank");
        assertEquals(Main.EXIT_USER_ERROR, none.exit());
        assertTrue(none.err().startsWith("error: nothing to rank"), none.err());

        CliRun both = CliRun.of("rank", "--from-store", "x.nt");
        assertEquals(Main.EXIT_USER_ERROR, both.exit());
        assertTrue(both.err().startsWith("error: --from-store with case files"), both.err());

        Path out = tmp.resolve("rankings.xlsx");
        CliRun format = CliRun.of("rank", "--out", out.toString(), TestKnowledge.EXAMPLES.toString());
        assertEquals(Main.EXIT_USER_ERROR, format.exit());
        assertTrue(format.err().startsWith("error: " + out + ": cannot write rankings in this format"), format.err());

        CliRun missing =
                CliRun.of("rank", "--store", tmp.resolve("none").toString(), TestKnowledge.EXAMPLES.toString());
        assertEquals(Main.EXIT_USER_ERROR, missing.exit());
        assertTrue(missing.err().startsWith("error: no store at "), missing.err());
        assertFalse(Files.exists(tmp.resolve("none")), "no store is created");
        for (CliRun r : List.of(none, both, format, missing))
            assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void inputsAndOptionsAreCheckedBeforeTheKnowledgeIsLoaded() {
        // an ontology that does not exist would fail the run if it were loaded first
        String noOntology = tmp.resolve("no-ontology.ofn").toString();
        Path input = tmp.resolve("no-cohort.nt");
        CliRun missing = CliRun.of("rank", "--ontology", noOntology, "--out", "x.csv", input.toString());
        assertEquals(Main.EXIT_USER_ERROR, missing.exit());
        assertTrue(missing.err().startsWith("error: " + input + ": no such readable file"), missing.err());

        CliRun truth = CliRun.of(
                "rank",
                "--ontology",
                noOntology,
                "--truth",
                "truth.tsv",
                "--out",
                tmp.resolve("r.csv").toString(),
                TestKnowledge.EXAMPLES.toString());
        assertEquals(Main.EXIT_USER_ERROR, truth.exit());
        assertTrue(truth.err().startsWith("error: --truth with --out "), truth.err());

        CliRun workers =
                CliRun.of("rank", "--ontology", noOntology, "--workers", "0", TestKnowledge.EXAMPLES.toString());
        assertEquals(Main.EXIT_USER_ERROR, workers.exit());
        assertTrue(workers.err().startsWith("error: --workers 0: must be at least 1"), workers.err());
    }
}
