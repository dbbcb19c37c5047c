package org.aspskg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
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
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.BuildObserver;
import org.aspskg.store.BuildPhase;
import org.aspskg.store.StoreBuilder;
import org.aspskg.store.StoreDirectory;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * TDB2 load rate (triples/s) of one N-Triples file into a fresh store's named graph, by asps-kg's
 * own build (the LOAD phase of {@link StoreBuilder} with the file as an extra graph, timed by its
 * observer) and by Jena's loaders on the same file in the same run: the phased loader (what
 * {@code tdb2.tdbloader} uses on an empty database), the parallel loader, and a plain write
 * transaction (what an application using Jena's API does). Each peer's store is checked to hold
 * exactly the file's triples. The data are {@link SyntheticStatements} of each configured size.
 */
public final class LoadBenchmark implements Benchmark {
    static final String ASPS_KG = "asps-kg";
    static final String BULK = "jena-bulk-loader";
    static final String BULK_PARALLEL = "jena-bulk-loader-parallel";
    static final String TRANSACTION = "jena-transaction";
    private static final Node GRAPH = NodeFactory.createURI(AspsVocabulary.GRAPH_SYNTHETIC);
    private static final MonitorOutput QUIET = (format, args) -> {};

    /** One way of loading a file into an empty TDB2 directory; returns the time the load took. */
    private interface Peer {
        Timing load(BenchSettings settings, Path file, Path dir);
    }

    /** Wall-clock time of a load and the CPU time this JVM spent meanwhile (all its threads). */
    record Timing(Duration wall, Duration cpu) {
        static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
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
        return "TDB2 load of synthetic statement nodes (stand-in for the case cohort) into a fresh store";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(ASPS_KG, BULK);
    }

    private static Map<String, Peer> peers() {
        Map<String, Peer> peers = new LinkedHashMap<>();
        peers.put(ASPS_KG, LoadBenchmark::loadWithAspsKg);
        peers.put(BULK, (s, file, dir) -> loadWithJena(dir, d -> LoaderFactory.phasedLoader(d, GRAPH, QUIET), file));
        peers.put(BULK_PARALLEL, (s, file, dir) -> loadWithJena(dir, d -> LoaderFactory.parallelLoader(d, GRAPH, QUIET), file));
        peers.put(TRANSACTION, (s, file, dir) -> loadInTransaction(dir, file));
        return peers;
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        SyntheticStatements data = SyntheticStatements.from(OntologyLoader.readRdf(settings.ontology()));
        Map<String, Peer> peers = peers();
        List<String> names = new ArrayList<>(peers.keySet());
        List<Measurement> rows = new ArrayList<>();
        for (long size : settings.loadSizes()) {
            Path file = settings.work().resolve("synthetic-" + size + ".nt");
            data.writeNTriples(size, file);
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();
            for (int run = 0; run < settings.loadRuns(); run++) {
                for (int i = 0; i < names.size(); i++) {
                    // rotate the order each run so no peer always goes first (cold page cache, JIT)
                    String peer = names.get((i + run) % names.size());
                    Path dir = settings.work().resolve("load-" + peer + "-" + size + "-" + run);
                    try {
                        Timing t = peers.get(peer).load(settings, file, dir);
                        seconds.computeIfAbsent(peer, p -> new ArrayList<>()).add(t.wall().toNanos() / 1e9);
                        cpuSeconds.computeIfAbsent(peer, p -> new ArrayList<>()).add(t.cpu().toNanos() / 1e9);
                        log.progress("load: %,d triples, %s, run %d: %.2f s (%.2f s CPU)", size, peer, run + 1,
                                t.wall().toNanos() / 1e9, t.cpu().toNanos() / 1e9);
                    } finally {
                        StoreDirectory.deleteQuietly(dir);
                    }
                }
            }
            for (String peer : names) {
                List<Double> s = seconds.get(peer);
                double median = Stats.median(s);
                rows.add(new Measurement(name(), peer, "synthetic-statements", size, "triples", 1, "rate", size / median,
                        "triples/s", s.size()));
                rows.add(new Measurement(name(), peer, "synthetic-statements", size, "triples", 1, "time", median * 1000,
                        "ms", s.size()));
                // CPU time is less disturbed than wall time by other work on shared cores
                rows.add(new Measurement(name(), peer, "synthetic-statements", size, "triples", 1, "cpu time",
                        Stats.median(cpuSeconds.get(peer)) * 1000, "ms", s.size()));
            }
            java.nio.file.Files.deleteIfExists(file);
        }
        return rows;
    }

    /** asps-kg build with the file as an extra named graph; only the LOAD phase is timed. */
    private static Timing loadWithAspsKg(BenchSettings settings, Path file, Path dir) {
        AtomicReference<Timing> load = new AtomicReference<>();
        long[] cpuStart = new long[1];
        Path store = dir.resolve("tdb2");
        settings.storeBuilder(store)
                .graphFile(AspsVocabulary.GRAPH_SYNTHETIC, file)
                .observer(new BuildObserver() {
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
            requireLoaded(dsg, file);
        } finally {
            TDBInternal.expel(dsg);
        }
        return load.get();
    }

    private static Timing loadWithJena(Path dir, java.util.function.Function<DatasetGraph, DataLoader> loaderFor,
            Path file) {
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
            Txn.executeWrite(dsg, () -> RDFParser.source(file)
                    .parse(StreamRDFLib.extendTriplesToQuads(GRAPH, StreamRDFLib.dataset(dsg))));
            Timing d = Timing.since(start, cpu);
            requireLoaded(dsg, file);
            return d;
        } finally {
            TDBInternal.expel(dsg);
        }
    }

    /** The store's synthetic graph must hold exactly the file's lines (one triple each, no duplicates). */
    private static void requireLoaded(DatasetGraph dsg, Path file) {
        long expected;
        try (var lines = java.nio.file.Files.lines(file)) {
            expected = lines.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long actual = Txn.calculateRead(dsg, () -> dsg.getGraph(GRAPH).size());
        if (actual != expected) {
            throw new AspsKgException("load benchmark: " + actual + " triples loaded from " + file + ", expected " + expected,
                    "A loader lost or duplicated data; the figures would be meaningless.");
        }
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        return List.of(Charts.lines("TDB2 load rate by data set size", "triples (log scale)", "triples/s",
                results.stream().filter(m -> m.metric().equals("rate")).toList(), Measurement::size, true));
    }
}
