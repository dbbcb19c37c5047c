package org.aspskg.report;

import java.util.Locale;
import org.aspskg.AspsKgException;

/** How serious a report row is, as in ROBOT's report: ERROR must be fixed, WARN should be, INFO is a hint. */
public enum Level {
    ERROR,
    WARN,
    INFO;

    /** True when this level is as serious as {@code threshold} or more. */
    public boolean isAtLeast(Level threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses ERROR, WARN or INFO in any case. */
    public static Level parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown report level '" + text + "'", "Use ERROR, WARN or INFO.");
        }
    }
}
