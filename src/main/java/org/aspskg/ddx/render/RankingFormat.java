package org.aspskg.ddx.render;

import java.util.Locale;
import java.util.Optional;

/**
 * The forms a ranking is written in: a table for people, JSON for programs, Turtle (the case and
 * its ranking as RDF). The command line chooses one by name ({@code --format}), HTTP by media type
 * ({@link #forAccepted}). {@link RankedCase#render} writes each.
 */
public enum RankingFormat {
    /** {@link RankingTable}: a summary table, then each hypothesis' evidence. */
    TABLE("text/plain"),
    /** {@link RankingJson}. */
    JSON("application/json"),
    /** {@link RankingGraph}: the case and its ranking in Turtle. */
    TTL("text/turtle");

    private final String mediaType;

    RankingFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type of an answer in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The format's name on the command line: table, json or ttl. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format with this name (table, json or ttl, in any case, spaces around ignored), if any. */
    public static Optional<RankingFormat> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (RankingFormat f : values()) if (f.label().equals(wanted)) return Optional.of(f);
        return Optional.empty();
    }

    /**
     * The format of an HTTP answer for the media type a client accepts (bare, lower case): Turtle
     * for {@code text/turtle}, otherwise JSON. The table is for people at a terminal, not offered.
     */
    public static RankingFormat forAccepted(String mediaType) {
        return TTL.mediaType.equals(mediaType) ? TTL : JSON;
    }
}
