package org.aspskg.mapping;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compact URI {@code prefix:localId} as SSSOM writes identifiers. The prefix is an XML NCName
 * without dots at its end; the local part has no white space. An IRI such as
 * {@code http://example.org/x} is not a CURIE (its "local part" starts with {@code //}).
 */
public record Curie(String prefix, String localId) {
    private static final Pattern CURIE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.\\-]*):(\\S*)");

    /** Parses {@code prefix:localId}, or empty when the text is not a CURIE. */
    public static Optional<Curie> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = CURIE.matcher(text.trim());
        if (!m.matches() || m.group(2).startsWith("//")) return Optional.empty();
        return Optional.of(new Curie(m.group(1), m.group(2)));
    }

    @Override
    public String toString() {
        return prefix + ":" + localId;
    }
}
