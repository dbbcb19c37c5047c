package org.aspskg.ddx.render;

import java.util.Locale;
import java.util.Optional;

/**
 * How much of a ranking the JSON answer holds. {@link #FULL}, the default, is everything the table
 * shows: each hypothesis' every piece of evidence with its sources, the exclusion proofs and the case
 * as read. {@link #SUMMARY} is what a program ranking many cases needs: per hypothesis its rank,
 * diagnosis, IRI, post-test probability, likelihood ratio and whether the case excludes it, and the
 * case's warnings (the phrases not resolved to one term, the findings no hypothesis weighs) — the
 * same values as the full answer's, a few hundred bytes instead of a hundred kilobytes.
 */
public enum RankingDetail {
    FULL,
    SUMMARY;

    /** The name on the command line and in {@code ?detail=}: full or summary. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The detail with this name (full or summary, in any case, spaces around ignored), if any. */
    public static Optional<RankingDetail> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (RankingDetail d : values()) if (d.label().equals(wanted)) return Optional.of(d);
        return Optional.empty();
    }
}
