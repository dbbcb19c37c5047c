package org.aspskg.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.aspskg.AspsKgException;
import org.aspskg.bench.micro.CaseBenchmarks;
import org.aspskg.bench.micro.HermitCaseBenchmarks;
import org.aspskg.bench.micro.ShaclCaseBenchmarks;
import org.aspskg.bench.micro.TextBenchmarks;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * The JMH micro-benchmarks of {@code org.aspskg.bench.micro} (one case at a time, one thread: classify,
 * rank, validate, read JSON, the whole JSON request; HermiT's per-case classification as the peer of the
 * compiled classifier, jena-shacl as the peer of the compiled case shapes), run by JMH's {@link Runner} as {@link MicroSettings} say and turned into
 * {@link Measurement} rows: the benchmark method is the scenario, the benchmark class names the peer.
 * Average-time mode gives the mean (and JMH's 99.9 % error over iterations), sample-time mode the p50
 * and p99 of single operations.
 */
public final class MicroBenchmark implements Benchmark {
    static final String ASPS_KG = "asps-kg";
    static final String HERMIT = "hermit-per-case";
    static final String JENA_SHACL = "jena-shacl";
    /** The benchmark classes and the peer each measures; a result of any other class is an error. */
    static final Map<String, String> PEERS = Map.of(
            CaseBenchmarks.class.getName(), ASPS_KG,
            TextBenchmarks.class.getName(), ASPS_KG,
            HermitCaseBenchmarks.class.getName(), HERMIT,
            ShaclCaseBenchmarks.class.getName(), JENA_SHACL);

    static final String POOL_UNIT = "cases in the pool";
    /** The scenarios in the order a case goes through them (the table's and the plot's order). */
    static final List<String> SCENARIOS = List.of(
            "classifyCase",
            "rankClassifiedCase",
            "classifyAndRankCase",
            "validateCase",
            "readJsonCase",
            "rankJsonRequest",
            "annotateSentence",
            "searchTerm",
            "rankFreeTextCase");

    private static final List<String> METRICS = List.of("mean", "error (99.9 %)", "throughput", "p50", "p99");

    @Override
    public String name() {
        return "micro";
    }

    @Override
    public String title() {
        return "JMH micro-benchmarks of one case on one thread: classify, rank, validate, read JSON, the whole JSON "
                + "request (HermiT is a peer of classifyCase only, jena-shacl of validateCase only)";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(ASPS_KG, HERMIT);
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        MicroSettings micro = settings.micro();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(CaseBenchmarks.class.getPackageName() + ".") + ".*")
                .forks(micro.forks())
                .warmupIterations(micro.warmupIterations())
                .warmupTime(TimeValue.milliseconds(micro.iteration().toMillis()))
                .measurementIterations(micro.iterations())
                .measurementTime(TimeValue.milliseconds(micro.iteration().toMillis()))
                .threads(1)
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .param("ontology", settings.ontology().toAbsolutePath().toString())
                .param("shapes", settings.shapes().toAbsolutePath().toString())
                .param("pool", Integer.toString(micro.pool()));
        if (micro.forks() == 0) {
            // A smoke run (in this JVM, figures not kept) need not wait for JMH's machine-wide lock, which a
            // real run elsewhere on the machine may hold; a real run keeps the lock so two runs never overlap.
            System.setProperty("jmh.ignoreLock", "true");
        }
        Collection<RunResult> results;
        try (PrintStream jmhOutput = log.stream()) {
            results = new Runner(
                            options.build(),
                            OutputFormatFactory.createFormatInstance(
                                    jmhOutput, micro.forks() == 0 ? VerboseMode.SILENT : VerboseMode.NORMAL))
                    .run();
        } catch (RunnerException e) {
            throw new AspsKgException(
                    "micro benchmark: JMH failed: " + e.getMessage(),
                    "Rerun with --only micro and read JMH's output above.");
        }
        if (results.isEmpty()) {
            throw new AspsKgException(
                    "micro benchmark: JMH found no benchmarks",
                    "META-INF/BenchmarkList is missing from the classpath: rebuild with mvn package.");
        }
        List<Measurement> rows = new ArrayList<>();
        for (RunResult run : results) rows.addAll(rows(run));
        rows.sort(Comparator.comparingInt((Measurement m) -> order(SCENARIOS, m.scenario()))
                .thenComparing(Measurement::scenario)
                .thenComparingInt(m -> order(METRICS, m.metric()))
                .thenComparing(m -> !m.peer().equals(ASPS_KG)));
        return rows;
    }

    private static int order(List<String> known, String s) {
        int i = known.indexOf(s);
        return i < 0 ? known.size() : i;
    }

    /** The rows of one benchmark method in one mode. */
    List<Measurement> rows(RunResult run) {
        BenchmarkParams params = run.getParams();
        String benchmark = params.getBenchmark();
        int dot = benchmark.lastIndexOf('.');
        String peer = PEERS.get(benchmark.substring(0, dot));
        if (peer == null) throw new IllegalStateException(benchmark + ": no peer for its class in " + PEERS.keySet());
        String scenario = benchmark.substring(dot + 1);
        long pool = Long.parseLong(params.getParam("pool"));
        Result<?> result = run.getPrimaryResult();
        if (!result.getScoreUnit().equals("us/op")) {
            throw new IllegalStateException(benchmark + ": score in " + result.getScoreUnit() + ", expected us/op");
        }
        Statistics stats = result.getStatistics();
        List<Measurement> rows = new ArrayList<>();
        switch (params.getMode()) {
            case AverageTime -> {
                rows.add(row(peer, scenario, pool, "mean", result.getScore(), "µs/op", stats.getN()));
                if (Double.isFinite(result.getScoreError())) { // needs two iterations at least
                    rows.add(
                            row(peer, scenario, pool, "error (99.9 %)", result.getScoreError(), "µs/op", stats.getN()));
                }
                rows.add(row(peer, scenario, pool, "throughput", 1e6 / result.getScore(), "ops/s", stats.getN()));
            }
            case SampleTime -> {
                rows.add(row(peer, scenario, pool, "p50", stats.getPercentile(50), "µs/op", stats.getN()));
                rows.add(row(peer, scenario, pool, "p99", stats.getPercentile(99), "µs/op", stats.getN()));
            }
            default -> throw new IllegalStateException(benchmark + ": unexpected mode " + params.getMode());
        }
        return rows;
    }

    private Measurement row(
            String peer, String scenario, long pool, String metric, double value, String unit, long runs) {
        return new Measurement(name(), peer, scenario, pool, POOL_UNIT, 1, metric, value, unit, runs);
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        List<Measurement> means =
                results.stream().filter(m -> m.metric().equals("mean")).toList();
        List<Measurement> own =
                means.stream().filter(m -> m.peer().equals(ASPS_KG)).toList();
        CategoryChart steps = logBars(
                Charts.bars("asps-kg, one case on one thread", "mean (µs/op, log scale)", own, Measurement::scenario),
                own);
        steps.getStyler().setXAxisLabelRotation(20);
        List<Measurement> classify =
                means.stream().filter(m -> m.scenario().equals("classifyCase")).toList();
        return List.of(
                steps,
                logBars(
                        Charts.bars(
                                "classifyCase: compiled vs HermiT",
                                "mean (µs/op, log scale)",
                                classify,
                                Measurement::scenario),
                        classify));
    }

    /** Figures spanning several powers of ten: a log axis, whose bars grow from the power of ten below the least. */
    private static CategoryChart logBars(CategoryChart chart, List<Measurement> rows) {
        chart.getStyler().setYAxisLogarithmic(true);
        double least = rows.stream()
                .mapToDouble(Measurement::value)
                .filter(v -> v > 0)
                .min()
                .orElse(1);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(least))));
        return chart;
    }
}
