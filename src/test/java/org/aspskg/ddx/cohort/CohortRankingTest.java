package org.aspskg.ddx.cohort;

import static org.aspskg.store.TestStores.fileDigests;
import static org.aspskg.store.TestStores.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingGraph;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CohortRanking}: the rankings of a cohort equal those of {@code ddx} case by case, go into
 * the store's rankings graph (or a file) whole or not at all, and bad input is placed by file:line.
 */
class CohortRankingTest {
    private static final int CASES = 1000;

    @TempDir
    static Path shared;

    private static DdxKnowledge k;
    private static Path cohort;
    private static Path truth;

    @TempDir
    Path tmp;

    @BeforeAll
    static void cohort() throws IOException {
        k = TestKnowledge.knowledge();
        cohort = shared.resolve("cohort.nt.gz");
        truth = shared.resolve("truth.tsv");
        CohortFiles.write(k, CASES, 7, cohort, truth);
    }

    private CohortRanking ranking() {
        // small chunks and two workers, so that chunk boundaries and out-of-order completion are exercised
        return k.cohortRanking().chunkCases(64).workers(2);
    }

    /** The compact ranking of each case as ddx ranks it, read from the case's JSON form as ddx reads a file. */
    private static Model expectedRankings(List<String> excluded) {
        Model expected = ModelFactory.createDefaultModel();
        CohortWriter writer = k.cohortWriter();
        CohortGenerator generator = k.cohortGenerator();
        for (int i = 1; i <= CASES; i++) {
            var c = generator.generateCase(7, i).patientCase();
            RankedCase ranked;
            try {
                ranked = k.pipeline()
                        .rank(k.pipeline().read(CaseInput.json(writer.json(c).toString(), c.id() + ".json")));
            } catch (ContradictoryCaseException e) {
                excluded.add(c.iri());
                continue;
            }
            String ranking = RankingGraph.rankingIri(ranked.patientCase());
            for (Statement s : ranked.rdf().listStatements().toList()) {
                String subject = s.getSubject().isURIResource() ? s.getSubject().getURI() : "";
                boolean rankingNode = subject.equals(ranking)
                        || (subject.startsWith(ranking + "/")
                                && !subject.contains("/evidence/")
                                && !subject.contains("/clash/")
                                && !subject.startsWith(ranking + "/next/"));
                if (rankingNode
                        && RankingGraph.COMPACT_PREDICATES.contains(
                                s.getPredicate().asNode())) expected.add(s);
            }
        }
        return expected;
    }

    @Test
    void rankingsOfACohortEqualThoseOfDdxCaseByCase() {
        Path out = tmp.resolve("rankings.nt");
        CohortRanking.Report report = ranking().files(List.of(cohort)).run(RankingOutputs.toFile(out, null));
        List<String> excluded = new java.util.ArrayList<>();
        Model expected = expectedRankings(excluded);
        Model actual = RDFDataMgr.loadModel(out.toString());
        assertEquals(CASES, report.cases());
        assertTrue(
                String.join("\n", report.summary()).contains("compiled case checks; 0 of "),
                () -> "validated with the compiled checks, none left to jena-shacl: " + report.summary());
        assertEquals(CASES - excluded.size(), report.ranked());
        assertEquals(excluded.size(), report.excluded());
        assertTrue(expected.size() > CASES * 20, "every case has a ranking of several hypotheses");
        assertTrue(
                expected.isIsomorphicWith(actual),
                () -> "rank's rankings are ddx's, triple for triple; only ddx: "
                        + expected.difference(actual).listStatements().toList().stream()
                                .limit(5)
                                .toList() + "; only rank: "
                        + actual.difference(expected).listStatements().toList().stream()
                                .limit(5)
                                .toList());
    }

    @Test
    void rankingsReplaceTheStoresRankingsGraphAndLeaveTheOtherGraphsAsTheyWere() throws IOException {
        Path store = tmp.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, store)
                .cases(k.cohortLoader(List.of(cohort), false))
                .build();
        Map<String, Model> before = snapshot(store);
        TruthTable table = k.truthTable(truth);

