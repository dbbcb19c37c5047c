package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.web.AuthScheme;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /asps/ddx/batch on a real server (ephemeral loopback port), compared line by line with POST
 * /asps/ddx on the same server. The server's limits are small (64 KiB a line, 8 lines a batch) so the
 * limits can be reached cheaply.
 */
class DifferentialBatchEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper ONE_LINE = new ObjectMapper();
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_CASES = 8;

    @TempDir
    static Path dir;

    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static String endpoint;
    /** The JSON examples, each compacted to one line. */
    private static List<String> cases;

    @BeforeAll
    static void start() throws Exception {
        Path tdb = dir.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, tdb).build();
        store = KnowledgeGraphStore.open(tdb);
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, DifferentialEndpointTest.USER + ": " + DifferentialEndpointTest.PASSWORD + "\n");
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(DifferentialPipeline.loadDefault())
                .limits(ServerLimits.defaults().withMaxBodyBytes(MAX_LINE).withMaxBatchCases(MAX_CASES))
                .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
                .build()
                .start();
        endpoint = server.datasetUrl("127.0.0.1");
        cases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("ontology", "examples"), "*.json")) {
            for (Path f : files) cases.add(ONE_LINE.writeValueAsString(ONE_LINE.readTree(f.toFile())));
        }
        cases.sort(null);
        assertTrue(cases.size() >= 5, "the examples give a batch of several cases");
        cases = cases.subList(0, Math.min(cases.size(), MAX_CASES - 2)); // a batch within the limit
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(endpoint + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) out.add(RankingJson.MAPPER.readTree(line));
        }
        assertTrue(body.isEmpty() || body.endsWith("\n"), "every answer line ends with a newline");
        return out;
    }

    private static JsonNode single(String json) throws Exception {
        HttpResponse<String> r = post("/ddx", "application/json", json);
        assertEquals(200, r.statusCode(), r.body());
        return RankingJson.MAPPER.readTree(r.body());
    }

    @Test
    void withNextTrueEachLineIsExactlyWhatPostDdxAnswersForThatCase() throws Exception {
        HttpResponse<String> r = post("/ddx/batch?next=true", "application/x-ndjson", String.join("\n", cases) + "\n");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        List<JsonNode> answers = lines(r.body());
        assertEquals(cases.size(), answers.size(), r.body());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(single(cases.get(i)), answers.get(i), "line " + (i + 1));
        }
        assertTrue(answers.stream().anyMatch(a -> !a.get("nextFindings").isEmpty()), "next findings were suggested");
    }

    @Test
    void withDetailSummaryEachLineIsPostDdxsSummaryOfThatCase() throws Exception {
        HttpResponse<String> r =
                post("/ddx/batch?detail=summary", "application/x-ndjson", String.join("\n", cases) + "\n");
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> answers = lines(r.body());
        assertEquals(cases.size(), answers.size(), r.body());
        for (int i = 0; i < cases.size(); i++) {
            HttpResponse<String> one = post("/ddx?next=false&detail=summary", "application/json", cases.get(i));
            assertEquals(RankingJson.MAPPER.readTree(one.body()), answers.get(i), "line " + (i + 1));
            assertFalse(answers.get(i).get("hypotheses").get(0).has("supporting"), "no evidence in a summary");
        }
        HttpResponse<String> unknown = post("/ddx/batch?detail=brief", "application/x-ndjson", cases.get(0));
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals(
                "unknown-detail",
                RankingJson.MAPPER.readTree(unknown.body()).get("code").asText());
    }

    @Test
    void byDefaultEachLineIsPostDdxsRankingWithoutNextFindings() throws Exception {
        HttpResponse<String> r = post("/ddx/batch", "application/jsonl", String.join("\r\n", cases));
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> answers = lines(r.body());
        assertEquals(cases.size(), answers.size(), "a last line without a newline counts");
        for (int i = 0; i < cases.size(); i++) {
            ObjectNode expected = (ObjectNode) single(cases.get(i));
            ObjectNode actual = (ObjectNode) answers.get(i);
            assertEquals(0, actual.get("nextFindings").size(), "line " + (i + 1));
            expected.remove("nextFindings");
            actual.remove("nextFindings");
            assertEquals(expected, actual, "line " + (i + 1));
        }
    }

    @Test
    void aBadLineInTheMiddleGetsAnErrorWithItsNumberAndTheOthersAreRanked() throws Exception {
        List<String> batch = List.of(
                cases.get(0), "{\"findings\": [thigh]}", cases.get(1), "   ", "{\"findings\": []}", cases.get(2));
        HttpResponse<String> r = post("/ddx/batch", "application/x-ndjson", String.join("\n", batch) + "\n");
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> answers = lines(r.body());
        assertEquals(batch.size(), answers.size(), r.body());
        for (int i : new int[] {0, 2, 5}) {
            assertTrue(answers.get(i).has("hypotheses"), "line " + (i + 1) + " ranked: " + answers.get(i));
            assertFalse(answers.get(i).has("error"));
        }
        for (int i : new int[] {1, 3, 4}) {
            JsonNode error = answers.get(i);
            assertEquals(i + 1, error.path("line").asInt(), error.toString());
            assertEquals("invalid-case", error.path("code").asText(), error.toString());
            assertFalse(error.get("error").asText().isBlank());
            assertFalse(error.has("hypotheses"));
        }
        // the JSON syntax error's own position is on the batch's line 2, not line 1 of the case
        JsonNode problem = answers.get(1).get("problems").get(0);
        assertEquals(2, problem.path("line").asInt(), answers.get(1).toString());
    }

    @Test
    void anEmptyBodyIsAnEmptyBatch() throws Exception {
        HttpResponse<String> r = post("/ddx/batch", "application/x-ndjson", "");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("", r.body());
    }

    @Test
    void aBodyThatIsNotJsonLinesIsRefusedWith415InJson() throws Exception {
        for (String type : List.of("application/json", "text/plain", "application/x-www-form-urlencoded")) {
            HttpResponse<String> r = post("/ddx/batch", type, cases.get(0));
            assertEquals(415, r.statusCode(), type + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode error = RankingJson.MAPPER.readTree(r.body());
            assertEquals("unsupported-media-type", error.get("code").asText());
            assertTrue(error.get("hint").asText().contains("application/x-ndjson"), r.body());
        }
        HttpResponse<String> latin1 = post("/ddx/batch", "application/x-ndjson; charset=iso-8859-1", cases.get(0));
        assertEquals(415, latin1.statusCode(), latin1.body());
        // a comma-joined header counts by its first element, as on POST /asps/ddx; one with a charset is
        // a 400 in JSON (Jetty reads "iso-8859-1," as the charset name, which Java refused with a 500)
        HttpResponse<String> joinedLatin1 =
                post("/ddx/batch", "application/x-ndjson; charset=iso-8859-1, application/x-ndjson", cases.get(0));
        assertEquals(400, joinedLatin1.statusCode(), joinedLatin1.body());
        assertTrue(joinedLatin1.body().contains("charset cannot be read"), joinedLatin1.body());
        HttpResponse<String> joined = post("/ddx/batch", "application/x-ndjson, text/plain", cases.get(0));
        assertEquals(200, joined.statusCode(), joined.body());
        HttpResponse<String> joinedJson = post("/ddx/batch", "application/json, application/x-ndjson", cases.get(0));
        assertEquals(415, joinedJson.statusCode(), joinedJson.body());
    }

    @Test
    void aLineLongerThanTheBodyLimitIsAnErrorLineAndTheNextIsStillRanked() throws Exception {
        String huge = "{\"text\": \"" + "x".repeat(MAX_LINE) + "\"}";
        HttpResponse<String> r = post("/ddx/batch", "application/x-ndjson", huge + "\n" + cases.get(0) + "\n");
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> answers = lines(r.body());
        assertEquals(2, answers.size(), r.body());
        assertEquals("line-too-large", answers.get(0).get("code").asText());
        assertEquals(1, answers.get(0).get("line").asInt());
        assertTrue(answers.get(1).has("hypotheses"));
    }

    @Test
    void aBatchLongerThanTheLimitEndsWithAnErrorLineAtTheFirstLineBeyondIt() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < MAX_CASES + 3; i++) batch.add(cases.get(i % cases.size()));
        HttpResponse<String> r = post("/ddx/batch", "application/x-ndjson", String.join("\n", batch) + "\n");
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> answers = lines(r.body());
        assertEquals(MAX_CASES + 1, answers.size(), r.body());
        JsonNode last = answers.get(MAX_CASES);
        assertEquals("batch-too-long", last.get("code").asText(), last.toString());
        assertEquals(MAX_CASES + 1, last.get("line").asInt());
    }

    @Test
    void storingNeedsTheSameLoginAsPostDdx() throws Exception {
        HttpResponse<String> r = post("/ddx/batch?store=true", "application/x-ndjson", cases.get(0) + "\n");
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(
                "authentication-required",
                RankingJson.MAPPER.readTree(r.body()).get("code").asText());
    }

    /**
     * The answer to the first line arrives while the request body is still open: the client sends one
     * line, reads its ranking, and only then sends the second line and ends the body. A server that
     * read the whole body first would never answer, and the read would time out.
     */
    @Test
    void theAnswerStreamsBeforeTheRequestBodyEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /asps/ddx/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, cases.get(0) + "\n");
            String head = readUntil(in, "\"nextFindings\"");
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            chunk(out, cases.get(1) + "\n");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = readUntil(in, "\r\n0\r\n\r\n");
            String all = head + rest;
            assertEquals(2, all.split("\"nextFindings\"", -1).length - 1, all);
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads from the socket until {@code marker} has been read (the socket's timeout fails the test). */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) break;
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
