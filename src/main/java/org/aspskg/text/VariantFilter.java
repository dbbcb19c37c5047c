package org.aspskg.text;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Maps a lower-cased word to one spelling and form ({@code spelling.tsv}): the whole word first,
 * then the first prefix rule that fits ({@code haem*} → {@code hem*}), then the first suffix rule.
 */
final class VariantFilter extends TokenFilter {
    /** A prefix or suffix rewrite. */
    record Rule(String from, String to) {}

    private final Map<String, String> words;
    private final List<Rule> prefixes;
    private final List<Rule> suffixes;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    VariantFilter(TokenStream in, Map<String, String> words, List<Rule> prefixes, List<Rule> suffixes) {
        super(in);
        this.words = words;
        this.prefixes = prefixes;
        this.suffixes = suffixes;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) return false;
        String t = term.toString();
        String mapped = rewrite(t, words, prefixes, suffixes);
        if (!mapped.equals(t)) term.setEmpty().append(mapped);
        return true;
    }

    static String rewrite(String t, Map<String, String> words, List<Rule> prefixes, List<Rule> suffixes) {
        String w = words.get(t);
        if (w != null) return w;
        for (Rule r : prefixes) {
            if (t.startsWith(r.from()) && t.length() > r.from().length()) {
                String out = r.to() + t.substring(r.from().length());
                return words.getOrDefault(out, out);
            }
        }
        for (Rule r : suffixes) {
            if (t.endsWith(r.from()) && t.length() > r.from().length() + 2) {
                String out = t.substring(0, t.length() - r.from().length()) + r.to();
                return words.getOrDefault(out, out);
            }
        }
        return t;
    }
}