        CohortRanking.Report fromFile = ranking().files(List.of(cohort)).intoStore(store, false, table, line -> {});
        Map<String, Model> after = snapshot(store);
        Path nt = tmp.resolve("rankings.nt");
        ranking().files(List.of(cohort)).run(RankingOutputs.toFile(nt, table));
        Model rankings = after.get(AspsVocabulary.GRAPH_RANKINGS);
        Model file = RDFDataMgr.loadModel(nt.toString());
        assertSameValues(file, rankings);
        assertEquals(
                CASES,
                rankings.listStatements(null, AspsVocabulary.REFERENCE_DIAGNOSIS, (RDFNode) null)
                        .toList()
                        .size(),
                "one reference diagnosis per case");
        before.forEach((g, m) -> assertTrue(m.isIsomorphicWith(after.get(g)), "graph " + g + " is unchanged"));
        assertEquals(CASES, fromFile.cases());

        // ranking the stored cases again gives the same graph, replacing the previous one
        CohortRanking.Report fromStore = ranking().intoStore(store, true, table, line -> {});
        assertEquals(CASES, fromStore.cases());
        // a store keeps no order of a case's statements, so a product of likelihood ratios may be formed in
        // another order than from the file: equal to the last bits of a double, near-ties may swap ranks
        assertSameWithinRounding(rankings, snapshot(store).get(AspsVocabulary.GRAPH_RANKINGS));
        assertNoStagingLeft(store);
    }

    @Test
    void aFailureMidwayLeavesTheStoreByteForByteAsItWas() throws IOException {
        Path store = tmp.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, store).build();
        ranking().files(List.of(cohort)).intoStore(store, false, null, line -> {});
        Map<String, String> before = fileDigests(store);

        CohortRanking failing = ranking().files(List.of(cohort)).progress(new CohortRanking.Progress() {
            @Override
            public void advanced(long done, long ranked) {
                if (ranked >= CASES / 3) throw new IllegalStateException("injected failure after " + ranked + " cases");
            }
        });
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> failing.intoStore(store, false, null, line -> {}));
        assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
        assertEquals(before, fileDigests(store), "the store's files are untouched");
        assertNoStagingLeft(store);
    }

    @Test
    void aBadCaseFailsTheRunWithItsFileAndLineAndWritesNothing() throws IOException {
        Path bad = tmp.resolve("bad.nt");
        List<String> lines =
                Files.readAllLines(shared.resolve("plain.nt").toFile().exists() ? shared.resolve("plain.nt") : plain());
        int at = 0;
        for (int i = lines.size() / 2; i < lines.size(); i++) {
            if (lines.get(i).contains("#type> <" + AspsVocabulary.NS)
                    && !lines.get(i).contains("PatientCase")) {
                at = i;
                break;
            }
        }
        String original = lines.get(at);
        String term = original.substring(original.lastIndexOf("<" + AspsVocabulary.NS));
        lines.set(at, original.replace(term, "<" + AspsVocabulary.NS + "NoSuchFinding> ."));
        Files.write(bad, lines);
        Path out = tmp.resolve("out.csv");

        AspsKgException e = assertThrows(
                AspsKgException.class, () -> ranking().files(List.of(bad)).run(RankingOutputs.toFile(out, null)));
        assertTrue(e.getMessage().contains(bad + ":" + (at + 1) + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchFinding"), e.getMessage());
        assertFalse(Files.exists(out), "no output file");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part")), "no partial file left");
        }
    }

    @Test
    void shapeViolationsAreTheSameFileLineProblemsWithTheCompiledChecksAndWithJenaShacl() throws IOException {
        Path bad = tmp.resolve("ages.nt");
        List<String> lines =
                Files.readAllLines(shared.resolve("plain.nt").toFile().exists() ? shared.resolve("plain.nt") : plain());
        List<Integer> ages = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("/ageInYears> ")) ages.add(i);
        assertTrue(ages.size() >= 3, "cases with an age: " + ages.size());
        // out of range, a string, and a second age: three shapes' results in three chunks' cases
        lines.set(ages.get(0), lines.get(ages.get(0)).replaceFirst("\"\\d+\"", "\"151\""));
        lines.set(ages.get(1), lines.get(ages.get(1)).replaceFirst("\"\\d+\"\\^\\^<[^>]+>", "\"forty\""));
        String third = lines.get(ages.get(2));
        lines.add(ages.get(2) + 1, third.replaceFirst("\"\\d+\"", "\"7\""));
        Files.write(bad, lines);
        Path out = tmp.resolve("out.csv");

        AspsKgException compiled = assertThrows(
                AspsKgException.class, () -> ranking().files(List.of(bad)).run(RankingOutputs.toFile(out, null)));
        AspsKgException shacl = assertThrows(
                AspsKgException.class,
                () -> ranking().shacl(true).files(List.of(bad)).run(RankingOutputs.toFile(out, null)));
        assertEquals(shacl.getMessage(), compiled.getMessage());
        // a second age is placed at the case's first age statement (SHACL's count result has no value)
        for (int line : List.of(ages.get(0), ages.get(1), ages.get(2))) {
            assertTrue(compiled.getMessage().contains(bad + ":" + (line + 1) + ":"), compiled.getMessage());
        }
        assertTrue(compiled.getMessage().contains("the age is one whole number of years from 0 to 150"));
        assertFalse(Files.exists(out), "no output file");
    }

    @Test
    void aContradictoryCaseIsExcludedAndNamedWhileTheOthersAreRanked() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("json"));
        Files.writeString(
                dir.resolve("a-clash.json"),
                "{\"id\": \"clash\", \"findings\": [\"TFE3 positive\", \"TFE3 negative\"]}");
        Files.writeString(dir.resolve("b-fine.json"), "{\"id\": \"fine\", \"findings\": [\"TFE3 positive\"]}");
        Path out = tmp.resolve("out.csv");
        CohortRanking.Report r = ranking().files(List.of(dir)).run(RankingOutputs.toFile(out, null));
        assertEquals(2, r.cases());
        assertEquals(1, r.ranked());
        assertEquals(1, r.contradictory());
        assertEquals(AspsVocabulary.NS + "case/clash", r.listed().get(0).caseIri());
        List<String> rows = Files.readAllLines(out);
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith(AspsVocabulary.NS + "case/fine,"), rows.get(1));
        assertTrue(r.summary().stream()
                .anyMatch(l -> l.contains("<" + AspsVocabulary.NS + "case/clash> (contradictory)")));
    }

    /**
     * The same statements, literals compared by value: TDB2 keeps an xsd:double as its value and gives
     * it back in the canonical lexical form, which may differ from the one written.
     */
    private static void assertSameValues(Model expected, Model actual) {
        assertEquals(expected.size(), actual.size());
        assertTrue(
                expected.difference(actual).isEmpty(),
                () -> "missing: "
                        + expected.difference(actual).listStatements().toList().stream()
                                .limit(5)
                                .toList());
        assertTrue(
                actual.difference(expected).isEmpty(),
                () -> "extra: "
                        + actual.difference(expected).listStatements().toList().stream()
                                .limit(5)
                                .toList());
    }

    /**
     * Each case's ranking gives each diagnosis the same post-test probability, to the last bits of a
     * double (and so hypotheses tied to those bits may swap ranks).
     */
    private static void assertSameWithinRounding(Model expected, Model actual) {
        assertEquals(expected.size(), actual.size());
        Map<String, Map<String, Double>> e = probabilities(expected);
        Map<String, Map<String, Double>> a = probabilities(actual);
        assertEquals(e.keySet(), a.keySet());
        e.forEach((ranking, byDiagnosis) -> {
            assertEquals(byDiagnosis.keySet(), a.get(ranking).keySet(), ranking);
            byDiagnosis.forEach((d, p) -> assertEquals(p, a.get(ranking).get(d), 1e-12, ranking + " " + d));
        });
    }

    private static Map<String, Map<String, Double>> probabilities(Model m) {
        Map<String, Map<String, Double>> out = new java.util.HashMap<>();
        m.listStatements(null, AspsVocabulary.HAS_RANKED_HYPOTHESIS, (RDFNode) null)
                .forEachRemaining(s -> {
                    var h = s.getResource();
                    out.computeIfAbsent(s.getSubject().getURI(), x -> new java.util.HashMap<>())
                            .put(
                                    h.getPropertyResourceValue(AspsVocabulary.HYPOTHESIS_DIAGNOSIS)
                                            .getURI(),
                                    h.getProperty(AspsVocabulary.POST_TEST_PROBABILITY)
                                            .getDouble());
                });
        return out;
    }

    private static Path plain() throws IOException {
        Path p = shared.resolve("plain.nt");
        CohortFiles.write(k, 50, 3, p, null);
        return p;
    }

    private static void assertNoStagingLeft(Path store) throws IOException {
        try (Stream<Path> s = Files.list(store.getParent())) {
            List<String> left = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".staging-") || n.contains(".previous-"))
                    .toList();
            assertEquals(List.of(), left);
        }
    }
}
