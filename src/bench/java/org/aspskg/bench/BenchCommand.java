package org.aspskg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.aspskg.store.StandardBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code asps-kg bench}: the whole-pipeline benchmarks, against the tools a user would otherwise pick. Only in the
 * benchmark jar ({@link BenchMain}); stores are built as the product's {@code build} command builds them.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark build (HermiT vs ELK), TDB2 load (vs Jena's bulk loaders) and SPARQL serving "
                    + "(vs stock Fuseki, 1/4/16 clients over loopback) on this machine, in one run; 'micro' times one case's "
                    + "classification, ranking and JSON reading with JMH.",
            "Writes <out>/<benchmark>.csv, <out>/<benchmark>.png and <out>/results.md; prints the tables to stdout, "
                    + "progress to stderr. The full run takes several minutes; --smoke runs everything tiny."
        })
final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--only",
            split = ",",
            paramLabel = "NAME",
            description = "Run only these benchmarks: build, load, cases, serve, micro (default: all).")
    List<String> only;

    @Option(names = "--smoke", description = "Tiny inputs and short intervals: checks the harness, not the speed.")
    boolean smoke;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path out = BenchSettings.RESULTS;

    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology (default: ontology/asps-edit.ofn).")
    Path ontology;

    @Option(
            names = "--queries",
            paramLabel = "DIR",
            description = "Query library whose top-level *.rq files are replayed (default: queries/, else built-in).")
    Path queries;

    @Option(names = "--build-runs", paramLabel = "N", description = "Timed builds per reasoner (default: 5).")
    Integer buildRuns;

    @Option(
            names = "--load-sizes",
            split = ",",
            paramLabel = "CASES",
            description = "Case cohort sizes, in cases, for the load benchmark (default: 3000,10000,30000,100000; "
                    + "about 87 triples a case).")
    List<Long> loadSizes;

    @Option(names = "--load-runs", paramLabel = "N", description = "Timed loads per peer and size (default: 3).")
    Integer loadRuns;

    @Option(
            names = "--serve-triples",
            paramLabel = "N",
            description = "Synthetic triples added to the served store (default: 0; they multiply the answers of "
                    + "library queries about statement nodes).")
    Long serveTriples;

    @Option(
            names = "--serve-cases",
            paramLabel = "N",
            description = "Synthetic cases (as asps-kg generate writes them) in the served store's cases graph "
                    + "(default: 100000, about 87 triples a case).")
    Long serveCases;

    @Option(
            names = "--serve-store",
            paramLabel = "DIR",
            description =
                    "Serve a copy of this existing store (asps-kg build --cases makes it) instead of building one "
                            + "from --serve-cases and --serve-triples, e.g. to rerun serve on the same 100k-case store.")
    Path serveStore;

    @Option(names = "--clients", split = ",", paramLabel = "N", description = "Concurrent clients (default: 1,4,16).")
    List<Integer> clients;

    @Option(names = "--serve-seconds", paramLabel = "S", description = "Seconds of one measured slice (default: 3).")
    Double serveSeconds;

    @Option(
            names = "--serve-rounds",
            paramLabel = "N",
            description = "Slices per client count and server, alternating servers, per start (default: 4).")
    Integer serveRounds;

    @Option(
            names = "--serve-restarts",
            paramLabel = "N",
            description =
                    "Times both servers are started afresh and measured; the figures pool all starts (default: 3).")
    Integer serveRestarts;

    @Option(names = "--server-heap", paramLabel = "SIZE", description = "The servers' -Xmx (default: 1g).")
    String serverHeap;

    @Option(
            names = "--case-sizes",
            split = ",",
            paramLabel = "N",
            description = "Cohort sizes for asps-kg's case ranking (default: 1000,10000,100000).")
    List<Integer> caseSizes;

    @Option(
            names = "--rank-sizes",
            split = ",",
            paramLabel = "N",
            description = "Cohort sizes for asps-kg rank end to end (default: 100000,1000000,10000000).")
    List<Integer> rankSizes;

    @Option(
            names = "--naive-case-sizes",
            split = ",",
            paramLabel = "N",
            description = "Growing cohort sizes for the HermiT peers whole-abox-hermit and hermit-per-case "
                    + "(default: 10,20,40,80,160; each stops at its first size past --naive-budget).")
    List<Integer> naiveCaseSizes;

    @Option(
            names = "--plain-case-sizes",
            split = ",",
            paramLabel = "N",
            description = "Growing cohort sizes for the HermiT peer whole-abox-hermit-plain (default: "
                    + "10,30,100,…,100000; it stops at its first size past --naive-budget).")
    List<Integer> plainCaseSizes;

    @Option(
            names = "--naive-budget",
            paramLabel = "S",
            description = "Seconds one run of a HermiT peer may take before it is stopped and reported as not "
                    + "finishing (default: 120).")
    Double naiveBudget;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("asps-kg-bench-");
        BenchSettings d = smoke
                ? BenchSettings.smoke(out, work, StandardBuild::of)
                : BenchSettings.full(out, work, StandardBuild::of);
        BenchSettings settings = new BenchSettings(
                ontology != null ? ontology : d.ontology(),
                queries != null ? queries : d.queries(),
                out,
                work,
                buildRuns != null ? buildRuns : d.buildRuns(),
                loadSizes != null ? loadSizes : d.loadSizes(),
                loadRuns != null ? loadRuns : d.loadRuns(),
                serveTriples != null ? serveTriples : d.serveTriples(),
                serveCases != null ? serveCases : d.serveCases(),
                clients != null ? clients : d.clients(),
                d.serveWarmup(),
                serveSeconds != null ? Duration.ofMillis(Math.round(serveSeconds * 1000)) : d.serveDuration(),
                serveRounds != null ? serveRounds : d.serveRounds(),
                serverHeap != null ? serverHeap : d.serverHeap(),
                d.shapes(),
                caseSizes != null ? caseSizes : d.caseSizes(),
                naiveCaseSizes != null ? naiveCaseSizes : d.naiveCaseSizes(),
                d.storeBuilds(),
                d.micro(),
                plainCaseSizes != null ? plainCaseSizes : d.plainCaseSizes(),
                naiveBudget != null ? Duration.ofMillis(Math.round(naiveBudget * 1000)) : d.naiveBudget(),
                serveRestarts != null ? serveRestarts : d.serveRestarts(),
                rankSizes != null ? rankSizes : d.rankSizes(),
                serveStore);
        BenchmarkSuite suite = BenchmarkSuite.standard();
        if (only != null) suite = suite.only(only);
        String command = "asps-kg "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        BenchmarkSuite.Run run =
                suite.run(settings, command, new BenchLog(spec.commandLine().getErr()));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(run.markdown());
        stdout.flush();
        spec.commandLine()
                .getErr()
                .println("bench: results in " + settings.out().toAbsolutePath());
        return 0;
    }
}
