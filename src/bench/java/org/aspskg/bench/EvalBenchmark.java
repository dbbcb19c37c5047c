package org.aspskg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.eval.EvalReport;
import org.aspskg.ddx.eval.Evaluation;
import org.aspskg.ddx.eval.GoldAnnotations;
import org.aspskg.ddx.eval.PipelineTextReader;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code asps-kg eval eval/published} as a benchmark: the accuracy figures per diagnosis (top-1, top-3,
 * ASPS first for a non-ASPS case) and the time per case, from the free text and, where every case has
 * gold annotations, from the gold annotations (the ratio column: free text ÷ gold).
 */
public final class EvalBenchmark implements Benchmark {
    static final Path PUBLISHED = Path.of("eval", "published");
    static final String TEXT = "free-text";
    static final String GOLD = "gold";

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String title() {
        return "accuracy of the ranking on the published case reports (eval/published), from the free text and "
                + "from the gold annotations";
    }

    @Override
    public Comparison comparison() {
        return new Comparison(TEXT, GOLD);
    }

    @Override
    public List<Measurement> run(BenchSettings settings, BenchLog log) {
        DdxKnowledge knowledge = DdxKnowledge.loadDefault();
        Evaluation evaluation = new Evaluation(knowledge, new PipelineTextReader(knowledge));
        List<Measurement> rows = new ArrayList<>();
        rows.addAll(measure(evaluation, Evaluation.Mode.TEXT, TEXT, log));
        boolean gold =
                Evaluation.caseFiles(PUBLISHED).stream().allMatch(f -> Files.isRegularFile(GoldAnnotations.fileOf(f)));
        if (gold) rows.addAll(measure(evaluation, Evaluation.Mode.GOLD, GOLD, log));
        else log.progress("eval: no gold annotations for every case; free text only");
        return rows;
    }

    private List<Measurement> measure(Evaluation evaluation, Evaluation.Mode mode, String peer, BenchLog log) {
        long start = System.nanoTime();
        EvalReport report = evaluation.run(PUBLISHED, mode);
        double msPerCase = (System.nanoTime() - start) / 1e6 / report.cases().size();
        log.progress(
                "eval (%s): %s",
                peer, report.table().lines().skip(1).findFirst().orElse(""));
        List<Measurement> rows = new ArrayList<>();
        List<EvalReport.Tally> tallies = new ArrayList<>(report.perDiagnosis());
        tallies.add(report.overall());
        for (EvalReport.Tally t : tallies) {
            rows.add(row(peer, t, "top-1", 100 * t.top1Rate()));
            rows.add(row(peer, t, "top-3", 100 * t.top3Rate()));
            if (t.nonAsps() > 0) rows.add(row(peer, t, "ASPS first (non-ASPS cases)", 100 * t.aspsFirstRate()));
        }
        EvalReport.Tally all = report.overall();
        rows.add(new Measurement(
                name(),
                peer,
                "all",
                all.cases(),
                "cases",
                1,
                "accepted as written",
                100.0 * all.accepted() / all.cases(),
                "%",
                all.cases()));
        rows.add(new Measurement(
                name(), peer, "all", all.cases(), "cases", 1, "time per case", msPerCase, "ms", all.cases()));
        return rows;
    }

    private Measurement row(String peer, EvalReport.Tally t, String metric, double value) {
        return new Measurement(name(), peer, t.name(), t.cases(), "cases", 1, metric, value, "%", t.cases());
    }

    @Override
    public List<Chart<?, ?>> charts(List<Measurement> results) {
        return List.of();
    }
}
