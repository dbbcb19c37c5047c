package org.aspskg.text;

import java.util.List;

/**
 * What one phrase (or one span of a case's free text) was read as.
 *
 * @param start       offset of the span in the text read
 * @param end         end offset of the span
 * @param text        the span as written
 * @param outcome     whether it named a term, several equally, something not weighed, or nothing known
 * @param negated     whether a negation cue governs it (the finding is stated absent)
 * @param cue         the negation cue as written, or null
 * @param terms       the term ({@link Outcome#TERM}) or the candidates ({@link Outcome#AMBIGUOUS})
 * @param note        for {@link Outcome#NOT_USED}, why (e.g. "symptom or sign"); otherwise null
 * @param suggestions for {@link Outcome#UNKNOWN}, the closest terms (may be empty)
 */
public record PhraseReading(
        int start,
        int end,
        String text,
        Outcome outcome,
        boolean negated,
        String cue,
        List<TermHit> terms,
        String note,
        List<TermHit> suggestions) {

    /** The four ways a phrase can be read. */
    public enum Outcome {
        /** Names one term. */
        TERM,
        /** Names several terms about equally: the candidates are listed, none is used. */
        AMBIGUOUS,
        /** Names something the ontology does not weigh (a symptom, a duration, an immunostain it has no term for). */
        NOT_USED,
        /** Names nothing known. */
        UNKNOWN
    }

    public PhraseReading {
        terms = List.copyOf(terms);
        suggestions = List.copyOf(suggestions);
    }

    /** This reading's phrase and terms, listed as not used for the reason given (no negation, no suggestions). */
    public PhraseReading notUsed(String why) {
        return new PhraseReading(start, end, text, Outcome.NOT_USED, false, null, terms, why, List.of());
    }

    /** The one term of a {@link Outcome#TERM} reading. */
    public TermHit term() {
        if (outcome != Outcome.TERM) throw new IllegalStateException(outcome + " reading has no single term");
        return terms.get(0);
    }
}
