package org.aspskg.ontology.qc;

import java.util.List;
import org.aspskg.report.ReportProfile;

/**
 * One problem a check found, before a {@link ReportProfile} gives it a level. Columns follow
 * ROBOT's report: the rule, the subject it is about, the property and the offending value.
 * {@code explanation} holds supporting lines, e.g. the axioms of a justification.
 */
public record Finding(String rule, String subject, String property, String value, List<String> explanation) {
    public Finding {
        explanation = List.copyOf(explanation);
    }

    public Finding(String rule, String subject, String property, String value) {
        this(rule, subject, property, value, List.of());
    }
}
