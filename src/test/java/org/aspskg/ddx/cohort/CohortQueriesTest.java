package org.aspskg.ddx.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.system.Txn;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.query.AnswerComparison;
import org.aspskg.query.QueryAnswer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cohort queries ({@code queries/cohort/}) on a fixed generated cohort (300 cases, seed 5) ranked
 * into a store with its truth table: each gives its expected answer ({@code NN-name.srj}), and the
 * counts agree with the same figures computed from the rankings in Java. When the ranking changes on
 * purpose, rewrite the expected answers with {@code -Dasps.cohortQueries.write=true} and review the diff.
 */
class CohortQueriesTest {
    static final Path DIR = Path.of("queries", "cohort");
    private static final int CASES = 300;
    private static final long SEED = 5;

    @TempDir
    static Path tmp;

    private static Path store;
    /** Each case's ranking, and its reference diagnosis, as the pipeline gives them. */
    private static final Map<String, DifferentialRanking> rankings = new HashMap<>();

    private static final Map<String, String> truth = new HashMap<>();

    @BeforeAll
    static void rankedCohort() throws IOException {
        DdxKnowledge k = TestKnowledge.knowledge();
        Path cohort = tmp.resolve("cohort.nt");
        Path truthFile = tmp.resolve("truth.tsv");
        CohortFiles.write(k, CASES, SEED, cohort, truthFile);
        store = tmp.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, store).build();
        k.cohortRanking().files(List.of(cohort)).intoStore(store, false, k.truthTable(truthFile), line -> {});
        for (int i = 1; i <= CASES; i++) {
            CohortGenerator.GeneratedCase g = k.cohortGenerator().generateCase(SEED, i);
            rankings.put(
                    g.patientCase().iri(), k.pipeline().rank(g.patientCase()).ranking());
            truth.put(g.patientCase().iri(), g.trueDiagnosis());
        }
    }

    private static ResultSetRewindable run(String name) {
        Query q = QueryFactory.read(DIR.resolve(name + ".rq").toString());
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return Txn.calculateRead(kg.dataset(), () -> {
                try (QueryExecution qe =
                        QueryExecution.dataset(kg.dataset()).query(q).build()) {
                    return ResultSetFactory.copyResults(qe.execSelect());
                }
            });
        }
    }

    /** The query's answer equals its .srj (written instead with -Dasps.cohortQueries.write=true). */
    private static ResultSetRewindable answers(String name) throws IOException {
        ResultSetRewindable rs = run(name);
        Path expected = DIR.resolve(name + ".srj");
        if (Boolean.getBoolean("asps.cohortQueries.write")) {
            try (OutputStream out = Files.newOutputStream(expected)) {
                ResultSetFormatter.outputAsJSON(out, rs);
            }
            rs.reset();
        }
        Query q = QueryFactory.read(DIR.resolve(name + ".rq").toString());
        Optional<String> diff = AnswerComparison.differences(
                q, org.aspskg.query.ExpectedResults.read(expected, q), QueryAnswer.Table.of(rs));
        rs.reset();
        assertTrue(diff.isEmpty(), () -> name + ": " + diff.get());
        return rs;
    }

    @Test
    void casesRankedAspsFirstAreThoseWhoseRankingPutsAspsFirst() throws IOException {
        ResultSetRewindable rs = answers("01-cases-ranked-asps-first");
        long expected = rankings.values().stream()
                .filter(r -> r.top().disease().equals(AspsVocabulary.iri("AlveolarSoftPartSarcoma")))
                .count();
        assertTrue(expected > 0, "the cohort has cases ranked ASPS first");
        assertEquals(expected, rs.size());
    }

    @Test
    void closeCallsAreTheCasesWhoseSecondHypothesisIsWithinTenPercentOfTheFirst() throws IOException {
        ResultSetRewindable rs = answers("02-top-two-within-ten-percent");
        long expected = rankings.values().stream()
                .filter(r -> r.hypotheses().get(1).postTestProbability()
                        >= 0.9 * r.hypotheses().get(0).postTestProbability())
                .count();
        assertEquals(expected, rs.size());
    }

    @Test
    void accuracyCountsTheCasesRankedWithTheirReferenceDiagnosisFirst() throws IOException {
        ResultSetRewindable rs = answers("03-accuracy-against-reference");
        long correct = rankings.entrySet().stream()
                .filter(e -> e.getValue().top().disease().equals(truth.get(e.getKey())))
                .count();
        var overall = Stream.generate(rs::next)
                .limit(rs.size())
                .filter(row -> !row.contains("reference"))
                .findFirst()
                .orElseThrow();
        assertEquals(CASES, overall.getLiteral("cases").getLong());
        assertEquals(correct, overall.getLiteral("correct").getLong());
    }
}
