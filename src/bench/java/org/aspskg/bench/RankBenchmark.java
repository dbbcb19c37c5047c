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
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.store.StoreDirectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code asps-kg rank} end to end on generated cohorts of growing size ({@link BenchSettings#rankSizes()}):
 * each cohort is generated to a temporary gzipped N-Triples file and the same cases to a gzipped JSON
 * Lines file (both deleted afterwards), then ranked in a child JVM with {@code -Xmx512m} ({@link
 * RankRun}) three ways — the N-Triples validated into a store's rankings graph (staging store, bulk
 * load, swap), the N-Triples without validation to a CSV file, and the JSON Lines (always checked, as
 * JSON cases are) to a CSV file. Reports wall time, cases/s,
 * time per case (flat when the cost is linear), peak heap and peak RSS. Then the same cohort through a
 * running server's {@code POST /asps/ddx} and {@code POST /asps/ddx/batch} ({@link RankHttpPeers}).
 */
public final class RankBenchmark implements Benchmark {
    static final String STORE = "rank-into-store";
    static final String CSV = "rank-no-validate-csv";
    static final String JSONL_CSV = "rank-jsonl-csv";
    static final String HEAP = "512m";
    static final long SEED = 20_260_418L;

    @Override
    public String name() {
        return "rank";
    }

    @Override
    public String title() {
        return "asps-kg rank end to end: a cohort file read, validated, classified, ranked and stored "
                + "(ratio: into the store against --no-validate to CSV)";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(STORE, CSV);
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        Files.createDirectories(settings.work());
        Path store = settings.work().resolve("rank-store");
        settings.storeBuilder(store).build();
        DdxKnowledge knowledge = DdxKnowledge.load(settings.ontology(), settings.shapes());
        List<Measurement> rows = new ArrayList<>();
        RankHttpPeers http = new RankHttpPeers(
                settings,
                log,
                (peer, scenario, size, clients, metric, value, unit, runs) ->
                        new Measurement(name(), peer, scenario, size, "cases", clients, metric, value, unit, runs));
        for (int n : settings.rankSizes()) {
            Path cohort = settings.work().resolve("rank-" + n + ".nt.gz");
            long t0 = System.nanoTime();
            knowledge.cohortWriter().writeNTriples(knowledge.cohortGenerator(), n, SEED, cohort, null);
            log.progress(
                    "rank: %,d cases generated to %s (%,d bytes) in %.0f s",
                    n, cohort, Files.size(cohort), (System.nanoTime() - t0) / 1e9);
            Path jsonl = settings.work().resolve("rank-" + n + ".jsonl.gz");
            try {
                RankHttpPeers.writeJsonLines(knowledge, n, SEED, jsonl);
                for (String peer : List.of(STORE, CSV, JSONL_CSV)) {
                    Path csv = settings.work().resolve("rank-" + n + ".csv");
                    Path target = peer.equals(STORE) ? store : csv;
                    Map<String, Double> r = runChild(settings, peer.equals(JSONL_CSV) ? jsonl : cohort, peer, target);
                    Files.deleteIfExists(csv);
                    double wall = r.get("wall_ms");
                    log.progress(
                            "rank: %,d cases, %s: %.0f ms, %,.0f cases/s, peak heap %.0f MiB, peak RSS %.0f MiB",
                            n, peer, wall, n / (wall / 1000), r.get("peak_heap_mib"), r.get("peak_rss_mib"));
                    rows.add(row(peer, n, "time", wall, "ms"));
                    rows.add(row(peer, n, "throughput", n / (wall / 1000), "cases/s"));
                    rows.add(row(peer, n, "time per case", 1000 * wall / n, "µs"));
                    rows.add(row(peer, n, "peak heap (-Xmx" + HEAP + ")", r.get("peak_heap_mib"), "MiB"));
                    rows.add(row(peer, n, "peak RSS", r.get("peak_rss_mib"), "MiB"));
                }
                Files.deleteIfExists(cohort);
                rows.addAll(http.run(store, jsonl, n));
            } finally {
                Files.deleteIfExists(cohort);
                Files.deleteIfExists(jsonl);
            }
        }
        StoreDirectory.deleteQuietly(store);
        return rows;
    }

    private Measurement row(String peer, long n, String metric, double value, String unit) {
        return new Measurement(name(), peer, "cohort file", n, "cases", 1, metric, value, unit, 1);
    }

    private static Map<String, Double> runChild(BenchSettings settings, Path cohort, String peer, Path target)
            throws IOException, InterruptedException {
        Path log = settings.work().resolve("rank-" + peer + ".log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                RankRun.class.getName(),
                settings.ontology().toString(),
                settings.shapes().toString(),
                cohort.toString(),
                peer.equals(STORE) ? "store" : "csv",
                target.toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AspsKgException(
                    "rank benchmark: " + peer + " on " + cohort + " took over 60 minutes", "See " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String result =
                lines.stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
        if (p.exitValue() != 0 || result == null) {
            throw new AspsKgException(
                    "rank benchmark: " + peer + " on " + cohort + " failed (exit " + p.exitValue() + "): "
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())),
                    "See " + log + "; -Xmx" + HEAP + " is the heap under test.");
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String kv : result.substring("RESULT ".length()).split(" ")) {
            String[] parts = kv.split("=", 2);
            figures.put(parts[0], Double.parseDouble(parts[1]));
        }
        return figures;
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        // time per case against size: flat is linear cost
        XYChart chart = Charts.lines(
                "asps-kg rank: time per case by cohort size",
                "cases (log scale)",
                "time per case (µs)",
                results.stream().filter(m -> m.metric().equals("time per case")).toList(),
                Measurement::size,
                true);
        return List.of(chart);
    }
}
