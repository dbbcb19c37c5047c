package org.aspskg.serve;

import static org.aspskg.serve.QueryTurnsTest.askMillis;
import static org.aspskg.serve.QueryTurnsTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work stops when the client that asked for it goes away: a runaway SPARQL query (computed in memory,
 * so nothing is written that would fail) and a long {@code POST /asps/ddx/batch}. Observed through the
 * server's own counts of queries and batches running, on real sockets that the test closes.
 */
class ClientGoneTest {
    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;

    @BeforeAll
    static void start() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("60000")
                .differential(DifferentialPipeline.loadDefault())
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    /** Its execution ends within a few seconds, where it would otherwise run to the 60 s time limit. */
    @Test
    void aQueryStopsWhenItsClientGoesAway() throws Exception {
        Socket s = QueryTurnsTest.sendQuery(InetAddress.getByName("127.0.0.2"), server.port(), QueryTurnsTest.RUNAWAY);
        waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "runaway started");
        Thread.sleep(500);
        assertEquals(1, server.activity().queriesRunning.get(), "still running while its client waits");
        s.close();
        long t0 = System.nanoTime();
        waitFor(
                () -> server.activity().queriesRunning.get() == 0,
                Duration.ofSeconds(20),
                "the query stopped well before its 60 s limit once its client had gone");
        System.out.printf(
                Locale.ROOT,
                "a runaway query stopped %d ms after its client closed the connection%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertTrue(askMillis(server.datasetUrl("127.0.0.1") + "/sparql", Duration.ofSeconds(10)) >= 0);
    }

    /**
     * A client that shuts only its sending side looks the same to the server as one that has gone (as
     * to nginx and Go's server): its query is stopped, and it reads a 400 that says why.
     */
    @Test
    void aClientThatShutsItsSendingSideIsTakenAsGoneAndReadsWhy() throws Exception {
        try (Socket s =
                QueryTurnsTest.sendQuery(InetAddress.getByName("127.0.0.5"), server.port(), QueryTurnsTest.RUNAWAY)) {
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "runaway started");
            s.shutdownOutput();
            QueryTurnsTest.Answer a = QueryTurnsTest.read(s);
            assertEquals(400, a.code(), a.toString());
            assertTrue(a.body().contains("closed the connection (or its sending side) while the query ran"), a.body());
        }
        waitFor(() -> server.activity().queriesRunning.get() == 0, Duration.ofSeconds(20), "the query stopped");
    }

    /**
     * The same on a connection kept alive across requests: three {@code ASK {}} answered on it, then
     * the runaway, then the client goes (each request watches the connection anew).
     */
    @Test
    void aQueryOnAConnectionThatAnsweredOthersStillStopsWhenItsClientGoes() throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.4"), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            for (int i = 0; i < 3; i++) {
                send(s, "ASK {}");
                String head = head(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(body(in, head).contains("true"), head);
            }
            send(s, QueryTurnsTest.RUNAWAY);
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "runaway started");
        }
        waitFor(
                () -> server.activity().queriesRunning.get() == 0,
                Duration.ofSeconds(20),
                "the query on the reused connection stopped once its client had gone");
    }

    private static void send(Socket s, String query) throws Exception {
        s.getOutputStream()
                .write(("GET /asps/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** The body after {@code head}: with a Content-Length, or chunked. */
    private static String body(InputStream in, String head) throws Exception {
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        StringBuilder body = new StringBuilder();
        while (true) {
            int size = Integer.parseInt(line(in).strip(), 16);
            if (size == 0) {
                line(in); // the empty line after the last chunk
                return body.toString();
            }
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            line(in);
        }
    }

    private static String line(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) line.append((char) b);
        return line.toString();
    }

    /** The status line and headers of the next answer. */
    private static String head(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) head.append((char) b);
        return head.toString();
    }

    /**
     * A batch of {@value #LINES} cases (with next findings, the costly form) whose client reads the first
     * answer line and closes the connection: the batch ends within seconds, long before its last line.
     */
    @Test
    void aBatchStopsWhenItsClientGoesAway() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> examples = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("ontology", "examples"), "*.json")) {
            for (Path f : files) examples.add(json.writeValueAsString(json.readTree(f.toFile())));
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < LINES; i++)
            lines.append(examples.get(i % examples.size())).append('\n');
        byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
        long before = server.activity().batchLinesAnswered.get();

        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /asps/ddx/batch?next=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/x-ndjson\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        Thread sender = new Thread(() -> {
            try {
                out.write(body);
                out.flush();
            } catch (Exception e) {
                // the test closed the socket while the body was still being sent
            }
        });
        sender.start();
        InputStream in = s.getInputStream();
        // the status line, the headers and the first answer line
        int newlines = 0;
        StringBuilder head = new StringBuilder();
        for (int b; newlines < 1 && (b = in.read()) >= 0; ) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                    // the first ranking
                }
                newlines++;
            }
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        assertEquals(1, server.activity().batchesRunning.get(), "the batch runs");
        s.close();
        long closedAt = server.activity().batchLinesAnswered.get() - before;
        long t0 = System.nanoTime();
        waitFor(
                () -> server.activity().batchesRunning.get() == 0,
                Duration.ofSeconds(30),
                "the batch ended once its client had gone");
        long answered = server.activity().batchLinesAnswered.get() - before;
        System.out.printf(
                Locale.ROOT,
                "a batch of %d cases stopped %d ms after its client closed the connection: %d lines answered"
                        + " when it closed, %d in all%n",
                LINES,
                (System.nanoTime() - t0) / 1_000_000,
                closedAt,
                answered);
        assertTrue(answered < LINES / 2, answered + " of " + LINES + " lines were answered");
        sender.join(10_000);
    }

    private static final int LINES = 20_000;
}
