package org.aspskg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Case classification and ranking of a synthetic cohort ({@link CohortGenerator}): asps-kg's compiled
 * classifier and ranker ({@code asps-kg}), run in a child JVM with the configured heap on all cores
 * ({@link CaseRankingRun}), against HermiT the way a Protégé or ROBOT user would use it
 * ({@link NaiveCaseRun}, one thread, in child JVMs with the same heap):
 * <ul>
 *   <li>{@code whole-abox-hermit-plain}: one realization of the whole cohort against the plain
 *       ontology, reading each case's case classes — less than asps-kg answers (no features, no
 *       ranking), so a lower bound on the naive cost, and the peer the ratio column compares with;</li>
 *   <li>{@code whole-abox-hermit}: one realization of the whole cohort against the case TBox (the
 *       ontology and the helper classes), then the same ranker — the same question asps-kg answers;</li>
 *   <li>{@code hermit-per-case}: HermiT deciding each case's classes on its own by entailment (the
 *       reference asps-kg checks its compiled classifier against), then the ranker.</li>
 * </ul>
 * The HermiT peers grow superlinearly, so each runs at growing sizes until a run does not finish
 * within the budget ({@link BenchSettings#naiveBudget()}) or runs out of heap, which is reported
 * as a row of its own; asps-kg runs at every size any peer is given, so each ratio compares the
 * same cases.
 */
public final class CaseRankingBenchmark implements Benchmark {
    static final String ASPS_KG = "asps-kg";
    static final String NAIVE = NaiveCaseRun.WHOLE_ABOX;
    static final String PLAIN = NaiveCaseRun.WHOLE_ABOX_PLAIN;
    static final String PER_CASE = NaiveCaseRun.PER_CASE;
    static final long SEED = 20_250_101L;
    /** The rows' scenario: every peer works on the same cohort; what each computes is in its doc. */
    static final String SCENARIO = "cohort";

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public String title() {
        return "classification + ranking of a synthetic case cohort, compiled classifier vs HermiT realization "
                + "(ratio against the whole cohort realized against the plain ontology)";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(ASPS_KG, PLAIN);
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        List<Measurement> rows = new ArrayList<>();
        TreeSet<Integer> sizes = new TreeSet<>(settings.caseSizes());
        sizes.addAll(settings.naiveCaseSizes());
        sizes.addAll(settings.plainCaseSizes());
        int threads = Runtime.getRuntime().availableProcessors();
        String heapMetric = "peak heap (-Xmx" + settings.serverHeap() + ")";
        Map<Integer, Map<String, Double>> measured = runChild(settings, List.copyOf(sizes), threads);
        for (int n : sizes) {
            Map<String, Double> r = measured.get(n);
            log.progress(
                    "cases: %,d cases, %s: %.0f ms on %d threads (p50 %.1f µs, p99 %.1f µs, peak heap %.0f MiB)",
                    n, ASPS_KG, r.get("wall_ms"), threads, r.get("p50_us"), r.get("p99_us"), r.get("peak_heap_mib"));
            // one row key per figure for every peer (clients = 1), so the table can set them side by side;
            // the threads asps-kg used are a figure of their own
            rows.add(row(ASPS_KG, n, "time", r.get("wall_ms"), "ms", 1));
            rows.add(row(ASPS_KG, n, "throughput", n / (r.get("wall_ms") / 1000), "cases/s", 1));
            rows.add(row(ASPS_KG, n, "p50 per case", r.get("p50_us"), "µs", n));
            rows.add(row(ASPS_KG, n, "p99 per case", r.get("p99_us"), "µs", n));
            rows.add(row(ASPS_KG, n, "threads", threads, "threads", 1));
            rows.add(row(ASPS_KG, n, heapMetric, r.get("peak_heap_mib"), "MiB", 1));
            rows.add(row(ASPS_KG, n, "true diagnosis ranked first", 100 * r.get("top1") / n, "%", n));
        }
        List<BudgetedJobs.Job> jobs = new ArrayList<>();
        settings.plainCaseSizes().stream().sorted().forEach(n -> jobs.add(new BudgetedJobs.Job(PLAIN, n)));
        for (String peer : List.of(NAIVE, PER_CASE)) {
            settings.naiveCaseSizes().stream().sorted().forEach(n -> jobs.add(new BudgetedJobs.Job(peer, n)));
        }
        if (jobs.isEmpty()) return rows;
        Files.createDirectories(settings.work());
        BudgetedJobs naive = new BudgetedJobs(
                NaiveCaseRun.class.getName(),
                List.of(settings.ontology().toString(), settings.shapes().toString(), Long.toString(SEED)),
                settings.serverHeap(),
                settings.naiveBudget(),
                settings.work().resolve("cases-hermit.log"));
        double budget = settings.naiveBudget().toMillis() / 1000.0;
        for (BudgetedJobs.Outcome o : naive.run(jobs)) {
            String peer = o.job().peer();
            int n = o.job().size();
            switch (o.status()) {
                case FINISHED -> {
                    Map<String, Double> r = o.figures();
                    log.progress(
                            "cases: %,d cases, %s: %.0f ms (peak heap %.0f MiB)",
                            n, peer, r.get("wall_ms"), r.get("peak_heap_mib"));
                    rows.add(row(peer, n, "time", r.get("wall_ms"), "ms", 1));
                    rows.add(row(peer, n, "throughput", n / (r.get("wall_ms") / 1000), "cases/s", 1));
                    if (r.containsKey("p50_us")) {
                        rows.add(row(peer, n, "p50 per case", r.get("p50_us"), "µs", n));
                        rows.add(row(peer, n, "p99 per case", r.get("p99_us"), "µs", n));
                    }
                    rows.add(row(peer, n, "threads", 1, "threads", 1));
                    rows.add(row(peer, n, heapMetric, r.get("peak_heap_mib"), "MiB", 1));
                }
                case TIMED_OUT -> {
                    log.progress("cases: %,d cases, %s: did not finish within %.0f s; no larger size", n, peer, budget);
                    rows.add(row(peer, n, "did not finish within", budget, "s", 1));
                }
                case OUT_OF_HEAP -> {
                    log.progress(
                            "cases: %,d cases, %s: ran out of heap (-Xmx%s) after %.0f s; no larger size",
                            n, peer, settings.serverHeap(), o.seconds());
                    rows.add(row(
                            peer, n, "ran out of heap (-Xmx" + settings.serverHeap() + ") after", o.seconds(), "s", 1));
                }
            }
        }
        // by size (stable), so a run that did not finish sits in the table with its size's other rows
        rows.sort(Comparator.comparingLong(Measurement::size));
        return rows;
    }

    private Measurement row(String peer, long n, String metric, double value, String unit, long runs) {
        return new Measurement(name(), peer, SCENARIO, n, "cases", 1, metric, value, unit, runs);
    }

    /** Runs {@link CaseRankingRun} in a child JVM with the benchmark's heap limit and reads its RESULT line. */
    private static Map<Integer, Map<String, Double>> runChild(BenchSettings settings, List<Integer> sizes, int threads)
            throws IOException, InterruptedException {
        Files.createDirectories(settings.work());
        Path log = settings.work().resolve("cases.log");
        String n = String.join(",", sizes.stream().map(String::valueOf).toList());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.serverHeap(),
                "-cp",
                System.getProperty("java.class.path"),
                CaseRankingRun.class.getName(),
                settings.ontology().toString(),
                settings.shapes().toString(),
                n,
                Long.toString(SEED),
                Integer.toString(threads));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AspsKgException("cases benchmark: the run of " + n + " cases took over 30 minutes", "See " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> results =
                lines.stream().filter(l -> l.startsWith("RESULT ")).toList();
        if (p.exitValue() != 0 || results.size() != sizes.size()) {
            throw new AspsKgException(
                    "cases benchmark: the run of " + n + " cases failed (exit " + p.exitValue() + "): "
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())),
                    "A heap of -Xmx" + settings.serverHeap() + " may be too small; see --server-heap.");
        }
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        for (String result : results) {
            Map<String, Double> figures = new LinkedHashMap<>();
            for (String kv : result.substring("RESULT ".length()).split(" ")) {
                String[] parts = kv.split("=", 2);
                figures.put(parts[0], Double.parseDouble(parts[1]));
            }
            out.put(figures.get("cases").intValue(), figures);
        }
        return out;
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        // time against size on log–log axes: a line of slope 1 is linear growth, a steeper one superlinear
        XYChart chart = Charts.lines(
                "Case classification (+ ranking) of a cohort, time by size",
                "cases (log scale)",
                "time (ms, log scale)",
                results.stream().filter(m -> m.metric().equals("time")).toList(),
                Measurement::size,
                true);
        chart.getStyler().setYAxisMin(null);
        chart.getStyler().setYAxisLogarithmic(true);
        return List.of(chart);
    }
}
