package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortRanking;
import org.aspskg.ddx.cohort.RankingOutputs;
import org.aspskg.ddx.cohort.TruthTable;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asps-kg rank}: classify and rank every case of a cohort, into the store or a file. */
@Command(
        name = "rank",
        mixinStandardHelpOptions = true,
        description = {
            "Classify and rank every case of a cohort — case files as 'build --cases' reads them, or the store's "
                    + "cases graph with --from-store — streamed in bounded memory.",
            "Without --out the rankings replace the store's rankings graph <https://w3id.org/asps-kg/graph/rankings> "
                    + "(a staging store swapped in at the end, so an interrupted run leaves the store as it was); "
                    + "with --out they go to a .nt, .nq, .jsonl or .csv file.",
            "A summary goes to stdout; progress (a bar on a terminal) to stderr."
        })
final class RankCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "0..*",
            description = "Case files (.ttl, .nt, .nq, .trig; .jsonl or .ndjson, one JSON case a line; optionally .gz) "
                    + "or directories of JSON cases.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--from-store", description = "Rank the cases stored in the store's cases graph.")
    boolean fromStore;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the rankings to this file (.nt, .nq, .jsonl or .csv) instead of the store; "
                    + "written to FILE.*.part and moved into place when the run succeeds.")
    Path out;

    @Option(
            names = "--truth",
            paramLabel = "TSV",
            description = "Also write each case's reference diagnosis (aspskg:referenceDiagnosis) from a truth "
                    + "table (the truth.tsv of 'asps-kg generate'): into the store or a .nt/.nq file.")
    Path truth;

    @Option(
            names = "--no-validate",
            description = "Skip the per-case checks of RDF case files (syntax errors still fail the run), for input "
                    + "asps-kg wrote or already validated. JSON cases are always checked.")
    boolean noValidate;

    @Option(
            names = "--shacl",
            description = "Check RDF cases against the case shapes with jena-shacl, the reference, instead of the "
                    + "compiled checks (same problems, about ten times the time). Shapes other than the build's "
                    + "(--shapes) are always checked with jena-shacl.")
    boolean shacl;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Classify + rank threads (default: the number of processors).")
    Integer workers;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    KnowledgeCacheOption knowledgeCache = new KnowledgeCacheOption();

    @Mixin
    ShapesOption shapes = new ShapesOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fromStore == !inputs.isEmpty()) {
            throw new AspsKgException(
                    fromStore ? "--from-store with case files" : "nothing to rank",
                    "Give case files (RDF or JSON Lines) or directories of JSON cases, or --from-store (not both).");
        }
        PrintWriter err = spec.commandLine().getErr();
        // what can be checked without the knowledge is checked first: loading it takes seconds
        if (workers != null && workers < 1) {
            throw new AspsKgException("--workers " + workers + ": must be at least 1", "Give a positive number.");
        }
        if (!fromStore) CohortRanking.checkInputs(inputs);
        if (out != null) RankingOutputs.checkFile(out, truth != null);
        if (truth != null && !Files.isReadable(truth)) {
            throw new AspsKgException(
                    truth + ": no such readable file",
                    "Give --truth the truth.tsv of 'asps-kg generate' (a header naming case_iri and true_diagnosis).");
        }
        DdxKnowledge knowledge = DdxKnowledge.cached(storeOptions.ontology(), shapes.file(), knowledgeCache.cache());
        TruthTable truthTable = truth == null ? null : knowledge.truthTable(truth);
        CohortRanking ranking = knowledge.cohortRanking().validate(!noValidate).shacl(shacl);
        if (workers != null) ranking.workers(workers);
        if (!fromStore) ranking.files(inputs);
        CohortRanking.Report report;
        try (Bar bar = new Bar(quiet || System.console() == null)) {
            ranking.progress(bar);
            if (out == null) {
                report = ranking.intoStore(storeOptions.store, fromStore, truthTable, line -> {
                    if (!quiet) {
                        err.println("rank: " + line);
                        err.flush();
                    }
                });
            } else if (fromStore) {
                try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(storeOptions.store)) {
                    report = ranking.fromStore(kg.datasetGraph()).run(RankingOutputs.toFile(out, truthTable));
                }
            } else {
                report = ranking.run(RankingOutputs.toFile(out, truthTable));
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        report.summary().forEach(stdout::println);
        stdout.println("rank: rankings in "
                + (out != null
                        ? out.toString()
                        : storeOptions.store + " (graph <" + AspsVocabulary.GRAPH_RANKINGS + ">)"));
        stdout.flush();
        return 0;
    }

    /** The progress bar (me.tongfei:progressbar) on stderr, or nothing when off. */
    private static final class Bar implements CohortRanking.Progress, AutoCloseable {
        private final boolean off;
        private ProgressBar bar;
        private long startNanos;

        Bar(boolean off) {
            this.off = off;
        }

        @Override
        public synchronized void sized(long total, String unit) {
            if (off) return;
            startNanos = System.nanoTime();
            boolean bytes = unit.equals("bytes");
            bar = new ProgressBarBuilder()
                    .setTaskName("rank")
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(bytes ? " MiB" : " " + unit, bytes ? 1 << 20 : 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .showSpeed()
                    .build();
        }

        @Override
        public synchronized void advanced(long done, long ranked) {
            if (bar == null) return;
            bar.stepTo(done);
            double s = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            bar.setExtraMessage(String.format(Locale.ROOT, "%,d cases (%,.0f cases/s)", ranked, ranked / s));
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
        }
    }
}
