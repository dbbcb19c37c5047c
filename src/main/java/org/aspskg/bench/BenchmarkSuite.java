package org.aspskg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aspskg.AspsKgException;
import org.aspskg.store.StoreDirectory;

/**
 * Runs benchmarks one after another and writes, for each, {@code <out>/<name>.csv} and
 * {@code <out>/<name>.png}; then {@code <out>/results.md}: the machine, how busy it was, and every
 * table. Scratch data lives under the settings' work directory and is deleted afterwards.
 */
public final class BenchmarkSuite {
    private final List<Benchmark> benchmarks;

    public BenchmarkSuite(List<Benchmark> benchmarks) {
        this.benchmarks = List.copyOf(benchmarks);
    }

    /** Every whole-pipeline benchmark asps-kg has, in the order they run. */
    public static BenchmarkSuite standard() {
        return new BenchmarkSuite(List.of(new BuildBenchmark(), new LoadBenchmark(), new CaseRankingBenchmark(),
                new ServeBenchmark()));
    }

    public List<String> names() {
        return benchmarks.stream().map(Benchmark::name).toList();
    }

    /** Keeps only the named benchmarks (in this suite's order); an unknown name is an error. */
    public BenchmarkSuite only(List<String> names) {
        for (String n : names) {
            if (!names().contains(n)) {
                throw new AspsKgException("unknown benchmark '" + n + "'", "Choose from " + String.join(", ", names()) + ".");
            }
        }
        return new BenchmarkSuite(benchmarks.stream().filter(b -> names.contains(b.name())).toList());
    }

    /** What one run produced. */
    public record Run(Map<String, List<Measurement>> results, String markdown, Path report) {}

    public Run run(BenchSettings settings, String command, BenchLog log) throws Exception {
        Map<String, List<Measurement>> results = new LinkedHashMap<>();
        StringBuilder tables = new StringBuilder();
        Instant started = Instant.now();
        MachineState machine = MachineState.watch();
        Files.createDirectories(settings.work());
        try {
            for (Benchmark b : benchmarks) {
                log.progress("%s: %s", b.name(), b.title());
                List<Measurement> rows = b.run(settings, log);
                for (Measurement m : rows) {
                    if (!m.benchmark().equals(b.name())) {
                        throw new IllegalStateException(b.name() + " returned a row of " + m.benchmark());
                    }
                }
                results.put(b.name(), rows);
                ResultsFile.write(settings.out().resolve(b.name() + ".csv"), rows);
                String png = b.name() + ".png";
                var charts = b.charts(rows);
                if (!charts.isEmpty()) Charts.savePng(charts, settings.out().resolve(png));
                tables.append("### ").append(b.name()).append(": ").append(b.title()).append("\n\n")
                        .append(ResultsTable.markdown(b, rows)).append('\n');
                if (!charts.isEmpty()) tables.append("Plot: `").append(png).append("`\n\n");
            }
        } finally {
            machine.close();
            StoreDirectory.deleteQuietly(settings.work());
        }
        Duration took = Duration.between(started, Instant.now());
        String markdown = header(command, started, took, machine) + "\n" + tables;
        Path report = settings.out().resolve("results.md");
        Files.writeString(report, markdown, StandardCharsets.UTF_8);
        return new Run(results, markdown, report);
    }

    private static String header(String command, Instant started, Duration took, MachineState machine) {
        return String.format(Locale.ROOT, """
                ## asps-kg bench, %s

                - command: `%s` (%d s)
                - machine: %d cores, %.1f GiB memory, Java %s (%s), %s %s
                - load average (1, 5, 15 min): %s at the start, %s at the end, one-minute peak %.2f during the run \
                (the benchmark itself keeps up to 2 busy)
                - other processes' share of all CPU time during the run: %s
                """, started.truncatedTo(ChronoUnit.SECONDS), command, took.toSeconds(), MachineState.cores(),
                MachineState.memoryGiB(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"), machine.startLoad(), machine.endLoad(),
                machine.maxOneMinuteLoad(), machine.foreignCpuShare() < 0 ? "unknown (no /proc)"
                        : String.format(Locale.ROOT, "%.0f %% on average, %.0f %% at most over 2 s",
                                100 * machine.foreignCpuShare(), 100 * machine.maxForeignCpuShare()));
    }
}
