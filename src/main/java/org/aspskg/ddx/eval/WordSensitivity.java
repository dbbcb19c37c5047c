package org.aspskg.ddx.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.classify.KnowledgeCache;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ontology.FrequencyWords;

/**
 * How the evaluation's accuracy moves when one frequency word's proportion changes (issue 15, the
 * sensitivity check): for each word of {@code tables/frequency-words.tsv} and each factor (×0.5, ×1.5),
 * the ontology is compiled again from a scratch copy of its directory in which only that word's value is
 * scaled (clamped to [0.005, 0.995], the derivation's own floor), its likelihood ratios are re-derived by
 * the same build step as always, and the evaluation is re-run. Nothing in the knowledge composition changes:
 * the copy goes through {@link DdxKnowledge#load} exactly as the real ontology does. A word whose value is 0
 * ("absent") stays 0 under scaling and is reported as unchanged without a run.
 */
public final class WordSensitivity {
    /** The factors of the check. */
    public static final List<Double> FACTORS = List.of(0.5, 1.5);

    static final double LOW = 0.005;
    static final double HIGH = 0.995;

    /** One word scaled by one factor, and the accuracy that followed (null tally: not run, the value is unchanged). */
    public record Row(String word, double base, double factor, double value, EvalReport report) {}

    /** A word of the table and its proportion. */
    public record Word(String word, double value) {}

    private final Path editFile;
    private final Path shapes;
    private final Function<DdxKnowledge, TextCaseReader> readers;
    private final KnowledgeCache cache;

    /**
     * @param editFile the edit source, whose directory holds {@code tables/frequency-words.tsv}
     * @param shapes   the case shapes
     * @param readers  the free-text reader to use over each knowledge (for the free-text mode)
     */
    public WordSensitivity(Path editFile, Path shapes, Function<DdxKnowledge, TextCaseReader> readers) {
        this(editFile, shapes, readers, KnowledgeCache.standard());
    }

    /**
     * As the other constructor, the baseline knowledge loaded with the given knowledge cache. The scaled copies
     * are loaded without it: a scaled word changes the association rows' values, which are axioms, so each copy
     * has a key of its own that no later run asks for, and writing them would only push the real ontology's
     * file out of the cache.
     */
    public WordSensitivity(
            Path editFile, Path shapes, Function<DdxKnowledge, TextCaseReader> readers, KnowledgeCache cache) {
        this.editFile = editFile;
        this.shapes = shapes;
        this.readers = readers;
        this.cache = cache;
    }

