package org.aspskg.report;

import java.util.Comparator;
import java.util.List;

/**
 * One row of a {@link QualityReport}, in ROBOT's report columns: the level, the rule, the subject it is
 * about, the property and the offending value; {@code explanation} holds supporting lines, e.g. the
 * axioms of a justification.
 */
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
}
