package org.aspskg.report;

import java.util.List;

/**
 * The result of a check: what was checked ({@code ontology}: the ontology, or the mapping set's file)
 * and the rows, sorted by {@link ReportRow#ORDER}.
 */
public record QualityReport(String ontology, List<ReportRow> rows) {
    public QualityReport {
        rows = rows.stream().sorted(ReportRow.ORDER).toList();
    }

    /** Number of rows at exactly this level. */
    public long count(Level level) {
        return rows.stream().filter(r -> r.level() == level).count();
    }

    /** True when some row is at {@code threshold} or more serious. */
    public boolean hasRowsAtOrAbove(Level threshold) {
        return rows.stream().anyMatch(r -> r.level().isAtLeast(threshold));
    }

    /** Rows of one level. */
    public List<ReportRow> rows(Level level) {
        return rows.stream().filter(r -> r.level() == level).toList();
    }

    /** One line for people: "3 ERROR, 1 WARN, 0 INFO". */
    public String summary() {
        return count(Level.ERROR) + " ERROR, " + count(Level.WARN) + " WARN, " + count(Level.INFO) + " INFO";
    }
}
