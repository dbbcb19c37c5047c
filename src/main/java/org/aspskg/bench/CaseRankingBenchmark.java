package org.aspskg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.CaseClassification;
import org.aspskg.ddx.CohortGenerator;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialRanker;
import org.aspskg.ddx.HermitCaseClassifier;
import org.aspskg.ddx.PatientCase;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Case classification and ranking of a synthetic cohort ({@link CohortGenerator}): asps-kg's compiled
 * classifier and ranker ({@code asps-kg}), run in a child JVM with the configured heap on all cores
 * ({@link CaseRankingRun}), against the naive way ({@code whole-abox-hermit}): one HermiT
 * realization of all the cohort's cases at once, as Protégé or ROBOT would do it, then the same
 * ranker; and {@code hermit-per-case}: HermiT deciding each case's classes on its own by entailment
 * (the reference asps-kg checks its compiled classifier against). The HermiT peers grow superlinearly and is run only at the small sizes configured for it;
 * asps-kg runs at those sizes too, so each has a ratio on the same cases.
 */
public final class CaseRankingBenchmark implements Benchmark {
    static final String ASPS_KG = "asps-kg";
    static final String NAIVE = "whole-abox-hermit";
    static final String PER_CASE = "hermit-per-case";
    static final long SEED = 20_250_101L;

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public String title() {
        return "classification + ranking of a synthetic case cohort, compiled classifier vs whole-ABox HermiT realization";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(ASPS_KG, NAIVE);
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        List<Measurement> rows = new ArrayList<>();
        java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>(settings.caseSizes());
        sizes.addAll(settings.naiveCaseSizes());
        int threads = Runtime.getRuntime().availableProcessors();
        Map<Integer, Map<String, Double>> measured = runChild(settings, List.copyOf(sizes), threads);
        for (int n : sizes) {
            Map<String, Double> r = measured.get(n);
            log.progress("cases: %,d cases, %s: %.0f ms on %d threads (p50 %.1f µs, p99 %.1f µs, peak heap %.0f MiB)",
                    n, ASPS_KG, r.get("wall_ms"), threads, r.get("p50_us"), r.get("p99_us"), r.get("peak_heap_mib"));
            String scenario = "classify+rank";
            // one row key per figure for every peer (clients = 1), so the table can set them side by side;
            // the threads asps-kg used are a figure of their own
            rows.add(row(ASPS_KG, scenario, n, "time", r.get("wall_ms"), "ms", 1));
            rows.add(row(ASPS_KG, scenario, n, "throughput", n / (r.get("wall_ms") / 1000), "cases/s", 1));
            rows.add(row(ASPS_KG, scenario, n, "p50 per case", r.get("p50_us"), "µs", n));
            rows.add(row(ASPS_KG, scenario, n, "p99 per case", r.get("p99_us"), "µs", n));
            rows.add(row(ASPS_KG, scenario, n, "threads", threads, "threads", 1));
            rows.add(row(ASPS_KG, scenario, n, "peak heap (-Xmx" + settings.serverHeap() + ")",
                    r.get("peak_heap_mib"), "MiB", 1));
            rows.add(row(ASPS_KG, scenario, n, "true diagnosis ranked first", 100 * r.get("top1") / n, "%", n));
        }
        if (!settings.naiveCaseSizes().isEmpty()) {
            DdxKnowledge knowledge = DdxKnowledge.load(settings.ontology(), settings.shapes());
            CohortGenerator generator = new CohortGenerator(knowledge);
            DifferentialRanker ranker = new DifferentialRanker(knowledge);
            HermitCaseClassifier hermit = knowledge.hermitClassifier();
            hermit.realizeWholeABox(cases(generator.generate(3, SEED + 1))); // warm-up
            for (int n : settings.naiveCaseSizes()) {
                List<PatientCase> cases = cases(generator.generate(n, SEED));
                long start = System.nanoTime();
                List<CaseClassification> classes = hermit.realizeWholeABox(cases);
                classes.forEach(ranker::rank);
                double ms = (System.nanoTime() - start) / 1e6;
                log.progress("cases: %,d cases, %s: %.0f ms", n, NAIVE, ms);
                rows.add(row(NAIVE, "classify+rank", n, "time", ms, "ms", 1));
                rows.add(row(NAIVE, "classify+rank", n, "throughput", n / (ms / 1000), "cases/s", 1));
                rows.add(row(NAIVE, "classify+rank", n, "threads", 1, "threads", 1));
                // HermiT deciding each case on its own (asps-kg's --check-with-hermit reference)
                long[] each = new long[n];
                start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    ranker.rank(hermit.classify(cases.get(i)));
                    each[i] = System.nanoTime() - t0;
                }
                ms = (System.nanoTime() - start) / 1e6;
                java.util.Arrays.sort(each);
                log.progress("cases: %,d cases, %s: %.0f ms", n, PER_CASE, ms);
                rows.add(row(PER_CASE, "classify+rank", n, "time", ms, "ms", 1));
                rows.add(row(PER_CASE, "classify+rank", n, "throughput", n / (ms / 1000), "cases/s", 1));
                rows.add(row(PER_CASE, "classify+rank", n, "p50 per case", CaseRankingRun.percentile(each, 0.5) / 1e3, "µs", n));
                rows.add(row(PER_CASE, "classify+rank", n, "p99 per case", CaseRankingRun.percentile(each, 0.99) / 1e3, "µs", n));
                rows.add(row(PER_CASE, "classify+rank", n, "threads", 1, "threads", 1));
            }
        }
        return rows;
    }

    private static List<PatientCase> cases(List<CohortGenerator.GeneratedCase> cohort) {
        return cohort.stream().map(CohortGenerator.GeneratedCase::patientCase).toList();
    }

    private Measurement row(String peer, String scenario, long n, String metric, double value, String unit, long runs) {
        return new Measurement(name(), peer, scenario, n, "cases", 1, metric, value, unit, runs);
    }

    /** Runs {@link CaseRankingRun} in a child JVM with the benchmark's heap limit and reads its RESULT line. */
    private static Map<Integer, Map<String, Double>> runChild(BenchSettings settings, List<Integer> sizes, int threads)
            throws IOException, InterruptedException {
        Files.createDirectories(settings.work());
        Path log = settings.work().resolve("cases.log");
        String n = String.join(",", sizes.stream().map(String::valueOf).toList());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.serverHeap(), "-cp", System.getProperty("java.class.path"),
                CaseRankingRun.class.getName(), settings.ontology().toString(), settings.shapes().toString(),
                n, Long.toString(SEED), Integer.toString(threads));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AspsKgException("cases benchmark: the run of " + n + " cases took over 30 minutes", "See " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> results = lines.stream().filter(l -> l.startsWith("RESULT ")).toList();
        if (p.exitValue() != 0 || results.size() != sizes.size()) {
            throw new AspsKgException("cases benchmark: the run of " + n + " cases failed (exit " + p.exitValue() + "): "
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
        return List.of(Charts.lines("Case classification + ranking by cohort size", "cases (log scale)",
                "throughput (cases/s)", results.stream().filter(m -> m.metric().equals("throughput")).toList(),
                Measurement::size, true));
    }
}
