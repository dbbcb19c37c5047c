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
import java.net.http.HttpTimeoutException;
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

    private record Server(Process process, String base, Path log) {}

    private int started;

    /**
     * Starts {@code serve} on the store and waits until {@code ASK {}} answers, for as long as the child
     * progresses ({@link ChildProgress}); its stdout and stderr go to a log file beside the store.
     */
    private Server start(Path store) throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, USER + ": " + PASSWORD + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("serve-" + (++started) + ".log");
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
                        passwords.toString(),
                        // the bulk update (100,000 triples, about 4.5 MB) is over the default 1 MiB body
                        // limit: without this it was refused with 413 before anything could be killed
                        "--max-body",
                        "20000000")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        String base = "http://127.0.0.1:" + port + "/asps";
        try {
            ChildProgress.await("serve answering ASK {}", ChildProgress.Signs.of(p, log, () -> 0), () -> {
                if (!p.isAlive()) throw new AssertionError("serve exited early:\n" + ChildProgress.tail(log, 20));
                try {
                    return ask(base) == 200;
                } catch (IOException e) {
                    return false; // not up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            });
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\n" + ChildProgress.tail(log, 20), e);
        }
        return new Server(p, base, log);
    }

    private static int ask(String base) throws IOException, InterruptedException {
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
                            // a cold server on a loaded machine may take minutes over its first case
                            .timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "application/json")
                            .header("Authorization", auth())
                            .POST(HttpRequest.BodyPublishers.ofString(caseJson(id)))
                            .build();
                    sent.incrementAndGet();
                    try {
                        if (HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200)
                            acknowledged.add(AspsVocabulary.CASE_NS + id);
                    } catch (HttpTimeoutException e) {
                        // slow, not gone: send the next one
                    } catch (IOException e) {
                        return null; // the server is gone
                    }
                }
                return null;
            });
        }
        // the kill comes millis after the first acknowledged write (a cold server ranks its first case slowly)
        // and the wait for it lasts while the server works (its CPU time, its log, the requests sent)
        try {
            ChildProgress.await(
                    "a first stored case (" + sent + " sent)",
                    ChildProgress.Signs.of(server.process(), server.log(), sent::get),
                    () -> !acknowledged.isEmpty());
        } catch (AssertionError e) {
            stop.set(true);
            clients.shutdownNow();
            kill(server.process());
            throw new AssertionError(e.getMessage() + "\n" + ChildProgress.tail(server.log(), 20), e);
        }
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
        // three kills at a time after the update was sent, and one (-1) just after it was acknowledged:
        // on a loaded machine the first three may all land before the commit, the last never does
        for (int millis : new int[] {300, 1200, 3000, -1}) {
            Server server = start(store);
            HttpRequest r = HttpRequest.newBuilder(URI.create(server.base() + "/update"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/sparql-update")
                    .header("Authorization", auth())
                    .POST(HttpRequest.BodyPublishers.ofString(update.toString()))
                    .build();
            var answer = HTTP.sendAsync(r, HttpResponse.BodyHandlers.discarding());
            if (millis >= 0) Thread.sleep(millis);
            else answer.get(120, TimeUnit.SECONDS);
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
            if (millis < 0) assertTrue(acknowledged, "the update was acknowledged before the last kill");
        }
        System.out.println("bulk update kills: triples after restart " + seen);
    }
}
