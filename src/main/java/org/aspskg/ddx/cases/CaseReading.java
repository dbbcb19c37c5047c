package org.aspskg.ddx.cases;

import org.aspskg.text.PhraseReading;

/**
 * How one phrase or span of a case was read, shown back with the ranking: what it resolved to and
 * how it matched, or the candidates, or why it is not used, or that it was not understood (with
 * suggestions).
 *
 * @param reading  what the text index made of it
 * @param position where it was written
 * @param absent   for a term: whether the case states it absent (stated in "absent", or negated)
 */
public record CaseReading(PhraseReading reading, SourcePosition position, boolean absent) {

    /** {@code 'no flow voids' → flow voids on MRI (aspskg:FlowVoid), absent [exact synonym 'flow voids'; negation 'no']}. */
    public String describe() {
        PhraseReading r = reading;
        String what = "'" + r.text() + "'";
        return switch (r.outcome()) {
            case TERM ->
                what + " → " + r.term().describe() + (absent ? ", absent" : ", present") + " ["
                        + r.term().match().description()
                        + (r.term().matchedName().equals(r.text())
                                ? ""
                                : " '" + r.term().matchedName() + "'")
                        + (r.negated() ? "; negation '" + r.cue() + "'" : "") + "]";
            case AMBIGUOUS ->
                what + " is ambiguous, not used: it names "
                        + String.join(
                                " or ",
                                r.terms().stream().map(t -> t.describe()).toList())
                        + "; write one of these names";
            case NOT_USED -> what + " not used: " + r.note();
            case UNKNOWN ->
                what + " not understood"
                        + (r.suggestions().isEmpty()
                                ? ""
                                : "; did you mean "
                                        + String.join(
                                                ", ",
                                                r.suggestions().stream()
                                                        .map(t -> "'" + t.label() + "' (" + t.curie() + ")")
                                                        .toList())
                                        + "?");
        };
    }
}
