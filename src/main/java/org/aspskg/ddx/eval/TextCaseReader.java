package org.aspskg.ddx.eval;

import java.util.List;
import org.aspskg.ddx.cases.PatientCase;

/**
 * Turns a case written as free text into a structured case, telling what each phrase resolved to and
 * what it did not understand: the free-text path the evaluation ranks through.
 */
public interface TextCaseReader {
    /** What the free-text reader made of one case. */
    record TextCase(PatientCase patientCase, List<Resolved> resolved, List<String> unresolved) {
        public TextCase {
            resolved = List.copyOf(resolved);
            unresolved = List.copyOf(unresolved);
        }
    }

    /**
     * A phrase of the text resolved to a term.
     *
     * @param start   first character of the span in the text
     * @param end     one past its last character
     * @param term    the term's IRI
     * @param present false for a negated phrase
     */
    record Resolved(int start, int end, String text, String term, boolean present) {}

    /** A short name of the reader, printed in the report. */
    String name();

    /** Reads one case; {@code text} holds age, sex and the case text. */
    TextCase read(String id, String text);
}
