package org.aspskg.ddx.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aspskg.AspsKgException;

/**
 * The hand-made gold annotations of one published case: {@code <slug>.gold.tsv} beside
 * {@code <slug>.json}, a header {@code phrase term polarity note} and one row per clinical phrase of
 * the case text — the phrase verbatim, the term it means (a CURIE, or {@code -} for a phrase the
 * ontology does not weigh), {@code present} or {@code absent}, and a free note.
 */
public final class GoldAnnotations {
    /** The term column of a clinical phrase the ontology does not weigh. */
    public static final String NOT_WEIGHED = "-";

    /**
     * One gold row.
     *
     * @param phrase  a verbatim substring of the case text
     * @param term    a CURIE or IRI, or {@link #NOT_WEIGHED}
     * @param present true for {@code present}, false for {@code absent}
     * @param line    the row's line in the file
     */
    public record Phrase(String phrase, String term, boolean present, String note, int line) {
        public boolean weighed() {
            return !NOT_WEIGHED.equals(term);
        }
    }

    private GoldAnnotations() {}

    /** The gold file of a case file ({@code x.json} → {@code x.gold.tsv}). */
    public static Path fileOf(Path caseFile) {
        String name = caseFile.getFileName().toString();
        return caseFile.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".gold.tsv");
    }

    /** Reads a gold file, checking each phrase against the free-text case (age, sex and text); a bad row is an error with file and line. */
    public static List<Phrase> read(Path file, String caseText) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file's permissions.", e);
        }
        List<Phrase> out = new ArrayList<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split("\t", -1);
            if (header) {
                header = false;
                if (cells.length >= 3 && cells[0].trim().equalsIgnoreCase("phrase")) continue;
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": the first row is the header 'phrase<TAB>term<TAB>polarity<TAB>note'",
                        "Start the file with that header.");
            }
            if (cells.length < 3) {
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": a row has phrase, term and polarity separated by tabs",
                        "Write phrase<TAB>term<TAB>present|absent<TAB>note.");
            }
            String phrase = cells[0];
            String term = cells[1].trim();
            String polarity = cells[2].trim().toLowerCase(Locale.ROOT);
            if (phrase.isBlank() || !caseText.contains(phrase)) {
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": the phrase '" + phrase + "' is not in the case text",
                        "Copy the phrase verbatim from the case's \"text\", \"age\" or \"sex\".");
            }
            if (term.isEmpty()) {
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": the term is empty",
                        "Write a CURIE such as aspskg:FlowVoid, or '-' for a phrase the ontology does not weigh.");
            }
            if (!polarity.equals("present") && !polarity.equals("absent")) {
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": the polarity is '" + cells[2] + "'", "Write present or absent.");
            }
            out.add(new Phrase(phrase, term, polarity.equals("present"), cells.length > 3 ? cells[3] : "", i + 1));
        }
        return out;
    }
}
