package org.aspskg;

/**
 * Text from an input (a case's label, a written term, an error naming what it read) made safe to
 * print on a terminal or in a log: control characters — an ANSI escape, a carriage return, a NUL,
 * DEL and the C1 controls — are shown as {@code \}{@code uXXXX} instead of acting on the terminal or
 * forging a line. Everything else, non-ASCII letters included, is left as written.
 */
public final class PrintableText {
    private PrintableText() {}

    /** Every control character escaped, line breaks included (for one-line fields such as a label). */
    public static String of(String text) {
        return escape(text, false);
    }

    /** As {@link #of}, but line breaks kept (for a message of several lines). */
    public static String keepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && !(keepNewlines && c == '\n')) || (c >= 0x7F && c <= 0x9F);
            if (control) {
                if (sb == null) sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                sb.append(String.format("\\u%04X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
