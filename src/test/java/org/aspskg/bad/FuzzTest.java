package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.query.OutputFormat;
import org.aspskg.query.ServicePolicy;
import org.aspskg.query.SparqlQueries;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing ({@link Mutator}) of every reader and of the running server: byte- and token-mutated
 * JSON and Turtle cases, N-Triples cohorts, SSSOM mapping sets, SPARQL queries and Turtle ontologies. A reader may refuse an input only with
 * an {@link AspsKgException} (a message for people) — any other exception or error is a bug; the
 * server never answers 5xx and {@code ASK {}} answers afterwards. {@code -Dfuzz.tries=N} sets the
 * inputs per entry point (default 60; the documented full run uses 2000), {@code -Dfuzz.seed=S}
 * the seed.
 */
class FuzzTest {
    static final int TRIES = Integer.getInteger("fuzz.tries", 60);
    static final long SEED = Long.getLong("fuzz.seed", 20L);

    /**
     * How long one entry point's inputs may take in all before the run counts as hung: 10 minutes,
     * or 300 ms per input (per request at the server) for a longer run, so that the documented full
     * run on a shared machine fails on a hang, not on its size.
     */
    static Duration budget(int inputs) {
        return Duration.ofMillis(Math.max(TimeUnit.MINUTES.toMillis(10), 300L * inputs));
    }

    @TempDir
    static Path dir;

