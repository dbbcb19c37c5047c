package org.aspskg.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.BuildObserver;
import org.aspskg.store.BuildPhase;
import org.aspskg.store.StoreBuilder;
import org.aspskg.store.StoreDirectory;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * TDB2 load rate (triples/s) of one N-Triples file into a fresh store's named graph, by asps-kg's
 * own build (the LOAD phase of {@link StoreBuilder} with the file as an extra graph, timed by its
 * observer; and, as {@code asps-kg-build-cases}, the same phase loading the file as
 * {@code build --cases} does, each case checked against the case shapes on the way) and by Jena's loaders on the same file in the same run: the phased loader (what
 * {@code tdb2.tdbloader} uses on an empty database), the parallel loader, and a plain write
 * transaction (what an application using Jena's API does). Each peer's store is checked to hold
 * exactly the file's triples. The data are the synthetic case cohort ({@link CohortGenerator}, the
 * N-Triples {@code asps-kg generate} writes) of each configured number of cases.
 */
public final class LoadBenchmark implements Benchmark {
    static final String ASPS_KG = "asps-kg";
    static final String ASPS_KG_CASES = "asps-kg-build-cases";
    static final String BULK = "jena-bulk-loader";
    static final String BULK_PARALLEL = "jena-bulk-loader-parallel";
    static final String TRANSACTION = "jena-transaction";
    private static final Node GRAPH = NodeFactory.createURI(BenchVocabulary.GRAPH_SYNTHETIC);
    private static final MonitorOutput QUIET = (format, args) -> {};

    /** One way of loading a file into an empty TDB2 directory; returns the time the load took. */
    private interface Peer {
        Timing load(BenchSettings settings, Path file, Path dir);
    }

    /** Wall-clock time of a load and the CPU time this JVM spent meanwhile (all its threads). */
    record Timing(Duration wall, Duration cpu) {
        static long cpuNanos() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        static Timing since(long wallStart, long cpuStart) {
            return new Timing(Duration.ofNanos(System.nanoTime() - wallStart), Duration.ofNanos(cpuNanos() - cpuStart));
        }
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String title() {
        return "TDB2 load of the synthetic case cohort (N-Triples, as asps-kg generate writes it) into a fresh store";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(ASPS_KG, BULK);
    }

    /** The peers; {@code knowledge} checks the cases of {@code asps-kg-build-cases}, loaded once per run. */
    private static Map<String, Peer> peers(DdxKnowledge knowledge) {
        Map<String, Peer> peers = new LinkedHashMap<>();
        peers.put(ASPS_KG, (s, file, dir) -> loadWithAspsKg(s, file, dir, null));
        peers.put(ASPS_KG_CASES, (s, file, dir) -> loadWithAspsKg(s, file, dir, knowledge));
        peers.put(BULK, (s, file, dir) -> loadWithJena(dir, d -> LoaderFactory.phasedLoader(d, GRAPH, QUIET), file));
        peers.put(
                BULK_PARALLEL,
                (s, file, dir) -> loadWithJena(dir, d -> LoaderFactory.parallelLoader(d, GRAPH, QUIET), file));
        peers.put(TRANSACTION, (s, file, dir) -> loadInTransaction(dir, file));
        return peers;
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        DdxKnowledge knowledge = DdxKnowledge.load(settings.ontology(), settings.shapes());
        CohortGenerator generator = knowledge.cohortGenerator();
        Map<String, Peer> peers = peers(knowledge);
        List<String> names = new ArrayList<>(peers.keySet());
        List<Measurement> rows = new ArrayList<>();
        for (long cases : settings.loadSizes()) {
            Path file = settings.work().resolve("cohort-" + cases + ".nt");
            knowledge
                    .cohortWriter()
                    .writeRdf(
                            generator.generate(Math.toIntExact(cases), CaseRankingBenchmark.SEED),
                            file,
                            RDFFormat.NTRIPLES);
            long size = lineCount(file);
            String scenario = "cohort of " + cases + " cases";
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();
            for (int run = 0; run < settings.loadRuns(); run++) {
                for (int i = 0; i < names.size(); i++) {
                    // rotate the order each run so no peer always goes first (cold page cache, JIT)
                    String peer = names.get((i + run) % names.size());
                    Path dir = settings.work().resolve("load-" + peer + "-" + size + "-" + run);
                    try {
                        Timing t = peers.get(peer).load(settings, file, dir);
                        seconds.computeIfAbsent(peer, p -> new ArrayList<>())
                                .add(t.wall().toNanos() / 1e9);
                        cpuSeconds
                                .computeIfAbsent(peer, p -> new ArrayList<>())
                                .add(t.cpu().toNanos() / 1e9);
                        log.progress(
                                "load: %,d cases (%,d triples), %s, run %d: %.2f s (%.2f s CPU)",
                                cases,
                                size,
                                peer,
                                run + 1,
                                t.wall().toNanos() / 1e9,
                                t.cpu().toNanos() / 1e9);
                    } finally {
                        StoreDirectory.deleteQuietly(dir);
                    }
                }
            }
            for (String peer : names) {
                List<Double> s = seconds.get(peer);
                double median = Stats.median(s);
                rows.add(new Measurement(
                        name(), peer, scenario, size, "triples", 1, "rate", size / median, "triples/s", s.size()));
                rows.add(new Measurement(
                        name(), peer, scenario, size, "triples", 1, "time", median * 1000, "ms", s.size()));
                // CPU time is less disturbed than wall time by other work on shared cores
                rows.add(new Measurement(
                        name(),
                        peer,
                        scenario,
                        size,
                        "triples",
                        1,
                        "cpu time",
                        Stats.median(cpuSeconds.get(peer)) * 1000,
                        "ms",
                        s.size()));
            }
            Files.deleteIfExists(file);
        }
        return rows;
    }