    /** The words of the frequency table, in table order. */
    public List<Word> words() {
        Path table = editFile.toAbsolutePath().getParent().resolve(FrequencyWords.RELATIVE_PATH);
        List<String> lines = lines(table);
        String[] header = lines.get(0).split("\t", -1);
        int word = indexOf(header, "word", table);
        int frequency = indexOf(header, "frequency", table);
        List<Word> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split("\t", -1);
            out.add(new Word(cells[word].trim(), Double.parseDouble(cells[frequency].trim())));
        }
        return out;
    }

    /** The scaled value: value × factor, clamped to [0.005, 0.995]; 0 stays 0. */
    public static double scaled(double value, double factor) {
        if (value == 0) return 0;
        return Math.max(LOW, Math.min(HIGH, value * factor));
    }

    /** Runs the check for the given words (all of them when empty), reporting progress a line per run. */
    public List<Row> run(Path evalDir, Evaluation.Mode mode, List<String> only, Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        DdxKnowledge base = DdxKnowledge.cached(editFile, shapes, cache);
        EvalReport baseline = new Evaluation(base, readers.apply(base)).run(evalDir, mode);
        rows.add(new Row("(none)", Double.NaN, 1.0, Double.NaN, baseline));
        for (Word w : words()) {
            if (!only.isEmpty() && !only.contains(w.word())) continue;
            for (double factor : FACTORS) {
                double value = scaled(w.value(), factor);
                if (value == w.value()) {
                    rows.add(new Row(w.word(), w.value(), factor, value, null));
                    continue;
                }
                Path scratch = scratchCopy(w.word(), value);
                try {
                    DdxKnowledge k = DdxKnowledge.load(
                            scratch.resolve(editFile.getFileName()), shapes, KnowledgeCache.disabled());
                    EvalReport r = new Evaluation(k, readers.apply(k)).run(evalDir, mode);
                    rows.add(new Row(w.word(), w.value(), factor, value, r));
                    progress.accept(String.format(
                            Locale.ROOT,
                            "%s x%.1f (%.3f): top-1 %d, top-3 %d",
                            w.word(),
                            factor,
                            value,
                            r.overall().top1(),
                            r.overall().top3()));
                } finally {
                    delete(scratch);
                }
            }
        }
        return rows;
    }

    /** A copy of the ontology's directory (without examples and research notes) with one word's value replaced. */
    Path scratchCopy(String word, double value) {
        Path source = editFile.toAbsolutePath().getParent();
        try {
            Path target = Files.createTempDirectory("asps-kg-sensitivity-");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path rel = source.relativize(f);
                    if (rel.getNameCount() > 0
                            && (rel.getName(0).toString().equals("examples")
                                    || rel.getName(0).toString().equals("research"))) {
                        continue;
                    }
                    Path to = target.resolve(rel.toString());
                    if (Files.isDirectory(f)) Files.createDirectories(to);
                    else Files.copy(f, to);
                }
            }
            Path table = target.resolve(FrequencyWords.RELATIVE_PATH);
            List<String> lines = lines(table);
            String[] header = lines.get(0).split("\t", -1);
            int w = indexOf(header, "word", table);
            int fq = indexOf(header, "frequency", table);
            List<String> out = new ArrayList<>();
            boolean found = false;
            for (String line : lines) {
                String[] cells = line.split("\t", -1);
                if (cells.length > Math.max(w, fq) && cells[w].trim().equalsIgnoreCase(word)) {
                    cells[fq] = String.format(Locale.ROOT, "%.4f", value);
                    line = String.join("\t", cells);
                    found = true;
                }
                out.add(line);
            }
            if (!found)
                throw new AspsKgException("no frequency word '" + word + "' in " + table, "Use a word of the table.");
            Files.write(table, out, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new AspsKgException(
                    "cannot copy the ontology for the sensitivity check: " + e.getMessage(),
                    "Check the temporary directory has room.",
                    e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            // a scratch copy left in the temporary directory harms nothing
        }
    }

    private static List<String> lines(Path table) {
        try {
            return Files.readAllLines(table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AspsKgException(table + ": cannot read: " + e.getMessage(), "Check the ontology directory.", e);
        }
    }

    private static int indexOf(String[] header, String column, Path table) {
        for (int i = 0; i < header.length; i++) if (header[i].trim().equals(column)) return i;
        throw new AspsKgException(
                table + ": no column '" + column + "'", "The table's header names word and frequency.");
    }

    /** The rows as a table: per word and factor, the overall figures and top-1 per diagnosis, with the change. */
    public static String table(List<Row> rows) {
        EvalReport baseline = rows.get(0).report();
        List<String> diagnoses =
                baseline.perDiagnosis().stream().map(EvalReport.Tally::name).toList();
        StringBuilder b = new StringBuilder();
        b.append("Sensitivity of the evaluation (")
                .append(baseline.mode().label())
                .append(", ")
                .append(baseline.overall().cases())
                .append(" cases) to each frequency word's value\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%-15s %6s %6s %7s %7s %7s %9s",
                "word",
                "factor",
                "value",
                "top-1",
                "Δtop-1",
                "top-3",
                "ASPS 1st"));
        for (String d : diagnoses) b.append(String.format(Locale.ROOT, " %6s", abbreviation(d)));
        b.append('\n');
        EvalReport.Tally base = baseline.overall();
        for (Row r : rows) {
            if (r.report() == null) {
                b.append(String.format(
                        Locale.ROOT,
                        "%-15s %6s %6.3f   (unchanged: 0 scaled is 0)%n",
                        r.word(),
                        "x" + r.factor(),
                        r.value()));
                continue;
            }
            EvalReport.Tally t = r.report().overall();
            b.append(String.format(
                    Locale.ROOT,
                    "%-15s %6s %6s %7s %+7d %7s %9s",
                    r.word(),
                    Double.isNaN(r.base()) ? "-" : "x" + r.factor(),
                    Double.isNaN(r.value()) ? "-" : String.format(Locale.ROOT, "%.3f", r.value()),
                    pct(t.top1Rate()),
                    t.top1() - base.top1(),
                    pct(t.top3Rate()),
                    pct(t.aspsFirstRate())));
            for (EvalReport.Tally d : r.report().perDiagnosis())
                b.append(String.format(Locale.ROOT, " %6s", pct(d.top1Rate())));
            b.append('\n');
        }
        b.append("\n(top-1 per diagnosis in the last columns: ")
                .append(String.join(
                        ", ",
                        diagnoses.stream().map(d -> abbreviation(d) + " = " + d).toList()))
                .append(")\n");
        return b.toString();
    }

    public static String json(List<Row> rows) {
        ObjectNode root = RankingJson.MAPPER.createObjectNode();
        root.put("mode", rows.get(0).report().mode().name().toLowerCase(Locale.ROOT));
        ArrayNode list = root.putArray("runs");
        for (Row r : rows) {
            ObjectNode n = list.addObject();
            n.put("word", r.word());
            if (!Double.isNaN(r.base())) {
                n.put("baseValue", r.base());
                n.put("factor", r.factor());
                n.put("value", r.value());
            }
            if (r.report() == null) {
                n.put("unchanged", true);
                continue;
            }
            n.set("accuracy", r.report().toJson().get("accuracy"));
        }
        try {
            return RankingJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviation(String diagnosis) {
        return diagnosis.replaceAll("[^A-Z]", "");
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * r);
    }
}
