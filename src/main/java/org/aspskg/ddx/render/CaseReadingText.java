package org.aspskg.ddx.render;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.aspskg.ddx.cases.CaseReading;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.text.PhraseReading;

/**
 * The structured case as read from what was written — each phrase → term with how it matched,
 * ambiguous phrases with their candidates, what is not used and what was not understood — shown
 * before the ranking in the table and, as comment lines, at the top of the Turtle answer.
 */
final class CaseReadingText {
    private CaseReadingText() {}

    /** The lines, or none when the case has no readings (a Turtle case). */
    static List<String> lines(PatientCase c) {
        List<String> out = new ArrayList<>();
        if (c.readings().isEmpty()) return out;
        out.add("Read as (phrase → term, how it matched):");
        if (c.ageYears() != null) out.add("  age " + c.ageYears());
        if (c.sex() != null) out.add("  sex " + c.sex());
        for (CaseReading r : c.readings(PhraseReading.Outcome.TERM)) out.add("  " + r.describe());
        for (CaseReading r : c.readings(PhraseReading.Outcome.AMBIGUOUS)) out.add("  " + r.describe());
        List<CaseReading> notUsed = c.readings(PhraseReading.Outcome.NOT_USED);
        if (!notUsed.isEmpty()) {
            out.add("Not used (the ontology does not weigh them): "
                    + notUsed.stream()
                            .map(r -> "'" + r.reading().text() + "' ("
                                    + r.reading().note() + ")")
                            .collect(Collectors.joining(", ")));
        }
        List<CaseReading> unknown = c.readings(PhraseReading.Outcome.UNKNOWN);
        if (!unknown.isEmpty()) {
            out.add("Not understood (" + unknown.size() + "): "
                    + unknown.stream().map(CaseReading::describe).collect(Collectors.joining("; ")));
        }
        return out;
    }
}
