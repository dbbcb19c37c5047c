package org.aspskg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.apache.jena.fuseki.main.cmds.FusekiMainCmd;
import org.apache.jena.riot.RDFFormat;
import org.aspskg.AspsKgException;
import org.aspskg.bench.ServedQueries.ServedQuery;
import org.aspskg.cli.Main;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.query.AnswerComparison;
import org.aspskg.query.QueryAnswer;
import org.aspskg.query.SparqlQueries;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.BuildReport;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StoreBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * SPARQL serving over HTTP on loopback: the query library replayed by 1, 4 and 16 concurrent clients
 * for a fixed time against {@code asps-kg serve} and against stock Fuseki — jena-fuseki-main's own
 * command line ({@code FusekiMainCmd --tdb2 --loc … --set tdb:unionDefaultGraph=true --timeout=10000,60000 /asps},
 * what the README tells a user of stock Fuseki to run), no asps-kg code — on the same TDB2 store (stock
 * Fuseki on a byte-for-byte copy, since a TDB2 database is opened by one process). Each server runs in
 * its own JVM with the same heap limit; both are up, each is warmed up, then each client count is
 * measured in short slices alternating between the servers, so that other work on the shared cores
 * falls on both alike; all this is repeated with both servers started afresh {@code serveRestarts}
 * times and the figures pool every start, since each JVM compiles the hot code its own way. Before
 * timing, both must give the same answer to every query. Also reports each server's peak heap and
 * resident memory (the largest over the starts). The store holds the ontology's build and, in the full
 * run, a synthetic cohort of 100,000 cases in its cases graph.
 *
 * <p>On {@code asps-kg serve} alone (stock Fuseki has no web front), after the SPARQL slices of each
 * start, the web front's two hot requests ({@link WebScenarios}): the search box's autocomplete
 * ({@code /api/search?q=} with prefixes of the store's labels, synonyms and codes) and the term pages
 * ({@code /asps-kg/NAME} as HTML, every class), each warmed up and then measured on its own at every
 * client count, in the same slices.
 */
public final class ServeBenchmark implements Benchmark {
    static final String ASPS_KG = "asps-kg";
    static final String STOCK = "stock-fuseki";
    /** Hard cap on requests per measured interval, so a run is bounded in count as well as in time. */
    static final long MAX_REQUESTS = 2_000_000;

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String title() {
        return "SPARQL query library over HTTP (loopback) on the store with the case cohort, asps-kg serve vs stock Fuseki on the same TDB2 store";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(ASPS_KG, STOCK);
    }

    /** Accumulates one peer's measurements at one client count over the rounds. */
    private static final class Totals {
        long requests;
        long errors;
        long nanos;
        final Histogram all = HttpLoad.histogram();
        final Map<String, Histogram> perQuery = new LinkedHashMap<>();
        final List<String> errorSamples = new ArrayList<>();

        void add(HttpLoad.Result r) {
            requests += r.requests();
            errors += r.errors();
            nanos += r.elapsed().toNanos();
            all.add(r.all());
            r.perQuery()
                    .forEach((q, h) -> perQuery.computeIfAbsent(q, x -> HttpLoad.histogram())
                            .add(h));
            if (errorSamples.size() < 5) errorSamples.addAll(r.errorSamples());
        }

        /** The progress line after a start: who, clients, throughput in {@code unit}, p50, p99, errors. */
        void logAfterStart(BenchLog log, int start, String who, int clients, String unit) {
            log.progress(
                    "serve: after start %d, %s, %d clients: %.0f %s, p50 %.1f ms, p99 %.1f ms, %d errors",
                    start + 1,
                    who,
                    clients,
                    requests / (nanos / 1e9),
                    unit,
                    HttpLoad.percentileMillis(all, 50),
                    HttpLoad.percentileMillis(all, 99),
                    errors);
        }
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception {
        ServedQueries library = ServedQueries.load(settings.queries());
        log.progress("serve: %d queries from %s", library.queries().size(), library.source());
        Path work = settings.work().resolve("serve");
        Path store = work.resolve("tdb2");
        long storeTriples = buildStore(settings, work, store, log);

        // TDB2 lets one process open a database, so stock Fuseki serves a byte-for-byte copy of it
        Path stockStore = work.resolve("tdb2-copy");
        copyTree(store, stockStore);

        Map<String, Map<Integer, Totals>> totals = new LinkedHashMap<>();
        Map<String, Map<String, QueryAnswer>> answers = new LinkedHashMap<>();
        Map<String, double[]> memory = new LinkedHashMap<>(); // peer -> {peak heap, peak rss}
        List<String> peers = List.of(ASPS_KG, STOCK);
        List<String> webScenarios = List.of(WebScenarios.AUTOCOMPLETE, WebScenarios.TERM_PAGE);
        Map<String, Map<Integer, Totals>> webTotals = new LinkedHashMap<>();
        Map<String, List<HttpLoad.Target>> webTargets = new LinkedHashMap<>();
        int maxClients =
                settings.clients().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int start = 0; start < settings.serveRestarts(); start++) {
            Map<String, ServerProcess> servers = new LinkedHashMap<>();
            try {
                servers.put(ASPS_KG, start(ASPS_KG, settings, store, work));
                servers.put(STOCK, start(STOCK, settings, stockStore, work));
                if (start == 0) {
                    for (String peer : peers) {
                        answers.put(peer, answers(peer, servers.get(peer).datasetUrl() + "/sparql", library));
                    }
                    requireSameAnswers(library, answers);
                }
                // the web front's requests, on this start's port
                String sparql = servers.get(ASPS_KG).datasetUrl() + "/sparql";
                String base =
                        sparql.substring(0, sparql.length() - (KnowledgeGraphServer.DATASET + "/sparql").length());
                webTargets.put(WebScenarios.AUTOCOMPLETE, WebScenarios.autocomplete(base, sparql));
                webTargets.put(WebScenarios.TERM_PAGE, WebScenarios.termPages(base, sparql));
                if (start == 0)
                    log.progress(
                            "serve: web front scenarios: %d autocomplete prefixes, %d term pages",
                            webTargets.get(WebScenarios.AUTOCOMPLETE).size(),
                            webTargets.get(WebScenarios.TERM_PAGE).size());
                for (String peer : peers) {
                    log.progress(
                            "serve: start %d/%d, %s (pid %d) warming up with %d clients",
                            start + 1,
                            settings.serveRestarts(),
                            peer,
                            servers.get(peer).pid(),
                            maxClients);
                    HttpLoad.run(
                            servers.get(peer).datasetUrl() + "/sparql",
                            library.queries(),
                            maxClients,
                            settings.serveWarmup(),
                            MAX_REQUESTS);
                }
                // short interleaved slices, alternating which server goes first, so that other work on
                // shared cores falls on both servers alike; only the measured server is busy at a time
                for (int clients : settings.clients()) {
                    for (int slice = 0; slice < settings.serveRounds(); slice++) {
                        List<String> order = (slice + start) % 2 == 0 ? peers : List.of(peers.get(1), peers.get(0));
                        for (String peer : order) {
                            HttpLoad.Result r = HttpLoad.run(
                                    servers.get(peer).datasetUrl() + "/sparql",
                                    library.queries(),
                                    clients,
                                    settings.serveDuration(),
                                    MAX_REQUESTS);
                            totals.computeIfAbsent(peer, p -> new TreeMap<>())
                                    .computeIfAbsent(clients, c -> new Totals())
                                    .add(r);
                        }
                    }
                    for (String peer : peers) {
                        totals.get(peer).get(clients).logAfterStart(log, start, peer, clients, "queries/s");
                    }
                }
                measureWebFront(settings, log, start, webScenarios, webTargets, webTotals, maxClients);
            } finally {
                for (var e : servers.entrySet()) {
                    ServerProcess server = e.getValue();
                    server.close();
                    double[] seen = {
                        server.peakHeapMiB().orElse(0), server.peakRssMiB().orElse(0)
                    };
                    memory.merge(e.getKey(), seen, (x, y) -> new double[] {Math.max(x[0], y[0]), Math.max(x[1], y[1])});
                }
            }
        }

        List<Measurement> rows = new ArrayList<>();
        for (int clients : settings.clients()) {
            for (String peer : peers) {
                Totals t = totals.get(peer).get(clients);
                rows.addAll(loadRows(peer, "all-queries", storeTriples, clients, t, "queries/s"));
                if (t.errors > 0) log.progress("serve: %s errors, e.g. %s", peer, t.errorSamples);
            }
        }
        for (String scenario : webScenarios) {
            for (int clients : settings.clients()) {
                Totals t = webTotals.get(scenario).get(clients);
                rows.addAll(loadRows(ASPS_KG, scenario, storeTriples, clients, t, "requests/s"));
                if (t.errors > 0) log.progress("serve: %s errors, e.g. %s", scenario, t.errorSamples);
            }
        }
        // the slowest query's p99 at each client count: the figure a per-query latency target is about
        for (int clients : settings.clients()) {
            for (String peer : peers) {
                var perQuery = totals.get(peer).get(clients).perQuery;
                perQuery.entrySet().stream()
                        .filter(e -> e.getValue().getTotalCount() > 0)
                        .max(Comparator.comparingDouble(e -> HttpLoad.percentileMillis(e.getValue(), 99)))
                        .ifPresent(e -> rows.add(row(
                                peer,
                                "slowest query",
                                storeTriples,
                                clients,
                                "p99",
                                HttpLoad.percentileMillis(e.getValue(), 99),
                                "ms",
                                e.getValue().getTotalCount())));
            }
        }
        for (String peer : peers) {
            String scenario = "server JVM -Xmx" + settings.serverHeap();
            rows.add(row(peer, scenario, storeTriples, maxClients, "peak heap", memory.get(peer)[0], "MiB", 1));
            rows.add(row(peer, scenario, storeTriples, maxClients, "peak RSS", memory.get(peer)[1], "MiB", 1));
        }
        for (int clients : settings.clients()) {
            for (ServedQuery q : library.queries()) {
                for (String peer : peers) {
                    Histogram h = totals.get(peer).get(clients).perQuery.get(q.name());
                    if (h == null || h.getTotalCount() == 0) continue; // too short a run to reach this query
                    rows.add(row(
                            peer,
                            q.name(),
                            storeTriples,
                            clients,
                            "p99",
                            HttpLoad.percentileMillis(h, 99),
                            "ms",
                            h.getTotalCount()));
                }
            }
        }
        return rows;
    }

    /**
     * The web front's scenarios on asps-kg's server of this start: each warmed up, then each client
     * count measured in {@code serveRounds} slices per scenario, alternating which goes first.
     */
    private static void measureWebFront(
            BenchSettings settings,
            BenchLog log,
            int start,
            List<String> scenarios,
            Map<String, List<HttpLoad.Target>> targets,
            Map<String, Map<Integer, Totals>> totals,
            int maxClients)
            throws InterruptedException {
        for (String scenario : scenarios) {
            log.progress("serve: start %d, %s warming up with %d clients", start + 1, scenario, maxClients);
            HttpLoad.run(targets.get(scenario), maxClients, settings.serveWarmup(), MAX_REQUESTS);
        }
        for (int clients : settings.clients()) {
            for (int slice = 0; slice < settings.serveRounds(); slice++) {
                List<String> order = (slice + start) % 2 == 0 ? scenarios : List.of(scenarios.get(1), scenarios.get(0));
                for (String scenario : order) {
                    totals.computeIfAbsent(scenario, s -> new TreeMap<>())
                            .computeIfAbsent(clients, c -> new Totals())
                            .add(HttpLoad.run(targets.get(scenario), clients, settings.serveDuration(), MAX_REQUESTS));
                }
            }
            for (String scenario : scenarios) {
                totals.get(scenario).get(clients).logAfterStart(log, start, scenario, clients, "requests/s");
            }
        }
    }

    /** One load run's figures: throughput, p50, p99 and errors. */
    private List<Measurement> loadRows(
            String peer, String scenario, long size, int clients, Totals t, String throughputUnit) {
        return List.of(
                row(
                        peer,
                        scenario,
                        size,
                        clients,
                        "throughput",
                        t.requests / (t.nanos / 1e9),
                        throughputUnit,
                        t.requests),
                row(peer, scenario, size, clients, "p50", HttpLoad.percentileMillis(t.all, 50), "ms", t.requests),
                row(peer, scenario, size, clients, "p99", HttpLoad.percentileMillis(t.all, 99), "ms", t.requests),
                row(peer, scenario, size, clients, "errors", t.errors, "requests", t.requests + t.errors));
    }

    private Measurement row(
            String peer, String scenario, long size, int clients, String metric, double value, String unit, long runs) {
        return new Measurement(name(), peer, scenario, size, "triples", clients, metric, value, unit, runs);
    }

    /**
     * The served store: the ontology's build (what {@code asps-kg build} makes), a synthetic cohort of
     * {@code serveCases} cases in the cases graph (the N-Triples {@code asps-kg generate} writes, with the
     * case-ranking benchmark's seed) and {@code serveTriples} synthetic statement triples.
     */
    private static long buildStore(BenchSettings settings, Path work, Path store, BenchLog log) throws IOException {
        if (settings.serveStore() != null) {
            if (!Files.isDirectory(settings.serveStore())) {
                throw new AspsKgException(
                        "serve benchmark: --serve-store " + settings.serveStore() + " is not a directory",
                        "Give a store directory made by 'asps-kg build'.");
            }
            Files.createDirectories(work);
            copyTree(settings.serveStore(), store);
            long triples;
            try (KnowledgeGraphStore opened = KnowledgeGraphStore.open(store)) {
                triples = opened.graphSizes().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
            }
            log.progress("serve: store of %,d triples copied from %s", triples, settings.serveStore());
            return triples;
        }
        StoreBuilder builder = settings.storeBuilder(store);
        Files.createDirectories(work);
        if (settings.serveCases() > 0) {
            Path cohort = work.resolve("cohort.nt");
            DdxKnowledge knowledge = DdxKnowledge.load(settings.ontology(), settings.shapes());
            knowledge
                    .cohortWriter()
                    .writeRdf(
                            knowledge
                                    .cohortGenerator()
                                    .generate(Math.toIntExact(settings.serveCases()), CaseRankingBenchmark.SEED),
                            cohort,
                            RDFFormat.NTRIPLES);
            builder.graphFile(AspsVocabulary.GRAPH_CASES, cohort);
        }
        if (settings.serveTriples() > 0) {
            Path data = work.resolve("synthetic.nt");
            SyntheticStatements.from(OntologyLoader.readRdf(settings.ontology()))
                    .writeNTriples(settings.serveTriples(), data);
            builder.graphFile(BenchVocabulary.GRAPH_SYNTHETIC, data);
        }
        BuildReport report = builder.build();
        long triples =
                report.graphSizes().values().stream().mapToLong(Long::longValue).sum();
        log.progress("serve: store of %,d triples (%,d cases) at %s", triples, settings.serveCases(), store);
        return triples;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static ServerProcess start(String peer, BenchSettings settings, Path store, Path work)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        String dataset = "http://127.0.0.1:" + port + KnowledgeGraphServer.DATASET;
        if (peer.equals(ASPS_KG)) {
            return ServerProcess.start(
                    peer,
                    settings.serverHeap(),
                    List.of(),
                    Main.class.getName(),
                    List.of("serve", "--store", store.toString(), "--port", Integer.toString(port)),
                    dataset,
                    work);
        }
        // Fuseki's own command line, as a user of stock Fuseki runs it (fuseki-server takes the same arguments),
        // configured as asps-kg serve is by default: the union default graph and the same query time limit
        // (a timeout costs each query a timer, which is configuration, not asps-kg code).
        // The system property tells Fuseki that logging is set up already (by the SLF4J backend on the classpath).
        return ServerProcess.start(
                peer,
                settings.serverHeap(),
                List.of("-Dlog4j2.configurationFile=slf4j"),
                FusekiMainCmd.class.getName(),
                List.of(
                        "--localhost",
                        "--port=" + port,
                        "--tdb2",
                        "--loc=" + store,
                        "--set",
                        "tdb:unionDefaultGraph=true",
                        "--timeout=" + KnowledgeGraphServer.DEFAULT_QUERY_TIMEOUT,
                        KnowledgeGraphServer.DATASET),
                dataset,
                work);
    }

    /** Every query's whole answer, asked with Jena's HTTP client. */
    private static Map<String, QueryAnswer> answers(String peer, String endpoint, ServedQueries library) {
        Map<String, QueryAnswer> answers = new LinkedHashMap<>();
        for (ServedQuery q : library.queries()) {
            try {
                answers.put(q.name(), SparqlQueries.answer(endpoint, q.query()));
            } catch (RuntimeException e) {
                throw new AspsKgException(
                        "serve benchmark: query " + q.name() + " failed on " + peer + ": " + e.getMessage(),
                        "Every query must answer in full on both servers (asps-kg serve stops a query after 10 s to "
                                + "its first result); check it with 'asps-kg query'.",
                        e);
            }
        }
        return answers;
    }

    /** Both servers must give the same answer to every query, or the comparison would be meaningless. */
    private static void requireSameAnswers(ServedQueries library, Map<String, Map<String, QueryAnswer>> answers) {
        List<String> peers = new ArrayList<>(answers.keySet());
        for (ServedQuery q : library.queries()) {
            Optional<String> diff = AnswerComparison.differences(
                    q.query(),
                    answers.get(peers.get(0)).get(q.name()),
                    answers.get(peers.get(1)).get(q.name()));
            if (diff.isPresent()) {
                throw new AspsKgException(
                        "serve benchmark: " + q.name() + " answers differently on " + peers.get(0) + " and "
                                + peers.get(1) + ": " + diff.get(),
                        "The two servers do not serve the same data the same way; the comparison would be meaningless.");
            }
        }
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        List<Measurement> webP99 = results.stream()
                .filter(m -> m.scenario().startsWith("web: ") && m.metric().equals("p99"))
                .map(m -> new Measurement(
                        m.benchmark(),
                        m.scenario().substring("web: ".length()),
                        m.scenario(),
                        m.size(),
                        m.sizeUnit(),
                        m.clients(),
                        m.metric(),
                        m.value(),
                        m.unit(),
                        m.runs()))
                .toList();
        List<Measurement> all =
                results.stream().filter(m -> m.scenario().equals("all-queries")).toList();
        return List.of(
                Charts.lines(
                        "SPARQL throughput",
                        "concurrent clients (log scale)",
                        "queries/s",
                        all.stream()
                                .filter(m -> m.metric().equals("throughput"))
                                .toList(),
                        Measurement::clients,
                        true),
                Charts.lines(
                        "SPARQL latency, 99th percentile",
                        "concurrent clients (log scale)",
                        "ms",
                        all.stream().filter(m -> m.metric().equals("p99")).toList(),
                        Measurement::clients,
                        true),
                Charts.lines(
                        "Web front latency on asps-kg, 99th percentile",
                        "concurrent clients (log scale)",
                        "ms",
                        webP99,
                        Measurement::clients,
                        true));
    }
}