    static KnowledgeGraphStore store;
    static KnowledgeGraphServer server;
    static DifferentialPipeline pipeline;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        Path tdb = dir.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, tdb).build();
        store = KnowledgeGraphStore.open(tdb);
        pipeline = TestKnowledge.knowledge().pipeline();
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(pipeline)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static List<byte[]> seeds(String glob, Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) out.add(Files.readAllBytes(p));
        }
        return out;
    }

    /** What an input did that it must not: its number (reproduce with the seed) and what was thrown. */
    private static String describe(int i, Throwable t) {
        return "input " + i + " (seed " + SEED + "): " + t;
    }

    /** Feeds TRIES mutated inputs to a reader; any throwable but AspsKgException is collected. */
    private void fuzzReader(String ext, List<byte[]> seeds, long salt, ReaderCall call) {
        Mutator m = new Mutator(SEED * 31 + salt);
        List<String> failures = new ArrayList<>();
        int[] accepted = {0};
        int[] refused = {0};
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(budget(TRIES), () -> {
            for (int i = 0; i < TRIES; i++) {
                byte[] input = m.mutate(seeds.get(i % seeds.size()));
                Path file = tmp.resolve("fuzz-" + i + ext);
                Files.write(file, input);
                try {
                    call.read(file, input);
                    accepted[0]++;
                } catch (AspsKgException expected) {
                    refused[0]++;
                    assertTrue(expected.getMessage() != null
                            && !expected.getMessage().isBlank());
                } catch (Throwable t) {
                    failures.add(describe(i, t));
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        });
        System.out.printf(
                "fuzz %s (seed %d): %d inputs, %d read, %d refused with a message, %d escaped, %d s%n",
                ext, SEED, TRIES, accepted[0], refused[0], failures.size(), (System.nanoTime() - t0) / 1_000_000_000);
        assertEquals(List.of(), failures, failures.size() + " of " + TRIES + " inputs escaped as other than a message");
    }

    interface ReaderCall {
        void read(Path file, byte[] bytes) throws Exception;
    }

    @Test
    void mutatedJsonCasesAreRankedOrRefusedWithAMessage() throws IOException {
        fuzzReader(
                ".json",
                seeds("*.json", Path.of("ontology", "examples")),
                1,
                (file, bytes) -> pipeline.rank(pipeline.read(CaseInput.file(file))));
    }

    @Test
    void mutatedTurtleCasesAreRankedOrRefusedWithAMessage() throws IOException {
        fuzzReader(
                ".ttl",
                seeds("*.ttl", Path.of("ontology", "examples")),
                2,
                (file, bytes) -> pipeline.rank(pipeline.read(CaseInput.file(file))));
    }

    @Test
    void mutatedQueriesAreAnsweredOrRefusedWithAMessage() throws IOException {
        fuzzReader(".rq", seeds("*.rq", Path.of("queries")), 3, (file, bytes) -> {
            Query q = SparqlQueries.parse(file);
            SparqlQueries.run(
                    store.dataset(),
                    q,
                    OutputFormat.CSV,
                    new ByteArrayOutputStream(),
                    SparqlQueries.context("2000", ServicePolicy.none()));
        });
    }

    @Test
    void mutatedTurtleOntologiesAreReadOrRefusedWithAMessage() throws IOException {
        List<byte[]> seeds = List.of(
                Files.readAllBytes(Path.of("ontology", "shapes", "case-shapes.ttl")),
                Files.readAllBytes(Path.of("src", "test", "resources", "ontology", "asps-before-restructure.ttl")));
        fuzzReader(".ttl", seeds, 4, (file, bytes) -> OntologyLoader.load(file));
    }

    /**
     * The cohort loader of {@code build --cases}: mutated N-Triples cohorts (the Turtle example cases,
     * written as N-Triples), read and checked as {@code ddx} checks a case.
     */
    @Test
    void mutatedCohortFilesAreLoadedOrRefusedWithAMessage() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] turtle : seeds("*.ttl", Path.of("ontology", "examples"))) {
            Model m = ModelFactory.createDefaultModel();
            RDFParser.source(new ByteArrayInputStream(turtle)).lang(Lang.TURTLE).parse(m);
            ByteArrayOutputStream nt = new ByteArrayOutputStream();
            RDFDataMgr.write(nt, m, Lang.NTRIPLES);
            seeds.add(nt.toByteArray());
        }
        DdxKnowledge knowledge = DdxKnowledge.cached(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES);
        fuzzReader(
                ".nt",
                seeds,
                6,
                (file, bytes) ->
                        knowledge.cohortLoader(List.of(file), true).loadInto(StreamRDFLib.sinkNull(), line -> {}));
    }

    /** The SSSOM reader of {@code map --check}: the project's mapping set, mutated. */
    @Test
    void mutatedSssomFilesAreReadOrRefusedWithAMessage() throws IOException {
        fuzzReader(
                ".sssom.tsv",
                List.of(Files.readAllBytes(Path.of("ontology", "mappings", "asps.sssom.tsv"))),
                7,
                (file, bytes) -> SssomReader.read(file));
    }

    @Test
    void theServerAnswersMutatedCasesAndQueriesWithoutA5xxAndStaysHealthy() throws Exception {
        List<byte[]> json = seeds("*.json", Path.of("ontology", "examples"));
        List<byte[]> turtle = seeds("*.ttl", Path.of("ontology", "examples"));
        List<byte[]> queries = seeds("*.rq", Path.of("queries"));
        Mutator m = new Mutator(SEED * 31 + 5);
        String base = server.datasetUrl("127.0.0.1");
        List<String> failures = new ArrayList<>();
        int[] sent = new int[1];
        Map<String, Integer> statuses = new TreeMap<>();
        assertTimeoutPreemptively(budget(3 * TRIES).plusMinutes(5), () -> {
            for (int i = 0; i < TRIES; i++) {
                for (var kind : Stream.of("json", "turtle", "query").toList()) {
                    byte[] body = switch (kind) {
                        case "json" -> m.mutate(json.get(i % json.size()));
                        case "turtle" -> m.mutate(turtle.get(i % turtle.size()));
                        default -> m.mutate(queries.get(i % queries.size()));
                    };
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create(base + (kind.equals("query") ? "/sparql" : "/ddx")))
                            .timeout(Duration.ofSeconds(90))
                            .header(
                                    "Content-Type",
                                    switch (kind) {
                                        case "json" -> "application/json";
                                        case "turtle" -> "text/turtle";
                                        default -> "application/sparql-query";
                                    })
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    sent[0]++;
                    statuses.merge(kind + " " + r.statusCode(), 1, Integer::sum);
                    if (r.statusCode() >= 500) {
                        failures.add(kind + " input " + i + " (seed " + SEED + "): " + r.statusCode() + " "
                                + r.body().substring(0, Math.min(300, r.body().length())));
                    }
                }
            }
        });
        HttpRequest ask = HttpRequest.newBuilder(
                        URI.create(base + "/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build();
        assertEquals(200, HTTP.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode(), "ASK {} after fuzzing");
        System.out.printf("fuzz server (seed %d): %d requests, statuses %s%n", SEED, sent[0], statuses);
        assertEquals(List.of(), failures, failures.size() + " of " + sent[0] + " requests answered 5xx");
    }
}
