package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg serve --allow-writes} in a child JVM with {@value #HEAP} of heap takes a Graph Store
 * upload larger than that heap (a {@code PUT} of {@value #TRIPLES} triples, about 190 MB of N-Triples):
 * the body is spooled to disk as it arrives and parsed from there into one write transaction. A second
 * upload of the same size, malformed on its last line, is refused with 400 and leaves the graph and the
 * store as they were. Before, the server held each body twice in its heap and answered 500 (out of
 * memory).
 */
class UploadMemoryTest {
    private static final String HEAP = "-Xmx128m";
    private static final int TRIPLES = 400_000;
    private static final String GRAPH = "http://example.org/big-upload";
    private static final String USER = "loader";
    private static final String PASSWORD = "upload-test-pw";

    @TempDir
    Path dir;

    /** {@value #TRIPLES} triples with literals of about 400 characters; the last line broken if asked. */
    private Path upload(String name, boolean malformedAtTheEnd) throws IOException {
        Path file = dir.resolve(name);
        String filler = "x".repeat(400);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < TRIPLES; i++) w.write("<urn:x:s" + i + "> <urn:x:p> \"" + i + " " + filler + "\" .\n");
            if (malformedAtTheEnd) w.write("<urn:x:s> <urn:x:p> .\n");
        }
        return file;
    }

    private static HttpResponse<String> put(String base, Path body) throws IOException, InterruptedException {
        String login =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return ChildServe.HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/data?graph=" + GRAPH))
                        .header("Content-Type", "application/n-triples")
                        .header("Authorization", login)
                        .timeout(Duration.ofMinutes(15))
                        .PUT(HttpRequest.BodyPublishers.ofFile(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadLargerThanTheServersHeapIsStoredAndAMalformedOneChangesNothing() throws Exception {
        Path good = upload("good.nt", false);
        Path bad = upload("bad.nt", true);
        assertTrue(Files.size(good) > 150L << 20, "the upload is larger than the child's heap: " + Files.size(good));
        Path store = TestStores.copyOfShared(dir.resolve("tdb2"));
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, USER + ": " + PASSWORD + "\n");
        try (ChildServe serve = ChildServe.start(
                HEAP,
                store,
                dir.resolve("serve.log"),
                "--allow-writes",
                "--password-file",
                passwords.toString(),
                "--max-body",
                String.valueOf(1L << 30),
                "--body-timeout",
                "600000",
                "--upload-dir",
                spool.toString())) {
            String base = serve.base;
            String before = serve.count("?s ?p ?o");

            HttpResponse<String> stored = put(base, good);
            assertEquals(201, stored.statusCode(), stored.body() + "\n" + serve.tail());
            assertEquals(String.valueOf(TRIPLES), serve.count("GRAPH <" + GRAPH + "> { ?s ?p ?o }"));
            String after = serve.count("?s ?p ?o");

            HttpResponse<String> refused = put(base, bad);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("line: " + (TRIPLES + 1)), refused.body());
            assertEquals(String.valueOf(TRIPLES), serve.count("GRAPH <" + GRAPH + "> { ?s ?p ?o }"));
            assertEquals(after, serve.count("?s ?p ?o"), "the store as it was before the malformed upload");
            assertFalse(before.equals(after));
            assertTrue(serve.process.isAlive(), serve.tail());
            try (Stream<Path> left = Files.list(spool)) {
                assertEquals(List.of(), left.toList(), "no spool file left");
            }
        }
    }
}
