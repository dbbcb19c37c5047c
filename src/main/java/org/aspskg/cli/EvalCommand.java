package org.aspskg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.eval.EvalReport;
import org.aspskg.ddx.eval.Evaluation;
import org.aspskg.ddx.eval.GoldAnnotations;
import org.aspskg.ddx.eval.LabelScanReader;
import org.aspskg.ddx.eval.PipelineTextReader;
import org.aspskg.ddx.eval.TextCaseReader;
import org.aspskg.ddx.eval.WordSensitivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asps-kg eval DIR}: rank every published case of a directory and print the accuracy. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Rank every published case of DIR (DIR/<Diagnosis>/<case>.json: id, diagnosis, age, sex, text) "
                    + "and print acceptance as written, phrases resolved, top-1 and top-3 accuracy overall and "
                    + "per diagnosis, how often ASPS comes first for a non-ASPS case, and what drove each miss.",
            "With --gold each case is ranked from its hand-made annotations (<case>.gold.tsv: phrase, term, "
                    + "polarity, note) instead of its free text.",
            "Exit 0 with a report; 2 for a bad directory, case or gold file."
        })
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Directory of published cases, e.g. eval/published.")
    Path dir;

    @Option(names = "--gold", description = "Rank each case from its gold annotations instead of its free text.")
    boolean gold;

    @Option(
            names = "--baseline",
            description = "Read the free text with the baseline reader (the ontology's labels and synonyms verbatim) "
                    + "instead of the text index's annotator.")
    boolean baseline;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format = "text";

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Also write the report to FILE (written whole or not at all).")
    Path out;

    @Option(
            names = "--sensitivity",
            description = "Re-run the evaluation with each frequency word's value scaled by 0.5 and 1.5 (likelihood "
                    + "ratios re-derived each time) and print the accuracy per word and factor; from the gold "
                    + "annotations when every case has them.")
    boolean sensitivity;

    @Option(
            names = "--words",
            split = ",",
            paramLabel = "WORD",
            description = "With --sensitivity: only these frequency words (default: every word of the table).")
    List<String> words = new ArrayList<>();

    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Mixin
    KnowledgeCacheOption knowledgeCache = new KnowledgeCacheOption();

    @Mixin
    ShapesOption shapes = new ShapesOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new AspsKgException("unknown --format '" + format + "'", "Use text or json.");
        }
        if (sensitivity) return sensitivity(f);
        DdxKnowledge knowledge = DdxKnowledge.cached(ontology.file(), shapes.file(), knowledgeCache.cache());
        TextCaseReader reader = baseline ? new LabelScanReader(knowledge) : new PipelineTextReader(knowledge);
        EvalReport report =
                new Evaluation(knowledge, reader).run(dir, gold ? Evaluation.Mode.GOLD : Evaluation.Mode.TEXT);
        String text = f.equals("json") ? report.json() : report.table();
        if (out != null) write(out, text);
        PrintWriter o = spec.commandLine().getOut();
        o.print(text);
        o.flush();
        // JSON output is the whole of what is printed: the summary line (on stderr) would follow it on a
        // terminal or in a file that captures both streams, and the JSON already holds the figures
        if (f.equals("json")) return 0;
        EvalReport.Tally all = report.overall();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "%s: %d cases, top-1 %d, top-3 %d%s%n",
                dir,
                all.cases(),
                all.top1(),
                all.top3(),
                out == null ? "" : "; written to " + out);
        err.flush();
        return 0;
    }

    private int sensitivity(String f) {
        boolean allGold =
                Evaluation.caseFiles(dir).stream().allMatch(c -> Files.isRegularFile(GoldAnnotations.fileOf(c)));
        Evaluation.Mode mode = gold || allGold ? Evaluation.Mode.GOLD : Evaluation.Mode.TEXT;
        WordSensitivity check = new WordSensitivity(
                ontology.file(),
                shapes.file(),
                baseline ? LabelScanReader::new : PipelineTextReader::new,
                knowledgeCache.cache());
        List<String> known =
                check.words().stream().map(WordSensitivity.Word::word).toList();
        for (String w : words) {
            if (!known.contains(w)) {
                throw new AspsKgException(
                        "unknown frequency word '" + w + "'", "Choose from " + String.join(", ", known) + ".");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        List<WordSensitivity.Row> rows = check.run(dir, mode, words, line -> {
            err.println(line);
            err.flush();
        });
        String text = f.equals("json") ? WordSensitivity.json(rows) : WordSensitivity.table(rows);
        if (out != null) write(out, text);
        PrintWriter o = spec.commandLine().getOut();
        o.print(text);
        o.flush();
        return 0;
    }

    /** Writes beside the target and moves it into place, so a failed run leaves no half-written report. */
    static void write(Path file, String text) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AspsKgException(
                    file + ": cannot write: " + e.getMessage(), "Check the directory exists and is writable.", e);
        }
    }
}
