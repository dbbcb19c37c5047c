package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of a real {@code asps-kg serve --allow-writes} in a child JVM while logged-in
 * clients store rankings ({@code POST /asps/ddx?store=true}) or send a bulk SPARQL update: after a
 * restart every acknowledged case is there, every stored case is whole (as many triples as the same
 * case ranked in-process), and a bulk update is all there or not at all.
 */
class ServeKillTest {
    private static final String USER = "curator";
    private static final String PASSWORD = "kill-test-pw";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private record Server(Process process, String base) {}

    private Server start(Path store) throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, USER + ": " + PASSWORD + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.aspskg.cli.Main",
                        "serve",
                        "--store",
                        store.toString(),
                        "--port",
                        String.valueOf(port),
                        "--allow-writes",
                        "--password-file",
                        passwords.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String base = "http://127.0.0.1:" + port + "/asps";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                if (ask(base) == 200) return new Server(p, base);
            } catch (IOException e) {
                // not up yet
            }
            assertTrue(p.isAlive(), "serve exited early");
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not answer in 3 minutes");
    }

    private static int ask(String base) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(
                        URI.create(base + "/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5))
                .build();
        return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String auth() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String caseJson(String id) {
        return "{\"id\": \"" + id
                + "\", \"age\": 24, \"sex\": \"female\", \"findings\": [\"thigh\", \"deep soft tissue\","
                + " \"flow voids\", \"hypervascularity\"], \"absent\": [\"calcification\"]}";
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    private Path store() {
        return TestStores.copyOfShared(dir.resolve("tdb2"));
    }

    /** One kill point in a plain run; with -Dkill.all=true, early and later in the writes. */
    static IntStream killAfterMillis() {
        return Boolean.getBoolean("kill.all") ? IntStream.of(700, 2500) : IntStream.of(700);
    }

    @ParameterizedTest(name = "killed after {0} ms of writes")
    @MethodSource("killAfterMillis")
    void aServeKilledWhileStoringRankingsRestartsWithWholeCasesOnly(int millis) throws Exception {
        Path store = store();
        Server server = start(store);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String id = "kill-" + client + "-" + i;
                    HttpRequest r = HttpRequest.newBuilder(URI.create(server.base() + "/ddx?store=true"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", auth())
                            .POST(HttpRequest.BodyPublishers.ofString(caseJson(id)))
                            .build();
                    sent.incrementAndGet();
                    try {
                        if (HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200)
                            acknowledged.add(AspsVocabulary.CASE_NS + id);
                    } catch (IOException e) {
                        return null; // the server is gone
                    }
                }
                return null;
            });
        }
        // the kill comes millis after the first acknowledged write (a cold server ranks its first case slowly)
        long firstBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (acknowledged.isEmpty() && System.nanoTime() < firstBy) Thread.sleep(20);
        assertTrue(!acknowledged.isEmpty(), "a first case stored within 2 minutes (" + sent + " sent)");
        Thread.sleep(millis);
        kill(server.process());
        stop.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(!acknowledged.isEmpty(), "some cases were stored before the kill (" + sent + " sent)");

        long whole = TestKnowledge.knowledge()
                .pipeline()
                .rank(TestKnowledge.knowledge().pipeline().read(CaseInput.json(caseJson("reference"), "reference")))
                .rdf()
                .size();
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            Txn.executeRead(kg.datasetGraph(), () -> {
                Graph cases = kg.datasetGraph().getGraph(NodeFactory.createURI(AspsVocabulary.GRAPH_CASES));
                Set<String> stored = new HashSet<>();
                cases.find(Node.ANY, RDF.type.asNode(), AspsVocabulary.PATIENT_CASE.asNode())
                        .mapWith(t -> t.getSubject().getURI())
                        .filterKeep(iri -> iri.startsWith(AspsVocabulary.CASE_NS + "kill-"))
                        .forEachRemaining(stored::add);
                assertTrue(stored.containsAll(acknowledged), "every acknowledged case survives the kill");
                for (String iri : stored) {
                    List<Triple> triples = new ArrayList<>();
                    CasesGraph.subjectsStoredFor(cases, iri, new HashSet<>(), triples);
                    assertEquals(whole, triples.size(), iri + " is stored whole, with its ranking");
                }
            });
        }
        // and it serves again
        Server again = start(store);
        assertEquals(200, ask(again.base()));
        kill(again.process());
    }

    @Test
    void aServeKilledDuringABulkUpdateRestartsWithAllOfItOrNone() throws Exception {
        Path store = store();
        int triples = 100_000;
        StringBuilder update = new StringBuilder("INSERT DATA { GRAPH <urn:x-asps-kg:bulk> {\n");
        for (int i = 0; i < triples; i++)
            update.append("<urn:x-asps-kg:s")
                    .append(i)
                    .append("> <urn:x-asps-kg:p> \"")
                    .append(i)
                    .append("\" .\n");
        update.append("} }\n");
        List<Long> seen = new ArrayList<>();
        for (int millis : new int[] {300, 1200, 3000}) {
            Server server = start(store);
            HttpRequest r = HttpRequest.newBuilder(URI.create(server.base() + "/update"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/sparql-update")
                    .header("Authorization", auth())
                    .POST(HttpRequest.BodyPublishers.ofString(update.toString()))
                    .build();
            var answer = HTTP.sendAsync(r, HttpResponse.BodyHandlers.discarding());
            Thread.sleep(millis);
            kill(server.process());
            boolean acknowledged = answer.handle((a, e) -> e == null && a.statusCode() / 100 == 2)
                    .get();
            long n;
            try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
                n = Txn.calculateRead(kg.datasetGraph(), () -> (long) kg.datasetGraph()
                        .getGraph(NodeFactory.createURI("urn:x-asps-kg:bulk"))
                        .size());
                // start again from nothing for the next kill
                Txn.executeWrite(
                        kg.datasetGraph(),
                        () -> kg.datasetGraph()
                                .getGraph(NodeFactory.createURI("urn:x-asps-kg:bulk"))
                                .clear());
            }
            seen.add(n);
            assertTrue(n == 0 || n == triples, "killed after " + millis + " ms: " + n + " of " + triples + " triples");
            if (acknowledged) assertEquals(triples, n, "an acknowledged update survives the kill");
        }
        System.out.println("bulk update kills: triples after restart " + seen);
    }
}
