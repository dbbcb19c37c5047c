package org.aspskg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.reason.ReasonerKind;
import org.aspskg.store.BuildPhase;
import org.aspskg.store.BuildReport;
import org.aspskg.store.StoreDirectory;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code asps-kg build} phase by phase — parse, classify, materialize, load — with HermiT (the
 * default, complete for OWL 2 DL) and ELK (OWL 2 EL only). Each reasoner builds once untimed (class
 * loading, JIT), then {@code buildRuns} times, the two reasoners alternating; the median of each
 * phase is reported. Every build is a real one, into a fresh directory.
 */
public final class BuildBenchmark implements Benchmark {
    static final List<BuildPhase> PHASES =
            List.of(BuildPhase.PARSE, BuildPhase.CLASSIFY, BuildPhase.MATERIALIZE, BuildPhase.LOAD);

    @Override
    public String name() {
        return "build";
    }

    @Override
    public String title() {
        return "ontology build per phase, HermiT vs ELK (median ms, warm JVM)";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(peer(ReasonerKind.HERMIT), peer(ReasonerKind.ELK));
    }

    static String peer(ReasonerKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) {
        List<ReasonerKind> reasoners = List.of(ReasonerKind.HERMIT, ReasonerKind.ELK);
        Map<ReasonerKind, Map<String, List<Double>>> times = new EnumMap<>(ReasonerKind.class);
        long assertedTriples = 0;
        for (ReasonerKind kind : reasoners) {
            log.progress("build: warm-up with %s", kind.displayName());
            build(settings, kind, "warmup");
        }
        for (int run = 1; run <= settings.buildRuns(); run++) {
            List<ReasonerKind> order = run % 2 == 1 ? reasoners : List.of(reasoners.get(1), reasoners.get(0));
            for (ReasonerKind kind : order) {
                BuildReport report = build(settings, kind, Integer.toString(run));
                assertedTriples = report.graphSizes().get(AspsVocabulary.GRAPH_ASSERTED);
                Map<String, List<Double>> byPhase = times.computeIfAbsent(kind, k -> new LinkedHashMap<>());
                for (BuildPhase phase : PHASES) {
                    byPhase.computeIfAbsent(phase.label(), p -> new ArrayList<>())
                            .add(millis(report.phaseTimes().get(phase)));
                }
                byPhase.computeIfAbsent("total", p -> new ArrayList<>()).add(millis(report.total()));
                log.progress(
                        "build: run %d/%d %s %.0f ms",
                        run, settings.buildRuns(), kind.displayName(), millis(report.total()));
            }
        }
        List<Measurement> rows = new ArrayList<>();
        for (ReasonerKind kind : reasoners) {
            for (var e : times.get(kind).entrySet()) {
                rows.add(new Measurement(
                        name(),
                        peer(kind),
                        e.getKey(),
                        assertedTriples,
                        "triples",
                        1,
                        "median",
                        Stats.median(e.getValue()),
                        "ms",
                        e.getValue().size()));
            }
        }
        return rows;
    }

    private static BuildReport build(BenchSettings settings, ReasonerKind kind, String label) {
        Path dir = settings.work().resolve("build-" + peer(kind) + "-" + label);
        try {
            return settings.storeBuilder(dir.resolve("tdb2")).reasoner(kind).build();
        } finally {
            StoreDirectory.deleteQuietly(dir);
        }
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        List<Measurement> phases =
                results.stream().filter(m -> !m.scenario().equals("total")).toList();
        return List.of(Charts.bars("asps-kg build: median time per phase", "ms", phases, Measurement::scenario));
    }
}
