package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query turns for all clients ({@link QueryTurns}): runaway queries from many addresses hold at most
 * the full turns for long, a cheap query still answers on a reserved turn, a query that waits too long
 * gets 503 with a JSON body and Retry-After. Real sockets on
 * loopback; each runaway comes from its own address (on Linux all of 127.0.0.0/8 reaches a listener
 * on 127.0.0.1, so binding a client socket to 127.0.0.N makes it another client).
 */
class QueryTurnsTest {
    /** Three patterns with no shared variable: the product of the store with itself, three times. */
    static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KnowledgeGraphStore store;

    @BeforeAll
    static void open() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** A raw request for {@code query} on a connection from {@code from}, closed by the server after answering. */
    static Socket sendQuery(InetAddress from, int port, String query) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(120_000);
        String request = "GET /asps/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\nConnection: close\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** The whole answer on a connection that the server closes: status line, headers, body. */
    record Answer(String status, String headers, String body) {
        int code() {
            return Integer.parseInt(status.split(" ")[1]);
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name))
                    return line.substring(colon + 1).strip();
            }
            return null;
        }
    }

    static Answer read(Socket s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = s.getInputStream()) {
            in.transferTo(all);
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        int statusEnd = head.indexOf("\r\n");
        return new Answer(
                statusEnd < 0 ? head : head.substring(0, statusEnd),
                statusEnd < 0 ? "" : head.substring(statusEnd + 2),
                headEnd < 0 ? "" : text.substring(headEnd + 4));
    }

    static long askMillis(String sparqlUrl, Duration limit) throws Exception {
        String url = sparqlUrl + "?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(limit)
                        .header("Accept", "application/sparql-results+json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("true"), r.body());
        return ms;
    }

    /** Busy 503s are JSON with the stable code and say when to come back. */
    private static void assertBusyAnswer(Answer a) throws IOException {
        assertEquals(503, a.code(), a.toString());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.toString());
        assertTrue(Long.parseLong(a.header("Retry-After")) > 0, a.toString());
        JsonNode json = RankingJson.MAPPER.readTree(a.body());
        assertEquals("server-busy", json.path("code").asText(), a.body());
        assertTrue(json.path("hint").asText().length() > 10, a.body());
    }

    static void waitFor(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(20);
        }
    }

    /**
     * 20 runaway queries from 20 addresses: the per-client limit does not apply, yet an {@code ASK {}}
     * from yet another address answers within the query time limit, each time, while they run; every
     * runaway ends with 503 (the time limit, or busy), none with an answer.
     */
    @Test
    void runawayQueriesFromTwentyAddressesLeaveATurnForAsk() throws Exception {
        Duration timeLimit = Duration.ofSeconds(4);
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout(String.valueOf(timeLimit.toMillis()))
                .build()
                .start();
        List<Socket> runaways = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                runaways.add(sendQuery(InetAddress.getByName("127.0.0." + (2 + i)), server.port(), RUNAWAY));
            }
            waitFor(() -> server.activity().queriesRunning.get() >= 2, Duration.ofSeconds(30), "runaways started");
            String sparql = server.datasetUrl("127.0.0.1") + "/sparql";
            long[] ms = new long[10];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = askMillis(sparql, timeLimit);
                Thread.sleep(100);
            }
            long[] sorted = ms.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "ASK {} during 20 runaway queries from 20 addresses: median %d ms, max %d ms, in order %s%n",
                    sorted[sorted.length / 2],
                    sorted[sorted.length - 1],
                    Arrays.toString(ms));
            int busy = 0;
            for (Socket s : runaways) {
                Answer a = read(s);
                assertEquals(503, a.code(), a.toString());
                if (a.header("Retry-After") != null) {
                    assertBusyAnswer(a);
                    busy++;
                } else {
                    assertTrue(a.body().contains("Query timed out"), a.toString());
                }
            }
            assertTrue(busy > 0, "some runaways were stopped on a reserved turn or in the queue");
        } finally {
            for (Socket s : runaways) s.close();
            server.stop();
        }
        waitFor(() -> server.activity().queriesRunning.get() == 0, Duration.ofSeconds(30), "every query ended");
    }

    /**
     * A query that gives its first rows at once and then runs out of time is a 503 with no rows, not
     * a 200 whose body stops in the middle (stock Fuseki streams the rows it has and cuts the body at
     * the limit). The same query run locally under the same limit shows that it does give rows
     * before it is stopped.
     */
    @Test
    void aQueryCutByTheTimeLimitAfterItsFirstRowsIsA503WithNoRowsNotATruncated200() throws Exception {
        // every triple against every triple, kept only when the two are equal as strings: a row for each
        // triple, each after a scan of the whole store, so rows come steadily for far longer than 1.5 s
        String slow = "SELECT ?s { ?s ?p ?o . ?x ?y ?z FILTER(str(?x) = str(?s) && str(?y) = str(?p)"
                + " && str(?z) = str(?o)) }";
        long rowsBeforeTheLimit = Txn.calculateRead(store.dataset(), () -> {
            long n = 0;
            try (QueryExecution qe = QueryExecution.dataset(store.dataset())
                    .query(slow)
                    .timeout(1500, TimeUnit.MILLISECONDS)
                    .build()) {
                ResultSet rows = qe.execSelect();
                while (rows.hasNext()) {
                    rows.next();
                    n++;
                }
                throw new AssertionError("the query ended within the limit, after " + n + " rows");
            } catch (QueryCancelledException expected) {
                return n;
            }
        });
        assertTrue(rowsBeforeTheLimit > 0, "the query gives rows before its time is up");
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("1500")
                .build()
                .start();
        try (Socket s = sendQuery(InetAddress.getLoopbackAddress(), server.port(), slow)) {
            Answer a = read(s);
            assertEquals(503, a.code(), a.toString());
            assertTrue(a.body().contains("Query timed out"), a.body());
            assertTrue(
                    !a.body().contains("https://w3id.org/") && !a.body().startsWith("s\r\n"), "no rows: " + a.body());
            System.out.printf(
                    Locale.ROOT,
                    "a query cut after %d rows locally was answered %s over HTTP%n",
                    rowsBeforeTheLimit,
                    a.status());
        } finally {
            server.stop();
        }
    }

    /** Ten {@code ASK {}} from 127.0.0.1, 100 ms apart: their latencies in the order sent. */
    private static long[] askSeries(String sparql) throws Exception {
        long[] ms = new long[10];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = askMillis(sparql, Duration.ofSeconds(10));
            Thread.sleep(100);
        }
        return ms;
    }

    private static long median(long[] ms) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * A client that sends a SPARQL POST's headers and then its body one byte every 500 ms, from its own
     * address; returns the status line the server ends it with.
     */
    private static String trickleBody(InetAddress from, int port) throws IOException, InterruptedException {
        String body = "ASK { ?s ?p ?o } # a body sent one byte at a time";
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /asps/sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            for (int b = 0; b < body.length() - 1 && in.available() == 0; b++) {
                out.write(body.charAt(b));
                out.flush();
                Thread.sleep(500);
            }
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) line.append((char) c);
            return line.toString().strip();
        } catch (IOException e) {
            return "closed: " + e.getMessage();
        }
    }

    /**
     * The worst of both at once, with the default limits: 20 runaway queries from 20 addresses (they
     * take the full turns and cycle through the reserved ones) and 20 clients from 20 other addresses
     * trickling their bodies a byte every 500 ms. An {@code ASK {}} from yet another address still
     * answers 200 each time, its median within 100 ms of what it was before they came; the slow bodies
     * are still arriving and runaways still running when the last ASK is answered, and all of them end
     * with 408 or 503. Prints the latencies.
     */
    @Test
    void askAnswersWithinAHundredMillisecondsDuringTwentyRunawaysAndTwentySlowBodiesAtOnce() throws Exception {
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("10000")
                .build()
                .start();
        ExecutorService slow = Executors.newFixedThreadPool(20);
        List<Socket> runaways = new ArrayList<>();
        try {
            String sparql = server.datasetUrl("127.0.0.1") + "/sparql";
            askSeries(sparql); // warm-up: the HTTP client's connection, the code compiled
            long[] quiet = askSeries(sparql);
            List<Future<String>> trickling = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                InetAddress from = InetAddress.getByName("127.0.0." + (30 + i));
                trickling.add(slow.submit(() -> trickleBody(from, server.port())));
            }
            for (int i = 0; i < 20; i++) {
                runaways.add(sendQuery(InetAddress.getByName("127.0.0." + (2 + i)), server.port(), RUNAWAY));
            }
            waitFor(() -> server.activity().queriesRunning.get() >= 2, Duration.ofSeconds(30), "runaways started");
            Thread.sleep(500); // every slow client has sent its headers and is trickling
            long[] during = askSeries(sparql);
            boolean slowStillThere = trickling.stream().noneMatch(Future::isDone);
            int runningAfter = server.activity().queriesRunning.get();
            System.out.printf(
                    Locale.ROOT,
                    "ASK {} during 20 runaway queries and 20 slow bodies from 40 addresses: median %d ms, max %d"
                            + " ms, in order %s; before: median %d ms, in order %s%n",
                    median(during),
                    Arrays.stream(during).max().orElseThrow(),
                    Arrays.toString(during),
                    median(quiet),
                    Arrays.toString(quiet));
            assertTrue(slowStillThere, "the slow bodies were still arriving during the ASKs");
            assertTrue(runningAfter >= 2, "runaways still held the full turns after the ASKs: " + runningAfter);
            assertTrue(
                    median(during) < median(quiet) + 100,
                    "median ASK during: " + Arrays.toString(during) + ", before: " + Arrays.toString(quiet));
            for (Future<String> f : trickling)
                assertEquals("HTTP/1.1 408 Request Timeout", f.get(60, TimeUnit.SECONDS));
            for (Socket s : runaways) assertEquals(503, read(s).code());
        } finally {
            slow.shutdownNow();
            for (Socket s : runaways) s.close();
            server.stop();
        }
        waitFor(() -> server.activity().queriesRunning.get() == 0, Duration.ofSeconds(30), "every query ended");
    }

    /** One full turn, no reserved one: a second query waits its turn, then gets a busy 503. */
    @Test
    void aQueryThatWaitsLongerThanTheQueueTimeoutGetsBusyJsonWithRetryAfter() throws Exception {
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("30000")
                .limits(ServerLimits.defaults()
                        .withQueries(1, 0, Duration.ofSeconds(1))
                        .withMaxQueueWait(Duration.ofMillis(500)))
                .build()
                .start();
        try (Socket runaway = sendQuery(InetAddress.getByName("127.0.0.2"), server.port(), RUNAWAY)) {
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "runaway started");
            try (Socket waiting = sendQuery(InetAddress.getByName("127.0.0.3"), server.port(), "ASK {}")) {
                long t0 = System.nanoTime();
                Answer a = read(waiting);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertBusyAnswer(a);
                assertEquals("1", a.header("Retry-After"), "the queue wait, rounded up to a second");
                assertTrue(ms >= 400, "it waited its turn first: " + ms + " ms");
            }
        } finally {
            server.stop();
        }
    }

    /** With no room to wait (--max-queued 0), a query beyond the turns gets a busy 503 at once. */
    @Test
    void aQueryBeyondAFullQueueGetsBusyJsonAtOnce() throws Exception {
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("30000")
                .limits(ServerLimits.defaults()
                        .withConcurrency(ServerLimits.DEFAULT_MAX_CONCURRENT_REQUESTS, 2, 0)
                        .withQueries(1, 0, Duration.ofSeconds(1)))
                .build()
                .start();
        try (Socket runaway = sendQuery(InetAddress.getByName("127.0.0.2"), server.port(), RUNAWAY)) {
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "runaway started");
            try (Socket refused = sendQuery(InetAddress.getByName("127.0.0.3"), server.port(), "ASK {}")) {
                Answer a = read(refused);
                assertBusyAnswer(a);
                assertTrue(
                        RankingJson.MAPPER
                                .readTree(a.body())
                                .path("error")
                                .asText()
                                .contains("waiting"),
                        a.body());
            }
        } finally {
            server.stop();
        }
    }

    /**
     * A reserved turn is short: a runaway that gets one (every full turn taken) is stopped after
     * --reserved-timeout with a busy 503, long before the query time limit.
     */
    @Test
    void aRunawayOnAReservedTurnIsStoppedAfterTheReservedTime() throws Exception {
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("30000")
                .limits(ServerLimits.defaults().withQueries(1, 1, Duration.ofMillis(500)))
                .build()
                .start();
        try (Socket first = sendQuery(InetAddress.getByName("127.0.0.2"), server.port(), RUNAWAY)) {
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "runaway started");
            try (Socket second = sendQuery(InetAddress.getByName("127.0.0.3"), server.port(), RUNAWAY)) {
                long t0 = System.nanoTime();
                Answer a = read(second);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertBusyAnswer(a);
                assertTrue(ms < 20_000, "stopped after its reserved time, not the 30 s limit: " + ms + " ms");
                System.out.printf(
                        Locale.ROOT, "a runaway on a 500 ms reserved turn was answered 503 after %d ms%n", ms);
            }
        } finally {
            server.stop();
        }
    }

    /**
     * A newer query waiting for a turn takes a reserved turn from an older query that has run past the
     * minimum: with the only full turn and the only reserved turn (30 s) held by runaways, an {@code ASK
     * {}} answers 200 — without the cut it would wait the 10 s queue timeout and get 503 — and the
     * runaway on the reserved turn gets a busy 503 long before its reserved time is up.
     */
    @Test
    void theNewestWaiterGetsAReservedTurnHeldByAnOlderQuery() throws Exception {
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("60000")
                .limits(ServerLimits.defaults().withQueries(1, 1, Duration.ofSeconds(30)))
                .build()
                .start();
        try (Socket onFull = sendQuery(InetAddress.getByName("127.0.0.2"), server.port(), RUNAWAY)) {
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "first runaway started");
            try (Socket onReserved = sendQuery(InetAddress.getByName("127.0.0.3"), server.port(), RUNAWAY)) {
                waitFor(
                        () -> server.activity().queriesRunning.get() == 2,
                        Duration.ofSeconds(30),
                        "second runaway started on the reserved turn");
                long t0 = System.nanoTime();
                long askMs = askMillis(server.datasetUrl("127.0.0.1") + "/sparql", Duration.ofSeconds(20));
                Answer cut = read(onReserved);
                long cutMs = (System.nanoTime() - t0) / 1_000_000;
                assertBusyAnswer(cut);
                assertTrue(
                        cutMs < 25_000,
                        "the reserved turn's holder was cut for the ASK, not at 30 s: " + cutMs + " ms");
                System.out.printf(
                        Locale.ROOT,
                        "ASK {} took a reserved turn held by a runaway: answered in %d ms, the runaway 503 after %d ms%n",
                        askMs,
                        cutMs);
            }
        } finally {
            server.stop();
        }
    }

    /**
     * With nobody waiting, a query on a reserved turn is not cut at the minimum: it runs its whole
     * reserved time (1.5 s here) and only then, with no full turn free, gets a busy 503.
     */
    @Test
    void aReservedQueryWithNobodyWaitingRunsItsWholeReservedTime() throws Exception {
        Duration reservedTime = Duration.ofMillis(1500);
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("60000")
                .limits(ServerLimits.defaults().withQueries(1, 1, reservedTime))
                .build()
                .start();
        try (Socket onFull = sendQuery(InetAddress.getByName("127.0.0.2"), server.port(), RUNAWAY)) {
            waitFor(() -> server.activity().queriesRunning.get() == 1, Duration.ofSeconds(30), "first runaway started");
            long t0 = System.nanoTime();
            try (Socket onReserved = sendQuery(InetAddress.getByName("127.0.0.3"), server.port(), RUNAWAY)) {
                Answer a = read(onReserved);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertBusyAnswer(a);
                assertTrue(
                        ms >= reservedTime.toMillis() - 100,
                        "ran its reserved time, not just the " + QueryTurns.RESERVED_MINIMUM.toMillis()
                                + " ms minimum: " + ms + " ms");
            }
        } finally {
            server.stop();
        }
    }
}
