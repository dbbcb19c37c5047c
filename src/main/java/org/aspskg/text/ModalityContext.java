package org.aspskg.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The imaging modality each part of a case text is about, from the words of {@code modalities.tsv}:
 * explicit mentions ("MRI", "CT", "radiograph", "Doppler") and words only one modality uses ("T2",
 * "STIR", "attenuation", "hypodense", "anechoic"). A place in the text is about the modality its
 * sentence names nearest before it, else the one its sentence names first after it, else the one the
 * closest earlier sentence of the same paragraph names last; a word of pathology ("biopsy",
 * "histologically", "specimen") ends that context (its modality is none). A paragraph ends at a blank
 * line or an ellipsis (the omissions of a published excerpt). Immutable once built.
 */
public final class ModalityContext {
    /** A modality word as written: where, which modality ("none" for a pathology word). */
    public record Mention(int start, int end, String written, String modality, String sequence) {
        public boolean none() {
            return NONE.equals(modality);
        }
    }

    static final String NONE = "none";
    private static final List<Pattern> WORDS = new ArrayList<>();
    private static final List<String> MODALITIES = new ArrayList<>();
    private static final List<String> SEQUENCES = new ArrayList<>();
    /**
     * A sentence ends at a full stop, question or exclamation mark before a space, an ellipsis or a line
     * break — not at the full stop of a figure or table reference or of "et al." ("T1-weighted (Fig. 3)
     * and T2-weighted (Fig. 4) images showed …" is one sentence).
     */
    private static final Pattern SENTENCE_END =
            Pattern.compile("(?<!\\b(?:[Ff]igs?|FIGS?|[Tt]ab|[Tt]abs|al|[Vv]s|[Cc]f|approx))[.!?](?=\\s)|…|\\n");

    private static final Pattern ON_SEQUENCE =
            Pattern.compile("(?i)\\s*(?:(?:on|in)\\s+)?(?:the\\s+)?(?:\\p{L}{1,4}\\s+)?");
    private static final Pattern PARAGRAPH_END = Pattern.compile("…|\\n\\s*\\n");

    static {
        for (String[] row : TextTables.rows("modalities.tsv")) {
            boolean exact = row.length > 2 && row[2].trim().equals("exact");
            String word = row[0].trim();
            Pattern p = Pattern.compile(
                    "(?<![\\p{L}\\p{N}])(?:" + word + ")(?![\\p{L}\\p{N}])", exact ? 0 : Pattern.CASE_INSENSITIVE);
            WORDS.add(p);
            MODALITIES.add(row[1].trim());
            SEQUENCES.add(row.length > 3 && !row[3].isBlank() ? row[3].trim() : null);
        }
    }

    private final String text;
    private final List<Mention> mentions;

    private ModalityContext(String text, List<Mention> mentions) {
        this.text = text;
        this.mentions = List.copyOf(mentions);
    }

    /** The modality words of a text, in order (a word inside a longer one found first is not repeated). */
    public static ModalityContext of(String text) {
        List<Mention> found = new ArrayList<>();
        boolean[] taken = new boolean[text.length() + 1];
        for (int i = 0; i < WORDS.size(); i++) {
            Matcher m = WORDS.get(i).matcher(text);
            while (m.find()) {
                boolean free = true;
                for (int k = m.start(); k < m.end(); k++) free &= !taken[k];
                if (!free) continue;
                for (int k = m.start(); k < m.end(); k++) taken[k] = true;
                found.add(new Mention(m.start(), m.end(), m.group(), MODALITIES.get(i), SEQUENCES.get(i)));
            }
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new ModalityContext(text, found);
    }

    public List<Mention> mentions() {
        return mentions;
    }

    /**
     * The modality word the text at {@code [start, end)} is read with, or empty when none applies (no
     * modality named in its sentence or before it in its paragraph, or a pathology word closer).
     */
    public Optional<Mention> at(int start, int end) {
        return about(start, end).filter(m -> !m.none());
    }

    /**
     * The modality or pathology word that the text at {@code [start, end)} is about when it is not
     * {@code modality} and its sentence does not name {@code modality} either ("Plain radiographs and
     * MRI showed an osteolytic lesion" names both): a finding observed with {@code modality}, named there
     * without it, is not that finding. Empty when no word applies or the modality is named.
     */
    public Optional<Mention> elsewhereThan(String modality, int start, int end) {
        Optional<Mention> chosen = about(start, end);
        if (chosen.isEmpty() || chosen.get().modality().equals(modality)) return Optional.empty();
        int sentenceStart = boundaryBefore(SENTENCE_END, start);
        int sentenceEnd = boundaryAfter(SENTENCE_END, end);
        for (Mention m : mentions) {
            if (m.start() >= sentenceStart
                    && m.end() <= sentenceEnd
                    && m.modality().equals(modality)) return Optional.empty();
        }
        return chosen;
    }

    /** The modality or pathology word the text at {@code [start, end)} is read with (see {@link #at}). */
    private Optional<Mention> about(int start, int end) {
        int sentenceStart = boundaryBefore(SENTENCE_END, start);
        int sentenceEnd = boundaryAfter(SENTENCE_END, end);
        Mention before = null;
        Mention after = null;
        for (Mention m : mentions) {
            if (m.start() >= sentenceStart && m.end() <= start) before = m;
            else if (after == null && m.start() >= end && m.start() < sentenceEnd) after = m;
        }
        Mention chosen = before != null ? before : after;
        if (chosen == null) {
            // the closest earlier sentence of the paragraph that names a modality or a pathology word
            int paragraphStart = boundaryBefore(PARAGRAPH_END, start);
            for (Mention m : mentions) {
                if (m.start() >= paragraphStart && m.end() <= sentenceStart) chosen = m;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /**
     * The MRI sequence word ("T2", "STIR", "T1W") a signal word at {@code [start, end)} is read on: the
     * one written right after it ("on STIR"), else the one its sentence names nearest before it, else
     * first after it; empty when its sentence names none.
     */
    public Optional<Mention> sequenceAt(int start, int end) {
        // the sequence written right after ("hyperintense on STIR", "isointense in SE T1W") is the one
        for (Mention m : mentions) {
            if (m.sequence() != null
                    && m.start() >= end
                    && ON_SEQUENCE.matcher(text.substring(end, m.start())).matches()) return Optional.of(m);
        }
        int sentenceStart = boundaryBefore(SENTENCE_END, start);
        int sentenceEnd = boundaryAfter(SENTENCE_END, end);
        Mention before = null;
        Mention after = null;
        for (Mention m : mentions) {
            if (m.sequence() == null) continue;
            if (m.start() >= sentenceStart && m.end() <= start) before = m;
            else if (after == null && m.start() >= end && m.start() < sentenceEnd) after = m;
        }
        return Optional.ofNullable(before != null ? before : after);
    }

    private int boundaryBefore(Pattern p, int at) {
        int found = 0;
        Matcher m = p.matcher(text);
        while (m.find() && m.end() <= at) found = m.end();
        return found;
    }

    private int boundaryAfter(Pattern p, int at) {
        Matcher m = p.matcher(text);
        return m.find(Math.min(at, text.length())) ? m.start() : text.length();
    }

    @Override
    public String toString() {
        return mentions.stream()
                .map(m -> m.written() + "=" + m.modality().toLowerCase(Locale.ROOT))
                .toList()
                .toString();
    }
}
