package org.aspskg.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aspskg.AspsKgException;

/**
 * Which terms someone would link and to which vocabularies: {@code ontology/mappings/coverage.tsv}, one
 * row per linkable kind (its root classes, the vocabularies expected for it, whether a gap must be
 * mapped or listed as unverifiable), and {@code unverified.tsv} beside it, the codes left out with the
 * reason. Both are curation files, read here so the coverage report follows their edits.
 */
public record CoveragePolicy(List<Kind> kinds, Map<String, String> unverifiable) {
    /** The policy beside the mapping set ({@code ontology/mappings/coverage.tsv}). */
    public static final String FILE = "coverage.tsv";

    /** The codes left out, beside the mapping set. */
    public static final String UNVERIFIED = "unverified.tsv";

    /**
     * One linkable kind: the classes below any of its {@code roots} (CURIEs), the vocabularies (SSSOM
     * prefixes) it is expected in, and whether each expected vocabulary must be mapped or explained.
     */
    public record Kind(String name, List<String> roots, List<String> vocabularies, boolean required) {
        public Kind {
            roots = List.copyOf(roots);
            vocabularies = List.copyOf(vocabularies);
        }
    }

    public CoveragePolicy {
        kinds = List.copyOf(kinds);
        unverifiable = Map.copyOf(unverifiable);
    }

    /** The reason a (term CURIE, vocabulary prefix) pair has no mapping, or null when none is recorded. */
    public String whyUnmapped(String term, String vocabulary) {
        return unverifiable.get(term + "\t" + vocabulary);
    }

    /** Reads {@code coverage.tsv} and {@code unverified.tsv} from the mapping set's directory. */
    public static CoveragePolicy besideMappingSet(Path mappingSet) {
        Path dir = mappingSet.toAbsolutePath().getParent();
        Path policy = dir.resolve(FILE);
        List<Kind> kinds = new ArrayList<>();
        for (Row row : rows(policy, List.of("kind", "roots", "vocabularies", "required"))) {
            String required = row.get("required");
            if (!required.equals("yes") && !required.equals("no")) {
                throw new AspsKgException(
                        policy + ":" + row.line() + ": required is '" + required + "'", "Write yes or no.");
            }
            kinds.add(new Kind(
                    row.get("kind"), split(row.get("roots")), split(row.get("vocabularies")), required.equals("yes")));
        }
        Map<String, String> why = new LinkedHashMap<>();
        Path unverified = dir.resolve(UNVERIFIED);
        if (Files.exists(unverified)) {
            for (Row row : rows(unverified, List.of("subject_id", "vocabulary", "candidate_code", "why_not_added"))) {
                String reason = row.get("why_not_added");
                if (reason.isBlank()) {
                    throw new AspsKgException(
                            unverified + ":" + row.line() + ": no why_not_added",
                            "Every code left out says why (not seen next to its label, meaning differs, none exists).");
                }
                String candidate = row.get("candidate_code");
                for (String vocabulary : split(row.get("vocabulary"))) {
                    why.merge(
                            row.get("subject_id") + "\t" + vocabulary,
                            candidate + ": " + reason,
                            (a, b) -> a + " | " + b);
                }
            }
        }
        return new CoveragePolicy(kinds, why);
    }

    private record Row(int line, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "").trim();
        }
    }

    private static List<Row> rows(Path file, List<String> required) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AspsKgException(
                    file + ": cannot be read: " + e.getMessage(),
                    "The coverage report reads " + FILE + " and " + UNVERIFIED + " beside the mapping set.");
        }
        if (lines.isEmpty()) throw new AspsKgException(file + ":1: no header line", "Name the columns " + required);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        for (String column : required) {
            if (!header.contains(column)) {
                throw new AspsKgException(
                        file + ":1: no column '" + column + "'", "The header names the columns " + required + ".");
            }
        }
        List<Row> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != header.size()) {
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": " + cells.length + " cells, but the header names " + header.size()
                                + " columns",
                        "Separate the cells by tabs, one per column.");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) m.put(header.get(c), cells[c]);
            out.add(new Row(i + 1, m));
        }
        return out;
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split("\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
