package org.aspskg.serve;

import java.util.Locale;

/**
 * The media type and charset of a {@code Content-Type} or {@code Accept} header, as the ddx endpoints
 * ({@code POST /asps/ddx} and {@code /asps/ddx/batch}) read them. A header holding a comma-joined list
 * (an {@code Accept} list, or two {@code Content-Type} headers a client or proxy joined) counts by its
 * first element, media type and charset alike, so both endpoints decide the same way on the same header.
 */
final class MediaTypeHeader {
    private MediaTypeHeader() {}

    /** The first element's media type, lower case, without parameters; "" for no header. */
    static String mediaType(String header) {
        if (header == null) return "";
        return first(header).split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The first element's charset parameter, lower case and unquoted, or null when it has none. */
    static String charset(String header) {
        if (header == null) return null;
        for (String part : first(header).split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset="))
                return p.substring("charset=".length()).replace("\"", "").trim();
        }
        return null;
    }

    private static String first(String header) {
        int comma = header.indexOf(',');
        return comma < 0 ? header : header.substring(0, comma);
    }
}
