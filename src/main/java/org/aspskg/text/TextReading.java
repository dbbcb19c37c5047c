package org.aspskg.text;

import java.util.List;

/**
 * A case's free text as the annotator read it: the age and sex it found (with where), and every
 * span it read — terms with their polarity, ambiguous spans, things not weighed and spans it did not
 * understand — in text order.
 *
 * @param text     the text read
 * @param age      age in whole years, or null
 * @param ageSpan  where the age was written, or null
 * @param sex      "female" or "male", or null
 * @param sexSpan  where the sex was written, or null
 * @param phrases  the spans read, in order
 */
public record TextReading(
        String text, Integer age, Span ageSpan, String sex, Span sexSpan, List<PhraseReading> phrases) {

    /** A span of the text. */
    public record Span(int start, int end, String text) {}

    public TextReading {
        phrases = List.copyOf(phrases);
    }

    /** The spans of one outcome. */
    public List<PhraseReading> phrases(PhraseReading.Outcome outcome) {
        return phrases.stream().filter(p -> p.outcome() == outcome).toList();
    }
}
