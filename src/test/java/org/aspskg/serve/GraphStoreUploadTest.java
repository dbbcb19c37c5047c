package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph Store uploads ({@code PUT}/{@code POST /asps/data} with writes on) are spooled to a file as
 * they arrive, under the same size and time limits as every other body, and parsed from there into
 * one TDB2 write transaction: a good upload is stored whole, a malformed one changes nothing, and no
 * spool file outlives its request. (That the heap does not hold the body: {@code UploadMemoryTest}.)
 */
class GraphStoreUploadTest {
    private static final String GRAPH = "http://example.org/uploaded";
    private static final String LOGIN = DifferentialEndpointTest.basic("loader", "pw-upload");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private DatasetGraph dataset;
    private KnowledgeGraphServer server;
    private Path spool;
    private String data;

    @BeforeEach
    void start() throws IOException {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "loader: pw-upload\n");
        spool = Files.createDirectory(dir.resolve("spool"));
        dataset = TDB2Factory.connectDataset(dir.resolve("tdb2").toString()).asDatasetGraph();
        server = KnowledgeGraphServer.create(dataset)
                .port(0)
                .limits(ServerLimits.defaults().withMaxBodyBytes(4L << 20).withBodyReadTimeout(Duration.ofSeconds(2)))
                .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
                .spoolDirectory(spool)
                .build()
                .start();
        data = server.datasetUrl("127.0.0.1") + "/data?graph=" + GRAPH;
    }

    @AfterEach
    void stop() {
        server.stop();
        dataset.close();
    }

    /** {@code n} triples of N-Triples, about 100 bytes each. */
    private static String triples(int from, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++)
            b.append("<urn:x:s")
                    .append(i)
                    .append("> <urn:x:p> \"value ")
                    .append(i)
                    .append(" of the upload\" .\n");
        return b.toString();
    }

    private HttpResponse<String> send(String method, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(data))
                        .header("Content-Type", "application/n-triples")
                        .header("Authorization", LOGIN)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long graphSize() {
        return Txn.calculateRead(
                dataset, () -> dataset.getGraph(NodeFactory.createURI(GRAPH)).size());
    }

    private long storeSize() {
        return Txn.calculateRead(dataset, () -> dataset.stream().count());
    }

    private void assertNoSpoolFileLeft() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(List.of(), files.toList(), "spool files left behind");
        }
    }

    @Test
    void anUploadIsStoredWholeAndItsSpoolFileDeleted() throws Exception {
        HttpResponse<String> put = send("PUT", triples(0, 30_000)); // about 1.7 MB, over Jetty's own buffers
        assertTrue(put.statusCode() / 100 == 2, put.statusCode() + " " + put.body());
        assertEquals(30_000, graphSize());
        HttpResponse<String> post = send("POST", triples(30_000, 10));
        assertTrue(post.statusCode() / 100 == 2, post.statusCode() + " " + post.body());
        assertEquals(30_010, graphSize(), "POST adds to the graph");
        assertNoSpoolFileLeft();
    }

    @Test
    void aMalformedUploadChangesNothing() throws Exception {
        assertTrue(send("PUT", triples(0, 1000)).statusCode() / 100 == 2);
        long before = storeSize();
        // 20,000 good triples, then a line that is not N-Triples: PUT clears the graph, then the parse fails
        HttpResponse<String> bad = send("PUT", triples(5000, 20_000) + "<urn:x:s> <urn:x:p> .\n");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("line: 20001"), bad.body());
        assertEquals(1000, graphSize(), "the graph as before the PUT");
        assertEquals(before, storeSize());
        assertNoSpoolFileLeft();
    }

    @Test
    void anUploadWithoutALoginIsRefusedAndNothingKept() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(data))
                        .header("Content-Type", "application/n-triples")
                        .PUT(HttpRequest.BodyPublishers.ofString(triples(0, 100)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals(0, storeSize());
        assertNoSpoolFileLeft();
    }

    @Test
    void anUploadOverTheLimitIs413AndItsSpoolFileDeleted() throws Exception {
        String over = triples(0, 120_000); // about 6.7 MB, over the 4 MiB limit
        // declared length over the limit: refused before anything is spooled
        assertEquals(413, send("PUT", over).statusCode());
        // no declared length (chunked): refused once the limit has arrived, the partial file deleted
        byte[] bytes = over.getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<String> chunked = HTTP.send(
                    HttpRequest.newBuilder(URI.create(data))
                            .header("Content-Type", "application/n-triples")
                            .header("Authorization", LOGIN)
                            .PUT(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new java.io.ByteArrayInputStream(bytes)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode());
        } catch (IOException closedWhileSending) {
            // the server refused and closed before the client finished sending
        }
        assertEquals(0, storeSize());
        awaitNoSpoolFileLeft();
    }

    @Test
    void anUploadStillArrivingAtTheDeadlineIs408AndItsSpoolFileDeleted() throws Exception {
        URI uri = URI.create(data);
        String body = triples(0, 100);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + LOGIN + "\r\nContent-Type: application/n-triples\r\nContent-Length: "
                    + body.length() + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 200).getBytes(StandardCharsets.US_ASCII)); // the rest never comes
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 408", answer);
        }
        assertEquals(0, storeSize());
        awaitNoSpoolFileLeft();
    }

    @Test
    void anUploadThatCannotBeKeptOnDiskIs507AndNothingStored() throws Exception {
        Files.delete(spool); // the upload directory gone (or full): nowhere to keep the body
        HttpResponse<String> r = send("PUT", triples(0, 100));
        assertEquals(507, r.statusCode(), r.body());
        assertTrue(r.body().contains("could not keep the request body"), r.body());
        assertEquals(0, storeSize());
        Files.createDirectory(spool);
    }

    /** The refusal is sent before its request completes, and the file is deleted on completion. */
    private void awaitNoSpoolFileLeft() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Stream<Path> files = Files.list(spool)) {
                if (files.findAny().isEmpty()) return;
            }
            Thread.sleep(50);
        }
        assertNoSpoolFileLeft();
    }
}
