package org.aspskg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.StoreBuilder;

/**
 * What a benchmark run measures and for how long.
 *
 * @param ontology      the ontology every store is built from
 * @param queries       directory whose top-level {@code *.rq} files are the served query library
 *                      (built-in representative queries when it has none)
 * @param out           where the CSV, PNG and Markdown results go
 * @param work          scratch directory for stores and data files (emptied afterwards)
 * @param buildRuns     timed builds per reasoner, after one untimed warm-up build each
 * @param loadSizes     case cohort sizes, in cases, for the load benchmark (about 87 triples a case)
 * @param loadRuns      timed loads per peer and size (the median is reported)
 * @param serveTriples  synthetic triples added to the served store besides the ontology
 * @param serveCases    synthetic cases ({@code asps-kg generate}'s cohort) in the served store's cases graph
 * @param clients       concurrent client counts for the serve benchmark
 * @param serveWarmup   untimed load on each server before it is measured
 * @param serveDuration one measured slice of one client count on one server
 * @param serveRounds   slices per client count and server, interleaved between the servers, per start
 * @param serverHeap    the servers' {@code -Xmx}
 * @param shapes        the SHACL case shapes (for the cohort's case knowledge)
 * @param caseSizes     cohort sizes, in cases, for asps-kg's case ranking (each in a child JVM with {@code serverHeap})
 * @param naiveCaseSizes cohort sizes, growing, for the HermiT peers that answer what asps-kg answers
 *                      ({@code whole-abox-hermit}, {@code hermit-per-case}); each stops at its first size
 *                      that does not finish within {@code naiveBudget}
 * @param storeBuilds   how asps-kg builds a store from (ontology, store directory): the command line's
 *                      build (the ontology and its mapping set), so the benchmark measures what users run
 * @param plainCaseSizes cohort sizes, growing, for {@code whole-abox-hermit-plain} (HermiT realizing the
 *                      cohort against the plain ontology), stopping as the other HermiT peers do
 * @param naiveBudget   how long one run of a HermiT peer may take (in a child JVM with {@code serverHeap});
 *                      a run past it is stopped and reported as not finishing within it
 * @param rankSizes     cohort sizes, in cases, for {@code asps-kg rank} end to end (generated to a temporary
 *                      file, ranked in a child JVM with {@code -Xmx512m}, the file deleted afterwards)
 * @param serveRestarts how many times both servers are started afresh and measured (each JVM compiles
 *                      the hot code its own way: a single pair of JVMs can differ by ±10 % at 1 client)
 * @param serveStore    an existing store (as {@code asps-kg build --cases} makes it) to serve instead of
 *                      building one, copied first so it is left as it was; null: build it from
 *                      {@code serveCases} and {@code serveTriples}
 */
public record BenchSettings(
        Path ontology,
        Path queries,
        Path out,
        Path work,
        int buildRuns,
        List<Long> loadSizes,
        int loadRuns,
        long serveTriples,
        long serveCases,
        List<Integer> clients,
        Duration serveWarmup,
        Duration serveDuration,
        int serveRounds,
        String serverHeap,
        Path shapes,
        List<Integer> caseSizes,
        List<Integer> naiveCaseSizes,
        BiFunction<Path, Path, StoreBuilder> storeBuilds,
        MicroSettings micro,
        List<Integer> plainCaseSizes,
        Duration naiveBudget,
        int serveRestarts,
        List<Integer> rankSizes,
        Path serveStore) {

    /** Default results directory (committed). */
    public static final Path RESULTS = Path.of("bench", "results");
    /** Default query library directory. */
    public static final Path QUERIES = Path.of("queries");

    public BenchSettings {
        clients = List.copyOf(clients);
        loadSizes = List.copyOf(loadSizes);
        caseSizes = List.copyOf(caseSizes);
        naiveCaseSizes = List.copyOf(naiveCaseSizes);
        plainCaseSizes = List.copyOf(plainCaseSizes);
        rankSizes = List.copyOf(rankSizes);
        if (caseSizes.stream().anyMatch(n -> n < 1)
                || naiveCaseSizes.stream().anyMatch(n -> n < 1)
                || plainCaseSizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("case sizes ≥ 1");
        }
        if (naiveBudget.isNegative() || naiveBudget.isZero()) throw new IllegalArgumentException("naive budget > 0");
        if (serveTriples < 0 || serveCases < 0) throw new IllegalArgumentException("served data sizes ≥ 0");
        if (buildRuns < 1 || loadRuns < 1 || serveRounds < 1 || serveRestarts < 1)
            throw new IllegalArgumentException("runs must be ≥ 1");
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1))
            throw new IllegalArgumentException("clients ≥ 1");
        if (loadSizes.isEmpty() || loadSizes.stream().anyMatch(n -> n < 1))
            throw new IllegalArgumentException("sizes ≥ 1");
    }

    /**
     * The documented full run, about half an hour on an idle 2-core machine. The served store is the real one with a
     * cohort of 100,000 synthetic cases in its cases graph (about 8.7 million triples), as a registry
     * would load it; no synthetic copies of the ontology's statement nodes, which the query library
     * asks about and which copies would multiply.
     */
    public static BenchSettings full(Path out, Path work, BiFunction<Path, Path, StoreBuilder> storeBuilds) {
        return new BenchSettings(
                OntologyLoader.DEFAULT_ONTOLOGY,
                QUERIES,
                out,
                work,
                5,
                List.of(3_000L, 10_000L, 30_000L, 100_000L),
                3,
                0,
                100_000,
                List.of(1, 4, 16),
                Duration.ofSeconds(5),
                Duration.ofSeconds(3),
                4,
                "1g",
                DdxKnowledge.DEFAULT_SHAPES,
                List.of(1_000, 10_000, 100_000),
                List.of(10, 20, 40, 80, 160),
                storeBuilds,
                MicroSettings.full(),
                List.of(10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000),
                Duration.ofSeconds(120),
                3,
                List.of(100_000, 1_000_000, 10_000_000),
                null);
    }

    /**
     * A smoke run of every benchmark with tiny inputs, a second or two each: keeps the harness from
     * rotting (including the synthetic triples and cases in the served store).
     */
    public static BenchSettings smoke(Path out, Path work, BiFunction<Path, Path, StoreBuilder> storeBuilds) {
        return new BenchSettings(
                OntologyLoader.DEFAULT_ONTOLOGY,
                QUERIES,
                out,
                work,
                1,
                List.of(50L),
                1,
                1_000L,
                100,
                List.of(1, 4, 16),
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                1,
                "256m",
                DdxKnowledge.DEFAULT_SHAPES,
                List.of(100),
                List.of(2),
                storeBuilds,
                MicroSettings.smoke(),
                List.of(2),
                // a HermiT peer on 2 cases takes a few seconds alone; the margin is for a loaded machine
                // (it did not finish within 20 s at load average 10)
                Duration.ofSeconds(90),
                2,
                List.of(300),
                null);
    }

    /** A store builder for the benchmarks' own stores. */
    StoreBuilder storeBuilder(Path store) {
        return storeBuilds.apply(ontology, store);
    }
}
