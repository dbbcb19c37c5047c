package org.aspskg.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.HdrHistogram.Histogram;
import org.aspskg.cli.Main;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.cohort.CohortWriter;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.serve.ServerLimits;

/**
 * The rank benchmark's HTTP peers: the cohort {@code asps-kg rank} ranks from a file, ranked instead by
 * a running {@code asps-kg serve} (its own JVM, {@code -Xmx512m}, the same store) — one case per
 * {@code POST /asps/ddx?next=false&detail=summary&pretty=false} (the summary, compact, as a registry would ask) from {@value #COHORT_CLIENTS} clients, and the whole cohort as one
 * {@code POST /asps/ddx/batch?detail=summary} of JSON Lines — each within the run's time budget ({@code --naive-budget})
 * and reported as not finishing where it does not. Beside them, the single-case endpoint's requests/s
 * and p50/p99 latency at each client count of the serve benchmark, on the cohort's first cases: the
 * summary, the full ranking only ({@code ?next=false}) and as a browser asks (with the findings to check next).
 *
 * <p>The clients run in this JVM on the same cores as the server: the figures are those of a client and a
 * server sharing one machine, as a registry's loader beside its server would.
 */
final class RankHttpPeers {
    static final String SINGLE = "http-ddx";
    static final String BATCH = "http-ddx-batch";
    static final int COHORT_CLIENTS = 16;
    /** Cases cycled through by the latency slices (read into memory from the cohort's start). */
    private static final int SLICE_POOL = 2_000;

    /** Builds a benchmark row: (peer, scenario, size, clients, metric, value, unit, runs). */
    interface Rows {
        Measurement row(
                String peer, String scenario, long size, int clients, String metric, double v, String unit, long runs);
    }

    private final BenchSettings settings;
    private final BenchLog log;
    private final Rows rows;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    RankHttpPeers(BenchSettings settings, BenchLog log, Rows rows) {
        this.settings = settings;
        this.log = log;
        this.rows = rows;
    }

    /** Cases 1…n of a seed as gzipped JSON Lines (the JSON case format, one case a line), one at a time. */
    static void writeJsonLines(DdxKnowledge knowledge, int n, long seed, Path file) throws IOException {
        CohortGenerator generator = knowledge.cohortGenerator();
        CohortWriter writer = knowledge.cohortWriter();
        try (OutputStream raw = Files.newOutputStream(file);
                Writer out = new BufferedWriter(
                        new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 1; i <= n; i++) {
                out.write(writer.json(generator.generateCase(seed, i).patientCase())
                        .toString());
                out.write('\n');
            }
        }
    }

