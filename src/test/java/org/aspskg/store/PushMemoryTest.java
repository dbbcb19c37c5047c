package org.aspskg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --target}'s push stays within a heap smaller than the graph it sends: a child JVM with
 * {@value #HEAP} pushes a graph of about 200 MB of N-Triples to two Graph Store endpoints on loopback, one
 * that names itself Fuseki (the body goes with chunked transfer coding, written once into the request) and
 * one that names itself Virtuoso (the body is spooled to a file once and sent with its Content-Length).
 * Each endpoint receives every triple; the spool file is gone afterwards. (The Virtuoso stand-in's
 * {@code /sparql} answers the push's count with the lines it received.)
 */
class PushMemoryTest {
    private static final String HEAP = "-Xmx64m";
    private static final int TRIPLES = 100_000;
    private static final int LITERALS = 500; // few distinct nodes, so TDB2's node caches stay small
    private static final String GRAPH = "http://example.org/big-push";

    /** What one endpoint received: the framing of the PUT, and its body's lines and bytes. */
    private record Received(String transferEncoding, String contentLength, long lines, long bytes) {}

    @TempDir
    Path dir;

    private HttpServer sink;
    private final java.util.Map<String, Received> received = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (sink != null) sink.stop(0);
    }

    @Test
    void aGraphLargerThanThePushersHeapReachesBothKindsOfEndpointWhole() throws Exception {
        Path store = dir.resolve("tdb2");
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.connect(store)) {
            fill(kg.datasetGraph());
        }
        sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/fuseki/data", ex -> answer(ex, "Apache Jena Fuseki (5.6.0)", "fuseki"));
        sink.createContext("/sparql-graph-crud", ex -> answer(ex, "Virtuoso/07.20.3229 (Linux)", "virtuoso"));
        sink.createContext("/sparql", this::count); // where the push counts what Virtuoso stored
        sink.start();
        String base = "http://127.0.0.1:" + sink.getAddress().getPort();

        Path spool = Files.createDirectory(dir.resolve("spool"));
        Path log = dir.resolve("child.log");
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        HEAP,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.io.tmpdir=" + spool,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PushChild.class.getName(),
                        store.toString(),
                        GRAPH,
                        base + "/fuseki/data",
                        base + "/sparql-graph-crud")
                .redirectError(log.toFile())
                .redirectOutput(out.toFile())
                .start();
        boolean ended = child.waitFor(15, TimeUnit.MINUTES);
        if (!ended) child.destroyForcibly();
        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the child ended: " + err);
        assertEquals(0, child.exitValue(), err);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines + "\n" + err);
        String[] chunked = lines.get(0).split(" ");
        String[] spooled = lines.get(1).split(" ");
        assertEquals(List.of("CHUNKED", String.valueOf(TRIPLES)), List.of(chunked[0], chunked[1]));
        assertEquals(List.of("SPOOLED", String.valueOf(TRIPLES)), List.of(spooled[0], spooled[1]));
        long bytes = Long.parseLong(chunked[2]);
        assertTrue(bytes > 150L << 20, "the graph is larger than the child's heap: " + bytes);
        assertEquals(bytes, Long.parseLong(spooled[2]));

        Received fuseki = received.get("fuseki");
        assertEquals(new Received("chunked", null, TRIPLES, bytes), fuseki);
        Received virtuoso = received.get("virtuoso");
        assertEquals(new Received(null, String.valueOf(bytes), TRIPLES, bytes), virtuoso);
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(
                    List.of(),
                    left.filter(p -> p.getFileName().toString().startsWith("asps-kg-push"))
                            .toList(),
                    "no spool file left");
        }
    }

    /** {@value #TRIPLES} triples, each with one of {@value #LITERALS} literals of 2,000 characters. */
    private static void fill(DatasetGraph dsg) {
        Node g = NodeFactory.createURI(GRAPH);
        Node p = NodeFactory.createURI("http://example.org/p");
        String filler = "x".repeat(2000);
        for (int start = 0; start < TRIPLES; start += 20_000) {
            int from = start;
            Txn.executeWrite(dsg, () -> {
                for (int i = from; i < from + 20_000; i++) {
                    dsg.add(
                            g,
                            NodeFactory.createURI("http://example.org/s" + i),
                            p,
                            NodeFactory.createLiteralString(i % LITERALS + " " + filler));
                }
            });
        }
    }

    /** A SPARQL COUNT result: the lines the Virtuoso stand-in received. */
    private void count(HttpExchange ex) throws IOException {
        Received virtuoso = received.get("virtuoso");
        byte[] json = ("{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":[{\"n\":{\"type\":\"literal\","
                        + "\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\",\"value\":\""
                        + (virtuoso == null ? 0 : virtuoso.lines()) + "\"}}]}}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/sparql-results+json");
        ex.sendResponseHeaders(200, json.length);
        ex.getResponseBody().write(json);
        ex.close();
    }

    /** HEAD: the Server header only; PUT: reads the body as it comes, counting lines and bytes, then 201. */
    private void answer(HttpExchange ex, String server, String name) throws IOException {
        ex.getResponseHeaders().set("Server", server);
        if (ex.getRequestMethod().equals("PUT")) {
            long lines = 0;
            long bytes = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = ex.getRequestBody()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) if (buffer[i] == '\n') lines++;
                }
            }
            received.put(
                    name,
                    new Received(
                            ex.getRequestHeaders().getFirst("Transfer-encoding"),
                            ex.getRequestHeaders().getFirst("Content-length"),
                            lines,
                            bytes));
            ex.sendResponseHeaders(201, -1);
        } else {
            ex.sendResponseHeaders(200, -1);
        }
        ex.close();
    }
}
