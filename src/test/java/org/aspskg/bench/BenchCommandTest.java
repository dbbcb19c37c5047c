package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.aspskg.bench.micro.CaseBenchmarks;
import org.aspskg.bench.micro.HermitCaseBenchmarks;
import org.aspskg.bench.micro.ShaclCaseBenchmarks;
import org.aspskg.bench.micro.TextBenchmarks;
import org.aspskg.cli.DocsText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;

/**
 * {@code asps-kg bench --smoke} (the benchmark jar's command line, {@link BenchMain}): every benchmark
 * runs end to end on tiny inputs (real builds, real loads, real servers in their own JVMs) and writes
 * well-formed results. No timing is asserted.
 */
class BenchCommandTest {
    @TempDir
    static Path out;

    private static Run run;

    /** stdout, stderr and exit code of one in-process run of the benchmark jar's command line. */
    private record Run(int exit, String out, String err) {}

    private static final String JAR = "java -jar target/asps-kg-bench.jar ";

    /** The documented full-run command ({@code bench}), as arguments after {@code java -jar target/asps-kg-bench.jar}. */
    private static List<String> documentedBenchCommand() {
        String command = DocsText.page("docs/benchmarks.md").commands(JAR, "bench").stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + JAR + "bench' command in docs/benchmarks.md"));
        return List.of(command.split(" +"));
    }

    /** Runs the documented command with {@code --smoke} and a temporary results directory. */
    @BeforeAll
    static void runSmokeBench() throws Exception {
        List<String> args = new ArrayList<>(documentedBenchCommand());
        args.addAll(List.of("--smoke", "--out", out.toString()));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        int exit = cl.execute(args.toArray(String[]::new));
        run = new Run(exit, stdout.toString(), stderr.toString());
    }

    private static List<Measurement> results(String benchmark) throws Exception {
        return ResultsFile.read(out.resolve(benchmark + ".csv"));
    }

    private static <T> Set<String> keys(Collection<T> rows, Function<T, String> key) {
        return rows.stream().map(key).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void smokeRunSucceedsAndPrintsATablePerBenchmark() {
        assertEquals(0, run.exit(), run.err());
        for (String name : List.of("build", "load", "cases", "rank", "serve", "micro")) {
            assertTrue(run.out().contains("### " + name + ": "), "no table for " + name + ":\n" + run.out());
        }
        assertTrue(run.out().contains("load average (1, 5, 15 min): "), run.out());
        assertTrue(run.out().contains("other processes' share of all CPU time: "), run.out());
    }

    @Test
    void buildResultsHaveEveryPhaseForHermitAndElk() throws Exception {
        List<Measurement> rows = results("build");
        Set<String> expected = new TreeSet<>();
        for (String peer : List.of("hermit", "elk")) {
            for (String phase : List.of("parse", "classify", "materialize", "load", "total")) {
                expected.add(peer + " " + phase + " median ms");
            }
        }
        assertEquals(expected, keys(rows, m -> m.peer() + " " + m.scenario() + " " + m.metric() + " " + m.unit()));
        assertTrue(rows.stream().allMatch(m -> m.value() > 0 && m.runs() == 1 && m.size() > 2000), rows.toString());
    }

    @Test
    void loadResultsHaveEveryPeerOnTheCaseCohort() throws Exception {
        List<Measurement> rows = results("load");
        Set<String> expected = new TreeSet<>();
        for (String peer : List.of(
                "asps-kg",
                "asps-kg-build-cases",
                "jena-bulk-loader",
                "jena-bulk-loader-parallel",
                "jena-transaction")) {
            expected.add(peer + " cohort of 50 cases rate triples/s");
            expected.add(peer + " cohort of 50 cases time ms");
            expected.add(peer + " cohort of 50 cases cpu time ms");
        }
        assertEquals(expected, keys(rows, m -> m.peer() + " " + m.scenario() + " " + m.metric() + " " + m.unit()));
        // the cohort's N-Triples: dozens of triples a case, the same file for every peer
        assertEquals(1, rows.stream().map(Measurement::size).distinct().count(), rows.toString());
        assertTrue(rows.get(0).size() > 50 * 10, rows.toString());
        assertTrue(rows.stream().allMatch(m -> m.value() > 0), rows.toString());
        // rate and time are the same measurement seen two ways
        for (Measurement rate :
                rows.stream().filter(m -> m.metric().equals("rate")).toList()) {
            Measurement time = rows.stream()
                    .filter(m -> m.metric().equals("time") && m.peer().equals(rate.peer()) && m.size() == rate.size())
                    .findFirst()
                    .orElseThrow();
            assertEquals(rate.size(), rate.value() * time.value() / 1000, rate.size() * 0.01, rate + " vs " + time);
        }
    }

    @Test
    void rankResultsHaveBothWaysOfRankingWithConsistentFigures() throws Exception {
        List<Measurement> rows = results("rank");
        Set<String> expected = new TreeSet<>();
        for (String peer : List.of("rank-into-store", "rank-no-validate-csv", "rank-jsonl-csv")) {
            for (String metric : List.of("time", "throughput", "time per case", "peak heap (-Xmx512m)", "peak RSS")) {
                expected.add(peer + " 300 " + metric);
            }
        }
        List<Measurement> fileRows =
                rows.stream().filter(m -> m.peer().startsWith("rank-")).toList();
        assertEquals(expected, keys(fileRows, m -> m.peer() + " " + m.size() + " " + m.metric()));
        for (Measurement time :
                fileRows.stream().filter(m -> m.metric().equals("time")).toList()) {
            Measurement rate = fileRows.stream()
                    .filter(m -> m.metric().equals("throughput") && m.peer().equals(time.peer()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(300, rate.value() * time.value() / 1000, 3, rate + " vs " + time);
        }
        assertTrue(
                rows.stream()
                        .filter(m -> m.metric().startsWith("peak heap"))
                        .allMatch(m -> m.value() > 0 && m.value() <= 512),
                rows.toString());
    }

    @Test
    void rankResultsRankTheSameCohortOverHttpOneCaseARequestAndAsOneBatchWithoutErrors() throws Exception {
        List<Measurement> rows = results("rank");
        for (String peer : List.of("http-ddx", "http-ddx-batch")) {
            List<Measurement> cohort = rows.stream()
                    .filter(m -> m.peer().equals(peer) && m.scenario().startsWith("cohort"))
                    .toList();
            Set<String> metrics = keys(cohort, Measurement::metric);
            metrics.removeAll(Set.of("p50", "p99")); // latency of the one-case-a-request peer
            assertTrue(
                    metrics.equals(Set.of("time", "time per case", "throughput", "errors"))
                            || metrics.equals(Set.of(
                                    "did not finish within",
                                    "cases ranked before the budget ran out",
                                    "throughput",
                                    "errors")),
                    peer + ": " + metrics);
            assertEquals(
                    0,
                    cohort.stream()
                            .filter(m -> m.metric().equals("errors"))
                            .findFirst()
                            .orElseThrow()
                            .value(),
                    peer + ": every line answered with a ranking");
            assertTrue(cohort.stream().allMatch(m -> m.size() == 300), cohort.toString());
            cohort.stream().filter(m -> m.metric().equals("time")).findFirst().ifPresent(time -> {
                double rate = cohort.stream()
                        .filter(m -> m.metric().equals("throughput"))
                        .findFirst()
                        .orElseThrow()
                        .value();
                assertEquals(300, rate * time.value() / 1000, 3, peer + ": throughput × time = the cohort");
            });
        }
        // requests/s and latency of the single-case endpoint at each client count, with and without next findings
        for (String scenario : List.of(
                "one case a request, summary, compact (?next=false&detail=summary&pretty=false)",
                "one case a request, ranking only, compact (?next=false&pretty=false)",
                "one case a request, with the findings to check next")) {
            for (int clients : List.of(1, 4, 16)) {
                Set<String> metrics = keys(
                        rows.stream()
                                .filter(m -> m.scenario().equals(scenario) && m.clients() == clients)
                                .toList(),
                        Measurement::metric);
                assertEquals(Set.of("throughput", "p50", "p99", "errors"), metrics, scenario + " " + clients);
            }
        }
        assertTrue(
                rows.stream()
                        .filter(m -> m.scenario().startsWith("one case")
                                && m.metric().equals("throughput"))
                        .allMatch(m -> m.value() > 0),
                rows.toString());
    }

    @Test
    void caseResultsHaveTheCompiledPathAtEverySizeAndEveryHermitPeerAtTheSmallOne() throws Exception {
        List<Measurement> rows = results("cases");
        Set<String> expected = new TreeSet<>();
        for (long n : List.of(2L, 100L)) {
            for (String metric : List.of(
                    "time",
                    "throughput",
                    "p50 per case",
                    "p99 per case",
                    "threads",
                    "peak heap (-Xmx256m)",
                    "true diagnosis ranked first")) {
                expected.add("asps-kg " + n + " " + metric);
            }
        }
        for (String peer : List.of("whole-abox-hermit", "whole-abox-hermit-plain")) {
            for (String metric : List.of("time", "throughput", "threads", "peak heap (-Xmx256m)")) {
                expected.add(peer + " 2 " + metric);
            }
        }
        for (String metric :
                List.of("time", "throughput", "p50 per case", "p99 per case", "threads", "peak heap (-Xmx256m)")) {
            expected.add("hermit-per-case 2 " + metric);
        }
        assertEquals(expected, keys(rows, m -> m.peer() + " " + m.size() + " " + m.metric()));
        assertTrue(
                rows.stream()
                        .filter(m -> !m.metric().startsWith("true diagnosis"))
                        .allMatch(m -> m.value() > 0),
                rows.toString());
        for (Measurement t :
                rows.stream().filter(m -> m.metric().equals("throughput")).toList()) {
            Measurement time = rows.stream()
                    .filter(m -> m.metric().equals("time") && m.peer().equals(t.peer()) && m.size() == t.size())
                    .findFirst()
                    .orElseThrow();
            assertEquals(t.size(), t.value() * time.value() / 1000, t.size() * 0.01, t + " vs " + time);
        }
        // the ratio column compares asps-kg with the fairer naive peer
        assertTrue(
                Files.readString(out.resolve("cases.md")).contains("| asps-kg ÷ whole-abox-hermit-plain |"),
                Files.readString(out.resolve("cases.md")));
    }

    @Test
    void serveResultsCompareBothServersAtEveryClientCountWithoutErrors() throws Exception {
        List<Measurement> rows = results("serve");
        List<Measurement> all =
                rows.stream().filter(m -> m.scenario().equals("all-queries")).toList();
        Set<String> expected = new TreeSet<>();
        for (String peer : List.of("asps-kg", "stock-fuseki")) {
            for (int clients : List.of(1, 4, 16)) {
                for (String metric : List.of("throughput", "p50", "p99", "errors")) {
                    expected.add(peer + " " + clients + " " + metric);
                }
            }
        }
        assertEquals(expected, keys(all, m -> m.peer() + " " + m.clients() + " " + m.metric()));
        Map<String, Double> errors = all.stream()
                .filter(m -> m.metric().equals("errors"))
                .collect(Collectors.toMap(m -> m.peer() + "@" + m.clients(), Measurement::value));
        assertTrue(errors.values().stream().allMatch(e -> e == 0), "errors: " + errors);
        assertTrue(
                all.stream().filter(m -> m.metric().equals("throughput")).allMatch(m -> m.value() > 0), all.toString());
        assertTrue(all.stream().filter(m -> m.metric().equals("p99")).allMatch(m -> m.value() > 0), all.toString());
        assertEquals(
                Set.of("asps-kg peak heap", "asps-kg peak RSS", "stock-fuseki peak heap", "stock-fuseki peak RSS"),
                keys(rows.stream().filter(m -> m.unit().equals("MiB")).toList(), m -> m.peer() + " " + m.metric()));
        // "slowest query" is the largest per-query p99 of its server and client count
        for (Measurement slowest :
                rows.stream().filter(m -> m.scenario().equals("slowest query")).toList()) {
            double max = rows.stream()
                    .filter(m -> m.peer().equals(slowest.peer())
                            && m.clients() == slowest.clients()
                            && m.metric().equals("p99")
                            && !m.scenario().equals("all-queries")
                            && !m.scenario().equals("slowest query")
                            && !m.scenario().startsWith("web: "))
                    .mapToDouble(Measurement::value)
                    .max()
                    .orElseThrow();
            assertEquals(max, slowest.value(), 0.001, slowest.toString());
        }
        assertEquals(
                6,
                rows.stream().filter(m -> m.scenario().equals("slowest query")).count());
        // the served store: the ontology's build (about 4,400 triples), 1,000 synthetic triples and the
        // smoke cohort of 100 cases (dozens of triples each) in the cases graph
        assertTrue(rows.stream().allMatch(m -> m.size() > 4_000 + 1_000 + 100 * 20), rows.toString());
    }

    @Test
    void serveResultsTimeTheWebFrontsAutocompleteAndTermPagesOnAspsKgAtEveryClientCountWithoutErrors()
            throws Exception {
        List<Measurement> web = results("serve").stream()
                .filter(m -> m.scenario().startsWith("web: "))
                .toList();
        Set<String> expected = new TreeSet<>();
        for (String scenario : List.of(WebScenarios.AUTOCOMPLETE, WebScenarios.TERM_PAGE)) {
            for (int clients : List.of(1, 4, 16)) {
                for (String metric : List.of("throughput", "p50", "p99", "errors")) {
                    expected.add(scenario + " " + clients + " " + metric);
                }
            }
        }
        assertEquals(expected, keys(web, m -> m.scenario() + " " + m.clients() + " " + m.metric()));
        // stock Fuseki has no web front: these rows are asps-kg's alone
        assertEquals(Set.of("asps-kg"), keys(web, Measurement::peer));
        assertTrue(web.stream().filter(m -> m.metric().equals("errors")).allMatch(m -> m.value() == 0), web.toString());
        assertTrue(
                web.stream()
                        .filter(m -> m.metric().equals("throughput"))
                        .allMatch(m -> m.value() > 0 && m.unit().equals("requests/s")),
                web.toString());
        assertTrue(
                web.stream()
                        .filter(m -> m.metric().startsWith("p"))
                        .allMatch(m -> m.value() > 0 && m.unit().equals("ms")),
                web.toString());
    }

    /** The JMH benchmark classes and the peer each measures. */
    private static final Map<Class<?>, String> MICRO_PEERS = Map.of(
            CaseBenchmarks.class,
            "asps-kg",
            TextBenchmarks.class,
            "asps-kg",
            HermitCaseBenchmarks.class,
            "hermit-per-case",
            ShaclCaseBenchmarks.class,
            "jena-shacl");

    private static List<String> benchmarkMethods(Class<?> c) {
        // the annotation's simple name is this package's Benchmark interface
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class))
                .map(Method::getName)
                .toList();
    }

    @Test
    void theBenchmarkListJmhRunsFromHoldsEveryDeclaredMicroBenchmarkInBothModes() {
        Set<String> expected = new TreeSet<>();
        MICRO_PEERS
                .keySet()
                .forEach(c -> benchmarkMethods(c).forEach(method -> {
                    for (Mode mode : List.of(Mode.AverageTime, Mode.SampleTime))
                        expected.add(c.getName() + "." + method + " " + mode);
                }));
        var listed = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of());
        assertEquals(expected, keys(listed, e -> e.getUsername() + " " + e.getMode()));
    }

    @Test
    void microResultsHaveAMeanThroughputP50AndP99ForEveryDeclaredBenchmark() throws Exception {
        List<Measurement> rows = results("micro");
        Set<String> expected = new TreeSet<>();
        MICRO_PEERS.forEach((c, peer) -> benchmarkMethods(c).forEach(method -> {
            for (String metric : List.of("mean µs/op", "throughput ops/s", "p50 µs/op", "p99 µs/op")) {
                expected.add(peer + " " + method + " " + metric);
            }
        }));
        assertTrue(expected.size() >= 6 * 4, expected.toString());
        // smoke: one measured iteration, so JMH gives no error over iterations
        assertEquals(expected, keys(rows, m -> m.peer() + " " + m.scenario() + " " + m.metric() + " " + m.unit()));
        assertTrue(
                rows.stream()
                        .allMatch(m -> m.value() > 0
                                && m.runs() >= 1
                                && m.clients() == 1
                                && m.size() == 100
                                && m.sizeUnit().equals("cases in the pool")),
                rows.toString());
        for (Measurement mean :
                rows.stream().filter(m -> m.metric().equals("mean")).toList()) {
            Measurement throughput = rows.stream()
                    .filter(m -> m.metric().equals("throughput")
                            && m.peer().equals(mean.peer())
                            && m.scenario().equals(mean.scenario()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(1e6, mean.value() * throughput.value(), 1e6 * 0.01, mean + " vs " + throughput);
        }
        for (Measurement p50 :
                rows.stream().filter(m -> m.metric().equals("p50")).toList()) {
            Measurement p99 = rows.stream()
                    .filter(m -> m.metric().equals("p99")
                            && m.peer().equals(p50.peer())
                            && m.scenario().equals(p50.scenario()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(p50.value() <= p99.value(), p50 + " vs " + p99);
        }
    }

    @Test
    void everyBenchmarkHasAPlotAndTheReportListsThem() throws Exception {
        for (String name : List.of("build", "load", "cases", "rank", "serve", "micro")) {
            BufferedImage png = ImageIO.read(out.resolve(name + ".png").toFile());
            assertTrue(png != null && png.getWidth() >= 640 && png.getHeight() >= 400, name + ".png");
        }
        String report = Files.readString(out.resolve("results.md"));
        assertEquals(run.out(), report);
        assertTrue(report.contains("Plot: `serve.png`"), report);
        for (String name : List.of("build", "load", "serve", "micro")) {
            String section = Files.readString(out.resolve(name + ".md"));
            assertTrue(section.startsWith("### " + name + ": ") && report.contains(section), name + ".md:\n" + section);
        }
    }
}
