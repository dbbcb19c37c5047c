package org.aspskg.bench;

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
 * Runs benchmarks one after another and writes, for each, {@code <out>/<name>.csv},
 * {@code <out>/<name>.png} and {@code <out>/<name>.md} (its table, with when it ran and how busy
 * other processes kept the machine meanwhile); then {@code <out>/results.md}: the machine and the
 * latest section of every benchmark, so one noisy benchmark can be rerun alone with {@code --only}.
 * Scratch data live under the settings' work directory and are deleted afterwards.
 */
public final class BenchmarkSuite {
    private final List<Benchmark> catalogue;
    private final List<Benchmark> benchmarks;

    private BenchmarkSuite(List<Benchmark> catalogue, List<Benchmark> benchmarks) {
        this.catalogue = List.copyOf(catalogue);
        this.benchmarks = List.copyOf(benchmarks);
    }

    public BenchmarkSuite(List<Benchmark> benchmarks) {
        this(benchmarks, benchmarks);
    }

    /** Every whole-pipeline benchmark asps-kg has, in the order they run. */
    public static BenchmarkSuite standard() {
        return new BenchmarkSuite(List.of(
                new BuildBenchmark(),
                new LoadBenchmark(),
                new CaseRankingBenchmark(),
                new RankBenchmark(),
                new ServeBenchmark(),
                new MicroBenchmark(),
                new EvalBenchmark()));
    }

    public List<String> names() {
        return benchmarks.stream().map(Benchmark::name).toList();
    }

    /** Keeps only the named benchmarks (in this suite's order); an unknown name is an error. */
    public BenchmarkSuite only(List<String> names) {
        List<String> known = catalogue.stream().map(Benchmark::name).toList();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new AspsKgException(
                        "unknown benchmark '" + n + "'", "Choose from " + String.join(", ", known) + ".");
            }
        }
        return new BenchmarkSuite(
                catalogue,
                catalogue.stream().filter(b -> names.contains(b.name())).toList());
    }

    /** What one run produced: the figures and the Markdown sections of the benchmarks that ran. */
    public record Run(Map<String, List<Measurement>> results, String markdown, Path report) {}

    public Run run(BenchSettings settings, String command, BenchLog log) throws Exception {
        Map<String, List<Measurement>> results = new LinkedHashMap<>();
        StringBuilder sections = new StringBuilder();
        Files.createDirectories(settings.work());
        try {
            for (Benchmark b : benchmarks) {
                log.progress("%s: %s", b.name(), b.title());
                Instant started = Instant.now();
                List<Measurement> rows;
                MachineState machine = MachineState.watch();
                try {
                    rows = b.run(settings, log);
                } finally {
                    machine.close();
                }
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
                String section = "### " + b.name() + ": " + b.title() + "\n\n"
                        + conditions(command, started, Duration.between(started, Instant.now()), machine) + "\n"
                        + ResultsTable.markdown(b, rows) + "\n"
                        + (charts.isEmpty() ? "" : "Plot: `" + png + "`\n\n");
                Files.writeString(settings.out().resolve(b.name() + ".md"), section, StandardCharsets.UTF_8);
                sections.append('\n').append(section);
            }
        } finally {
            StoreDirectory.deleteQuietly(settings.work());
        }
        Path report = settings.out().resolve("results.md");
        StringBuilder all = new StringBuilder(machine());
        for (Benchmark b : catalogue) {
            Path section = settings.out().resolve(b.name() + ".md");
            if (Files.exists(section)) all.append('\n').append(Files.readString(section, StandardCharsets.UTF_8));
        }
        Files.writeString(report, all.toString(), StandardCharsets.UTF_8);
        return new Run(results, machine() + sections, report);
    }

    private static String machine() {
        return String.format(
                Locale.ROOT,
                """
                ## asps-kg bench results

                Machine: %d cores, %.1f GiB memory, Java %s (%s), %s %s.
                """,
                MachineState.cores(),
                MachineState.memoryGiB(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    private static String conditions(String command, Instant started, Duration took, MachineState machine) {
        return String.format(
                Locale.ROOT,
                """
                - run %s by `%s`, %d s
                - load average (1, 5, 15 min): %s at the start, %s at the end, one-minute peak %.2f (the benchmark \
                itself keeps up to 2 busy); other processes' share of all CPU time: %s
                """,
                started.truncatedTo(ChronoUnit.SECONDS),
                command,
                took.toSeconds(),
                machine.startLoad(),
                machine.endLoad(),
                machine.maxOneMinuteLoad(),
                machine.foreignCpuShare() < 0
                        ? "unknown (no /proc)"
                        : String.format(
                                Locale.ROOT,
                                "%.0f %% on average, %.0f %% at most over 2 s",
                                100 * machine.foreignCpuShare(),
                                100 * machine.maxForeignCpuShare()));
    }
}
