package org.aspskg.ddx.cohort;

import static org.aspskg.store.TestStores.fileDigests;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON Lines cohort ({@code cohort.jsonl}, one JSON case a line): written by {@code generate} with
 * the same cases as the other formats, ranked by {@code rank} to the same rankings as the N-Triples
 * of the same seed, loaded by {@code build --cases} as the same RDF, and a bad line placed by file:line.
 */
class JsonLinesCohortTest {
    private static final int CASES = 300;
    private static final long SEED = 7;

    @TempDir
    static Path shared;

    private static DdxKnowledge k;
    private static Path dir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void cohort() throws IOException {
        k = TestKnowledge.knowledge();
        dir = shared.resolve("cohort");
        k.cohortWriter()
                .write(
                        k.cohortGenerator().generate(CASES, SEED),
                        dir,
                        EnumSet.of(CohortWriter.Format.JSON, CohortWriter.Format.JSONL, CohortWriter.Format.NT));
    }

    private static CohortRanking ranking() {
        // small chunks and two workers: chunk boundaries and out-of-order completion are exercised
        return k.cohortRanking().chunkCases(32).workers(2);
    }

    private static byte[] rankTo(Path out, Path input) throws IOException {
        ranking().files(List.of(input)).run(RankingOutputs.toFile(out, null));
        return Files.readAllBytes(out);
    }

    @Test
    void eachLineIsTheJsonCaseFileOfTheSameCaseInTruthOrderAndTheBytesRepeat() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("cohort.jsonl"));
        List<String> truth = Files.readAllLines(dir.resolve("truth.tsv"));
        assertEquals(CASES, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < CASES; i++) {
            String id = truth.get(i + 1).split("\t")[0];
            assertEquals(
                    json.readTree(dir.resolve("json").resolve(id + ".json").toFile()),
                    json.readTree(lines.get(i)),
                    "line " + (i + 1));
        }
        Path again = tmp.resolve("again");
        k.cohortWriter().write(k.cohortGenerator(), CASES, SEED, again, EnumSet.of(CohortWriter.Format.JSONL));
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("cohort.jsonl")), Files.readAllBytes(again.resolve("cohort.jsonl")));
    }

    @Test
    void theJsonLinesAndTheNTriplesOfASeedRankToTheSameCsvAndRdf() throws IOException {
        Path jsonl = dir.resolve("cohort.jsonl");
        Path gz = tmp.resolve("cohort.jsonl.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(jsonl, out);
        }
        byte[] fromNt = rankTo(tmp.resolve("nt.csv"), dir.resolve("cohort.nt"));
        assertEquals(
                CASES + 1, new String(fromNt, StandardCharsets.UTF_8).lines().count());
        assertArrayEquals(fromNt, rankTo(tmp.resolve("jsonl.csv"), jsonl));
        assertArrayEquals(fromNt, rankTo(tmp.resolve("gz.csv"), gz));
        assertArrayEquals(fromNt, rankTo(tmp.resolve("dir.csv"), dir.resolve("json")));
        rankTo(tmp.resolve("nt.nt"), dir.resolve("cohort.nt"));
        rankTo(tmp.resolve("jsonl.nt"), jsonl);
        Model expected = RDFDataMgr.loadModel(tmp.resolve("nt.nt").toString());
        assertTrue(expected.isIsomorphicWith(
                RDFDataMgr.loadModel(tmp.resolve("jsonl.nt").toString())));

        CohortRanking.Report report =
                ranking().files(List.of(jsonl)).run(RankingOutputs.toFile(tmp.resolve("r.jsonl"), null));
        assertEquals(CASES, report.cases());
        assertTrue(report.validated(), "JSON cases are always checked");
        assertEquals(CASES, Files.readAllLines(tmp.resolve("r.jsonl")).size());
    }

    @Test
    void badLinesFailTheRunWithFileAndLineAndLeaveTheStoreAndOutAsTheyWere() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("cohort.jsonl")));
        lines.set(4, lines.get(4).replace("\"findings\"", "\"findigns\"")); // line 5: an unknown key
        lines.set(7, ""); // line 8: empty
        lines.set(11, lines.get(11).substring(0, 40)); // line 12: cut short
        lines.set(199, lines.get(199).replace("\"age\":", "\"age\":\"old\",\"x\":")); // line 200, a later chunk
        Path bad = tmp.resolve("bad.jsonl");
        Files.write(bad, lines);
        Path out = tmp.resolve("out.csv");
        AspsKgException e = assertThrows(
                AspsKgException.class, () -> ranking().files(List.of(bad)).run(RankingOutputs.toFile(out, null)));
        for (String at : List.of(":5:", ":8:", ":12:", ":200:")) {
            assertTrue(e.getMessage().contains(bad + at), at + " in " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("unknown key \"findigns\"; did you mean \"findings\"?"), e.getMessage());
        assertTrue(e.getMessage().contains("JSON syntax"), e.getMessage());
        assertFalse(Files.exists(out), "no output file");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part")), "no partial file left");
        }

        Path store = tmp.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, store).build();
        ranking().files(List.of(dir.resolve("cohort.jsonl"))).intoStore(store, false, null, line -> {});
        Map<String, String> before = fileDigests(store);
        assertThrows(AspsKgException.class, () -> ranking().files(List.of(bad)).intoStore(store, false, null, l -> {}));
        assertEquals(before, fileDigests(store), "the store's files are untouched");
    }

    @Test
    void aLineWithoutIdIsNamedAfterTheFileAndTheLine() throws IOException {
        Path file = tmp.resolve("few.jsonl");
        Files.writeString(
                file,
                "{\"id\":\"a\",\"findings\":[\"TFE3 positive\"]}\n{\"findings\":[\"TFE3 positive\"]}\n",
                StandardCharsets.UTF_8);
        Path out = tmp.resolve("few.csv");
        rankTo(out, file);
        List<String> rows = Files.readAllLines(out);
        assertTrue(rows.get(1).startsWith("https://w3id.org/asps-kg/case/a,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("https://w3id.org/asps-kg/case/few-2,"), rows.get(2));
    }

    @Test
    void buildCasesLoadsAJsonLinesFileAsTheSameRdfAsTheDirectoryOfJsonCases() throws IOException {
        Graph fromLines = load(dir.resolve("cohort.jsonl"));
        assertTrue(load(dir.resolve("json")).isIsomorphicWith(fromLines));
        assertTrue(RDFDataMgr.loadGraph(dir.resolve("cohort.nt").toString()).isIsomorphicWith(fromLines));

        Path twice = tmp.resolve("twice.jsonl");
        List<String> lines = Files.readAllLines(dir.resolve("cohort.jsonl")).subList(0, 10);
        List<String> repeated = new ArrayList<>(lines);
        repeated.add(lines.get(2));
        Files.write(twice, repeated);
        AspsKgException e = assertThrows(AspsKgException.class, () -> load(twice));
        assertTrue(e.getMessage().contains(twice + ":11"), e.getMessage());
        assertTrue(e.getMessage().contains("loaded twice"), e.getMessage());
    }

    private static Graph load(Path input) {
        Graph loaded = GraphMemFactory.createDefaultGraph();
        k.cohortLoader(List.of(input), true).loadInto(StreamRDFLib.graph(loaded), line -> {});
        return loaded;
    }
}
