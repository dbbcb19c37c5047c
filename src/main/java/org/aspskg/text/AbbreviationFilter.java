package org.aspskg.text;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Expands abbreviations ({@code abbreviations.tsv}) into their words, each keeping the
 * abbreviation's offsets: "CTA" becomes "computed", "tomography", "angiography". Runs before
 * lower-casing, because some abbreviations are only abbreviations as written ("US", not "us").
 */
final class AbbreviationFilter extends TokenFilter {
    private final Map<String, String[]> exact;
    private final Map<String, String[]> anyCase;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private State state;

    AbbreviationFilter(TokenStream in, Map<String, String[]> exact, Map<String, String[]> anyCase) {
        super(in);
        this.exact = exact;
        this.anyCase = anyCase;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(state);
            term.setEmpty().append(pending.poll());
            posInc.setPositionIncrement(1);
            return true;
        }
        if (!input.incrementToken()) return false;
        String t = term.toString();
        String[] words = exact.get(t);
        if (words == null) words = anyCase.get(t.toLowerCase(Locale.ROOT));
        if (words != null && words.length > 0) {
            term.setEmpty().append(words[0]);
            for (int i = 1; i < words.length; i++) pending.add(words[i]);
            state = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        state = null;
    }
}