    /**
     * asps-kg's LOAD phase, the only phase timed: the file as a plain extra graph (the load path alone, like
     * Jena's loaders), or, given {@code caseKnowledge}, as {@code asps-kg build --cases} loads a cohort: checked
     * case by case against that knowledge's terms and case shapes while it streams into the cases graph.
     */
    private static Timing loadWithAspsKg(BenchSettings settings, Path file, Path dir, DdxKnowledge caseKnowledge) {
        AtomicReference<Timing> load = new AtomicReference<>();
        long[] cpuStart = new long[1];
        Path store = dir.resolve("tdb2");
        StoreBuilder builder = settings.storeBuilder(store);
        if (caseKnowledge != null) {
            builder.cases(caseKnowledge.cohortLoader(List.of(file), true));
        } else {
            builder.graphFile(BenchVocabulary.GRAPH_SYNTHETIC, file);
        }
        builder.observer(new BuildObserver() {
                    @Override
                    public void phaseStarted(BuildPhase phase) {
                        if (phase == BuildPhase.LOAD) cpuStart[0] = Timing.cpuNanos();
                    }

                    @Override
                    public void phaseFinished(BuildPhase phase, Duration duration, String summary) {
                        if (phase == BuildPhase.LOAD) {
                            load.set(new Timing(duration, Duration.ofNanos(Timing.cpuNanos() - cpuStart[0])));
                        }
                    }
                })
                .build();
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(store.toString());
        try {
            requireLoaded(dsg, caseKnowledge != null ? NodeFactory.createURI(AspsVocabulary.GRAPH_CASES) : GRAPH, file);
        } finally {
            TDBInternal.expel(dsg);
        }
        return load.get();
    }

    private static Timing loadWithJena(Path dir, Function<DatasetGraph, DataLoader> loaderFor, Path file) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        try {
            DataLoader loader = loaderFor.apply(dsg);
            long start = System.nanoTime();
            long cpu = Timing.cpuNanos();
            loader.startBulk();
            loader.load(file.toString());
            loader.finishBulk();
            Timing d = Timing.since(start, cpu);
            requireLoaded(dsg, file);
            return d;
        } finally {
            TDBInternal.expel(dsg);
        }
    }

    private static Timing loadInTransaction(Path dir, Path file) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        try {
            long start = System.nanoTime();
            long cpu = Timing.cpuNanos();
            Txn.executeWrite(
                    dsg,
                    () -> RDFParser.source(file)
                            .parse(StreamRDFLib.extendTriplesToQuads(GRAPH, StreamRDFLib.dataset(dsg))));
            Timing d = Timing.since(start, cpu);
            requireLoaded(dsg, file);
            return d;
        } finally {
            TDBInternal.expel(dsg);
        }
    }

    private static long lineCount(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's graph must hold exactly the file's lines (one triple each, no duplicates). */
    private static void requireLoaded(DatasetGraph dsg, Path file) {
        requireLoaded(dsg, GRAPH, file);
    }

    private static void requireLoaded(DatasetGraph dsg, Node graph, Path file) {
        long expected = lineCount(file);
        long actual = Txn.calculateRead(dsg, () -> dsg.getGraph(graph).size());
        if (actual != expected) {
            throw new AspsKgException(
                    "load benchmark: " + actual + " triples loaded from " + file + ", expected " + expected,
                    "A loader lost or duplicated data; the figures would be meaningless.");
        }
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        return List.of(Charts.lines(
                "TDB2 load rate by data set size",
                "triples (log scale)",
                "triples/s",
                results.stream().filter(m -> m.metric().equals("rate")).toList(),
                Measurement::size,
                true));
    }
}