    /** Serves {@code store} and ranks the {@code n} cases of {@code jsonl} through both endpoints. */
    List<Measurement> run(Path store, Path jsonl, int n) throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        String dataset = "http://127.0.0.1:" + port + KnowledgeGraphServer.DATASET;
        List<Measurement> out = new ArrayList<>();
        ServerProcess server = ServerProcess.start(
                "rank-http-server",
                RankBenchmark.HEAP,
                List.of(),
                Main.class.getName(),
                List.of(
                        "serve",
                        "--store",
                        store.toString(),
                        "--port",
                        Integer.toString(port),
                        "--max-batch",
                        Long.toString(Math.max(n, ServerLimits.DEFAULT_MAX_BATCH_CASES))),
                dataset,
                settings.work());
        try {
            // a registry asks for the summary (scores, no evidence), as rank's CSV holds the top diagnoses
            URI single = URI.create(dataset + "/ddx?next=false&detail=summary&pretty=false");
            URI full = URI.create(dataset + "/ddx?next=false&pretty=false");
            URI withNext = URI.create(dataset + "/ddx");
            List<String> pool = firstLines(jsonl, Math.min(n, SLICE_POOL));
            slices(
                    single,
                    pool,
                    n,
                    "one case a request, summary, compact (?next=false&detail=summary&pretty=false)",
                    out);
            slices(full, pool, n, "one case a request, ranking only, compact (?next=false&pretty=false)", out);
            slices(withNext, pool, n, "one case a request, with the findings to check next", out);
            cohortOneByOne(single, jsonl, n, out);
            cohortBatch(URI.create(dataset + "/ddx/batch?detail=summary"), jsonl, n, out);
        } finally {
            server.close();
        }
        String scenario = "serving the cohort (server JVM -Xmx" + RankBenchmark.HEAP + ")";
        server.peakHeapMiB().ifPresent(v -> out.add(rows.row(SINGLE, scenario, n, 1, "server peak heap", v, "MiB", 1)));
        server.peakRssMiB().ifPresent(v -> out.add(rows.row(SINGLE, scenario, n, 1, "server peak RSS", v, "MiB", 1)));
        return out;
    }

    /** Requests/s and latency at each client count, cycling over the pool, after a warm-up. */
    private void slices(URI endpoint, List<String> pool, int n, String scenario, List<Measurement> out)
            throws InterruptedException {
        closedLoop(
                endpoint,
                cycling(pool),
                settings.clients().get(settings.clients().size() - 1),
                settings.serveWarmup());
        Duration slice = settings.serveDuration().multipliedBy(settings.serveRounds());
        for (int clients : settings.clients()) {
            Load r = closedLoop(endpoint, cycling(pool), clients, slice);
            log.progress(
                    "rank: %s, %d client%s: %,.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors%s",
                    scenario,
                    clients,
                    clients == 1 ? "" : "s",
                    r.throughput(),
                    r.p(50),
                    r.p(99),
                    r.errors,
                    r.errorSamples.isEmpty() ? "" : " " + r.errorSamples);
            out.add(rows.row(SINGLE, scenario, n, clients, "throughput", r.throughput(), "requests/s", r.requests));
            out.add(rows.row(SINGLE, scenario, n, clients, "p50", r.p(50), "ms", r.requests));
            out.add(rows.row(SINGLE, scenario, n, clients, "p99", r.p(99), "ms", r.requests));
            out.add(rows.row(SINGLE, scenario, n, clients, "errors", r.errors, "requests", r.requests));
        }
    }

    /** The whole cohort, each case one request, from {@value #COHORT_CLIENTS} clients, within the budget. */
    private void cohortOneByOne(URI endpoint, Path jsonl, int n, List<Measurement> out)
            throws IOException, InterruptedException {
        String scenario = "cohort, one case a request (?next=false)";
        double budget = settings.naiveBudget().toMillis() / 1000.0;
        try (BufferedReader lines = jsonLines(jsonl)) {
            CaseSource source = () -> {
                synchronized (lines) {
                    try {
                        return lines.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            Load r = closedLoop(endpoint, source, COHORT_CLIENTS, settings.naiveBudget());
            boolean finished = r.requests + r.errors >= n;
            log.progress(
                    "rank: %,d cases, %s: %,d ranked in %.1f s, %,.0f cases/s, p50 %.1f ms, p99 %.1f ms, %d errors%s",
                    n,
                    SINGLE,
                    r.requests,
                    r.elapsed.toMillis() / 1000.0,
                    r.throughput(),
                    r.p(50),
                    r.p(99),
                    r.errors,
                    finished ? "" : String.format(" — did not finish within %.0f s", budget));
            cohortRows(SINGLE, scenario, n, COHORT_CLIENTS, finished, r.elapsed, r.requests, r.errors, out);
            out.add(rows.row(SINGLE, scenario, n, COHORT_CLIENTS, "p50", r.p(50), "ms", r.requests));
            out.add(rows.row(SINGLE, scenario, n, COHORT_CLIENTS, "p99", r.p(99), "ms", r.requests));
        }
    }

    /** The whole cohort as one streamed batch request, its answer read as it comes, within the budget. */
    private void cohortBatch(URI endpoint, Path jsonl, int n, List<Measurement> out)
            throws IOException, InterruptedException {
        String scenario = "cohort, one JSON Lines request";
        Duration budget = settings.naiveBudget();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(budget)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new GZIPInputStream(Files.newInputStream(jsonl), 1 << 16);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }))
                .build();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long ranked = 0;
        long errors = 0;
        boolean finished = false;
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                errors = n;
                log.progress("rank: %s answered HTTP %d", BATCH, response.statusCode());
            } else {
                try (Stream<String> answers = response.body()) {
                    var it = answers.iterator();
                    while (it.hasNext() && System.nanoTime() < deadline) {
                        String line = it.next();
                        if (line.contains("\"hypotheses\"")) ranked++;
                        else errors++; // an error line: {"line": …, "error": …, "code": …}
                    }
                    finished = ranked + errors >= n;
                }
            }
        } catch (HttpTimeoutException e) {
            // not even the response's head within the budget
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        log.progress(
                "rank: %,d cases, %s: %,d ranked in %.1f s, %,.0f cases/s, %d error lines%s",
                n,
                BATCH,
                ranked,
                elapsed.toMillis() / 1000.0,
                ranked / Math.max(1e-9, elapsed.toNanos() / 1e9),
                errors,
                finished ? "" : String.format(" — did not finish within %d s", budget.toSeconds()));
        cohortRows(BATCH, scenario, n, 1, finished, elapsed, ranked, errors, out);
    }

    private void cohortRows(
            String peer,
            String scenario,
            int n,
            int clients,
            boolean finished,
            Duration elapsed,
            long ranked,
            long errors,
            List<Measurement> out) {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        if (finished) {
            out.add(rows.row(peer, scenario, n, clients, "time", elapsed.toNanos() / 1e6, "ms", 1));
            out.add(rows.row(peer, scenario, n, clients, "time per case", 1e6 * seconds / n, "µs", 1));
        } else {
            out.add(rows.row(
                    peer,
                    scenario,
                    n,
                    clients,
                    "did not finish within",
                    settings.naiveBudget().toMillis() / 1000.0,
                    "s",
                    1));
            out.add(rows.row(peer, scenario, n, clients, "cases ranked before the budget ran out", ranked, "cases", 1));
        }
        out.add(rows.row(peer, scenario, n, clients, "throughput", ranked / seconds, "cases/s", ranked));
        out.add(rows.row(peer, scenario, n, clients, "errors", errors, "cases", ranked + errors));
    }

    /** The next case's JSON, or null when there is none. */
    private interface CaseSource {
        String next();
    }

    private static CaseSource cycling(List<String> pool) {
        AtomicLong i = new AtomicLong();
        return () -> pool.get((int) (i.getAndIncrement() % pool.size()));
    }

    /** What a closed loop of requests measured. */
    private record Load(long requests, long errors, Duration elapsed, Histogram latency, List<String> errorSamples) {
        double throughput() {
            return requests / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        double p(double percentile) {
            return HttpLoad.percentileMillis(latency, percentile);
        }
    }

    /**
     * {@code clients} threads each post the next case and read the whole answer, until the source is
     * empty or {@code duration} has passed; a non-200 answer or an answer that is not a ranking is an error.
     */
    private Load closedLoop(URI endpoint, CaseSource source, int clients, Duration duration)
            throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        List<Histogram> histograms = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        Predicate<String> ranking = body -> body.startsWith("{") && body.contains("\"hypotheses\"");
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(
                    () -> {
                        Histogram mine = HttpLoad.histogram();
                        String json;
                        while (System.nanoTime() < deadline && (json = source.next()) != null) {
                            HttpRequest request = HttpRequest.newBuilder(endpoint)
                                    .timeout(HttpLoad.REQUEST_TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json))
                                    .build();
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 200 && ranking.test(r.body())) {
                                    mine.recordValue(
                                            Math.min((System.nanoTime() - t0) / 1000, mine.getHighestTrackableValue()));
                                } else {
                                    errors.incrementAndGet();
                                    if (samples.size() < 3) samples.add("HTTP " + r.statusCode());
                                }
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                if (samples.size() < 3) samples.add(e.toString());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                        histograms.add(mine);
                    },
                    "rank-http-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join(duration.toMillis() + HttpLoad.REQUEST_TIMEOUT.toMillis() + 5_000);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Histogram all = HttpLoad.histogram();
        histograms.forEach(all::add);
        return new Load(all.getTotalCount(), errors.get(), elapsed, all, List.copyOf(samples));
    }

    private static BufferedReader jsonLines(Path jsonl) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(jsonl), 1 << 16);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static List<String> firstLines(Path jsonl, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = jsonLines(jsonl)) {
            String line;
            while (lines.size() < count && (line = r.readLine()) != null) lines.add(line);
        }
        return lines;
    }
}
