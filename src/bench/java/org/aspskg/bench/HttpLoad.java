package org.aspskg.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.aspskg.bench.ServedQueries.ServedQuery;

/**
 * Closed-loop load over HTTP: {@code clients} threads each send a request, read the whole response
 * and send the next (cycling through the list from a different starting point), for a fixed time and
 * at most a fixed number of requests. The requests are SPARQL queries or any other {@link Target}s
 * (the web front's search API and term pages). Latencies are recorded in microseconds in
 * HdrHistograms, overall and per target name (targets may share a name, and then a histogram); a
 * non-200 answer, an answer cut off or an I/O failure counts as an error.
 */
final class HttpLoad {
    /** Upper bound of a recordable latency: the request timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final long HIGHEST_MICROS = REQUEST_TIMEOUT.toNanos() / 1000 * 2;

    /** What one load run measured. */
    record Result(
            int clients,
            long requests,
            long errors,
            Duration elapsed,
            Histogram all,
            Map<String, Histogram> perQuery,
            List<String> errorSamples) {

        double throughput() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * One request of a load: its name (the histogram it counts in), the request, and whether a 200
     * answer's body is whole.
     */
    record Target(String name, HttpRequest request, Predicate<byte[]> complete) {}

    private HttpLoad() {}

    /** The query library replayed against a SPARQL endpoint. */
    static Result run(String endpoint, List<ServedQuery> queries, int clients, Duration duration, long maxRequests)
            throws InterruptedException {
        return run(
                queries.stream()
                        .map(q -> new Target(q.name(), request(endpoint, q), body -> complete(body, q)))
                        .toList(),
                clients,
                duration,
                maxRequests);
    }

    /** {@code targets} cycled through by {@code clients} closed-loop clients for {@code duration}. */
    static Result run(List<Target> queries, int clients, Duration duration, long maxRequests)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<HttpRequest> requests = queries.stream().map(Target::request).toList();
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        List<Histogram> overall = Collections.synchronizedList(new ArrayList<>());
        List<Map<String, Histogram>> byQuery = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (int c = 0; c < clients; c++) {
            int first = c;
            Thread t = new Thread(
                    () -> {
                        Histogram mine = histogram();
                        Map<String, Histogram> mineByQuery = new LinkedHashMap<>();
                        queries.forEach(q -> mineByQuery.putIfAbsent(q.name(), histogram()));
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (int i = first;
                                System.nanoTime() < deadline[0] && sent.incrementAndGet() <= maxRequests;
                                i++) {
                            int qi = i % requests.size();
                            long start = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response =
                                        http.send(requests.get(qi), HttpResponse.BodyHandlers.ofByteArray());
                                long micros = (System.nanoTime() - start) / 1000;
                                if (response.statusCode() == 200
                                        && !queries.get(qi).complete().test(response.body())) {
                                    error(
                                            errors,
                                            errorSamples,
                                            queries.get(qi).name() + ": truncated response (timed out?)");
                                } else if (response.statusCode() == 200) {
                                    mine.recordValue(Math.min(micros, HIGHEST_MICROS));
                                    mineByQuery
                                            .get(queries.get(qi).name())
                                            .recordValue(Math.min(micros, HIGHEST_MICROS));
                                } else {
                                    error(
                                            errors,
                                            errorSamples,
                                            queries.get(qi).name() + ": HTTP " + response.statusCode() + " for "
                                                    + requests.get(qi).uri());
                                }
                            } catch (IOException e) {
                                error(errors, errorSamples, queries.get(qi).name() + ": " + e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                        overall.add(mine);
                        byQuery.add(mineByQuery);
                    },
                    "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        for (Thread t : threads) {
            t.join(duration.toMillis() + REQUEST_TIMEOUT.toMillis() + 5_000);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Histogram all = histogram();
        overall.forEach(all::add);
        Map<String, Histogram> perQuery = new LinkedHashMap<>();
        queries.forEach(q -> perQuery.putIfAbsent(q.name(), histogram()));
        byQuery.forEach(m -> m.forEach((name, h) -> perQuery.get(name).add(h)));
        return new Result(
                clients, all.getTotalCount(), errors.get(), elapsed, all, perQuery, List.copyOf(errorSamples));
    }

    /**
     * Whether a 200 answer is whole: a server that gives up during a query (e.g. at its time limit)
     * has already sent 200 and just stops writing. JSON results end with '}', N-Triples with a newline.
     */
    static boolean complete(byte[] body, ServedQuery q) {
        int end = body.length - 1;
        if (q.graphResult()) return body.length == 0 || body[end] == '\n';
        while (end >= 0 && Character.isWhitespace(body[end])) end--;
        return end >= 0 && body[end] == '}';
    }

    private static void error(AtomicLong errors, List<String> samples, String what) {
        errors.incrementAndGet();
        if (samples.size() < 5) samples.add(what);
    }

    private static HttpRequest request(String endpoint, ServedQuery q) {
        return HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/sparql-query; charset=utf-8")
                .header("Accept", q.graphResult() ? "application/n-triples" : "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(q.text()))
                .build();
    }

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** A percentile of a histogram in milliseconds (0 for an empty one). */
    static double percentileMillis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
