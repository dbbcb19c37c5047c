package org.aspskg.ontology.qc;

import java.util.Comparator;
import java.util.List;

/** One row of a {@link QualityReport}: a finding with the level its rule has in the profile. */
public record ReportRow(
        Level level, String rule, String subject, String property, String value, List<String> explanation) {
    /** ERROR rows first, then by rule, subject, property and value, as ROBOT sorts its report. */
    public static final Comparator<ReportRow> ORDER = Comparator.comparing(ReportRow::level)
            .thenComparing(ReportRow::rule)
            .thenComparing(ReportRow::subject)
            .thenComparing(ReportRow::property)
            .thenComparing(ReportRow::value);

    public ReportRow {
        explanation = List.copyOf(explanation);
    }

    static ReportRow of(Level level, Finding f) {
        return new ReportRow(level, f.rule(), f.subject(), f.property(), f.value(), f.explanation());
    }
}
