package org.aspskg.bad;

import static org.aspskg.store.TestStores.fileDigests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.jena.atlas.web.AuthScheme;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.serve.ServerLimits;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed HTTP request of the corpus ({@code bad/http-ddx}, {@code bad/http-sparql}) sent as
 * raw bytes to one running server (writes enabled for a user of its password file, so that anonymous
 * writes have something to be refused by): each answers its expected status — never a 5xx — with its
 * message fragment and no stack trace, the store's files stay byte for byte as they were, and
 * {@code ASK {}} answers afterwards.
 */
class BadRequestCorpusTest {
    static final List<String> GENERATED_DDX = List.of(
            "gen-oversize-body",
            "gen-slow-body",
            "gen-finding-huge-name",
            "gen-many-unknown-names",
            "gen-many-findings",
            "gen-deep-turtle");
    static final List<String> GENERATED_SPARQL =
            List.of("gen-oversize-body", "gen-slow-body", "gen-huge-values", "gen-very-long-uri", "gen-many-headers");

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static Path tdb;
    static KnowledgeGraphStore store;
    static KnowledgeGraphServer server;

    @BeforeAll
    static void start() throws Exception {
        tdb = dir.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, tdb).build();
        store = KnowledgeGraphStore.open(tdb);
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "curator: s3cret\n");
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(DifferentialPipeline.loadDefault())
                .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
                .limits(ServerLimits.defaults().withBodyReadTimeout(Duration.ofSeconds(2)))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static Stream<BadInputs.Input> ddx() {
        return BadInputs.of("http-ddx", GENERATED_DDX);
    }

    static Stream<BadInputs.Input> sparql() {
        return BadInputs.of("http-sparql", GENERATED_SPARQL);
    }

    /** Raw requests to {@code POST /asps/ddx/batch}; none is made at test time. */
    static Stream<BadInputs.Input> batch() {
        return BadInputs.of("http-batch", List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"ddx", "sparql"})
    void aBadRequestGetsItsStatusNeverA5xxNoStackTraceAndTheStoreUnchanged(BadInputs.Input in) throws Exception {
        check(in);
    }

    /**
     * The batch endpoint: a bad line gets an error line in a 200 answer (the other lines are ranked),
     * a bad request as a whole its 4xx; never a 5xx, a stack trace or a change to the store.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batch")
    void aBadBatchGetsItsStatusOrErrorLinesNeverA5xxNoStackTraceAndTheStoreUnchanged(BadInputs.Input in)
            throws Exception {
        check(in);
    }

    private static void check(BadInputs.Input in) throws Exception {
        Map<String, String> before = fileDigests(tdb);
        String response = in.name().equals("gen-slow-body")
                ? slowBody(in.entry().equals("http-ddx") ? "/asps/ddx" : "/asps/sparql")
                : send(in.generated() ? generate(in) : Files.readAllBytes(in.committed()));
        Matcher m = STATUS.matcher(response);
        int status = m.find() ? Integer.parseInt(m.group(1)) : 0;
        assertEquals(200, health(), "ASK {} answers after " + in);
        if (BadInputs.RECORD) {
            // a batch answers a line per case: the first error line as it is sent, not collapsed
            BadInputs.record(
                    in,
                    status,
                    in.entry().equals("http-batch")
                            ? response.lines().findFirst().orElse("") + "\n" + rawBody(response)
                            : response.lines().findFirst().orElse("") + " " + body(response));
            return;
        }
        assertEquals(in.expected(), status, in + ": " + head(response));
        assertTrue(status < 500, in + " is a client's mistake, not a server error: " + head(response));
        assertTrue(response.contains(in.fragment()), in + " should say '" + in.fragment() + "': " + head(response));
        assertFalse(BadInputs.hasStackTrace(response), in + ": no stack trace in the answer: " + head(response));
        assertEquals(before, fileDigests(tdb), in + " left the store as it was");
    }

    private static String head(String response) {
        return response.length() > 2000 ? response.substring(0, 2000) + "…" : response;
    }

    private static String rawBody(String response) {
        int i = response.indexOf("\r\n\r\n");
        return i < 0 ? "" : response.substring(i + 4);
    }

    private static String body(String response) {
        int i = response.indexOf("\r\n\r\n");
        String b = i < 0 ? "" : response.substring(i + 4);
        return b.replaceAll("\\s+", " ").trim();
    }

    /**
     * Sends raw bytes and reads the whole answer (the requests say Connection: close). A request whose
     * body its own framing leaves unfinished (cut short, a broken chunk) is ended by shutting the
     * socket's output, so the server reads the end of the stream there; a whole request is not, since
     * a client that closes its side while its query runs is taken as gone and its query stopped.
     */
    static String send(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (!whole(request)) s.shutdownOutput();
            } catch (SocketException e) {
                // the server answered and closed before taking the whole body (a 413 on a declared length)
            }
            return readAll(s.getInputStream());
        }
    }

    /** Whether a request's framing says it is complete: headers ended, and its declared body all there. */
    static boolean whole(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return false;
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        if (head.contains("\r\ntransfer-encoding:")) return body.endsWith("0\r\n\r\n");
        Matcher length =
                Pattern.compile("\r\ncontent-length: *(\\d{1,18})\\s*(\r\n|$)").matcher(head);
        if (!length.find()) return true;
        return body.length() >= Long.parseLong(length.group(1));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) >= 0; ) buffer.write(b, 0, n);
        } catch (SocketException | SocketTimeoutException e) {
            // a reset after the answer: keep what came
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** A body declared at 100 bytes and sent one byte every 300 ms: the read deadline cuts it. */
    private static String slowBody(String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            String type = path.endsWith("ddx") ? "application/json" : "application/sparql-query";
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + type
                            + "\r\nContent-Length: 100\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(300);
                    if (s.getInputStream().available() > 0) break;
                }
            } catch (SocketException e) {
                // cut by the server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return readAll(s.getInputStream());
        }
    }

    private static int health() throws Exception {
        HttpRequest ask = HttpRequest.newBuilder(URI.create(server.datasetUrl("127.0.0.1") + "/sparql?query="
                        + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] request(String method, String path, String contentType, byte[] body) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static byte[] generate(BadInputs.Input in) {
        String json = "application/json";
        String sq = "application/sparql-query";
        boolean ddx = in.entry().equals("http-ddx");
        return switch (in.name()) {
            case "gen-oversize-body" ->
                request(
                        "POST",
                        ddx ? "/asps/ddx" : "/asps/sparql",
                        ddx ? json : sq,
                        BadInputs.utf8((ddx ? "{\"id\": \"big\", \"label\": \"" : "ASK { ?s ?p \"")
                                + "x".repeat(2 << 20)
                                + (ddx ? "\", \"findings\": [\"thigh\"]}" : "\" }")));
            case "gen-finding-huge-name" ->
                request(
                        "POST",
                        "/asps/ddx",
                        json,
                        BadInputs.utf8("{\"id\": \"a\", \"findings\": [\"" + "x".repeat(200_000) + "\"]}"));
            case "gen-many-unknown-names" ->
                request(
                        "POST",
                        "/asps/ddx",
                        json,
                        BadInputs.utf8("{\"id\": \"a\", \"findings\": ["
                                + IntStream.range(0, 20_000)
                                        .mapToObj(i -> "\"unknown " + i + "\"")
                                        .collect(Collectors.joining(","))
                                + "]}"));
            case "gen-many-findings" ->
                request(
                        "POST",
                        "/asps/ddx",
                        json,
                        BadInputs.utf8("{\"id\": \"a\", \"findings\": ["
                                + IntStream.range(0, 40_000)
                                        .mapToObj(i -> i % 2 == 0 ? "\"thigh\"" : "\"deep soft tissue\"")
                                        .collect(Collectors.joining(","))
                                + "]}"));
            case "gen-deep-turtle" ->
                request(
                        "POST",
                        "/asps/ddx",
                        "text/turtle",
                        BadInputs.utf8(
                                "PREFIX aspskg: <https://w3id.org/asps-kg/>\n<https://w3id.org/asps-kg/case/a> a "
                                        + "aspskg:PatientCase ; aspskg:hasFinding " + "[ aspskg:p ".repeat(5000) + "1"
                                        + " ]".repeat(5000) + " .\n"));
            case "gen-huge-values" ->
                request(
                        "POST",
                        "/asps/sparql",
                        sq,
                        BadInputs.utf8("SELECT * { VALUES ?x { "
                                + IntStream.range(0, 100_000)
                                        .mapToObj(Integer::toString)
                                        .collect(Collectors.joining(" "))
                                + " } } LIMIT 1"));
            case "gen-very-long-uri" ->
                BadInputs.utf8("GET /asps/sparql?query=" + "A".repeat(70_000)
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            case "gen-many-headers" ->
                BadInputs.utf8("GET /asps/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n"
                        + IntStream.range(0, 500)
                                .mapToObj(i -> "X-H" + i + ": " + "v".repeat(100) + "\r\n")
                                .collect(Collectors.joining())
                        + "\r\n");
            default -> throw new IllegalArgumentException(in.name());
        };
    }
}
