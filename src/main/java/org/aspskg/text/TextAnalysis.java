package org.aspskg.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * How names and phrases are analysed, the same way on both sides: Lucene's standard tokenizer,
 * abbreviations expanded ({@code abbreviations.tsv}), lower case, accents folded, one spelling and
 * word form ({@code spelling.tsv}), Porter stems. Each resulting token also carries its role in
 * matching: a stop word ({@code stopwords.txt}), or a word that does not change the finding on the
 * phrase's side, the name's side or both ({@code modifiers.tsv}). Immutable and thread-safe.
 */
public final class TextAnalysis {
    /** What a token is for matching. */
    public enum Role {
        /** A function word, never part of a word bag. */
        STOP,
        /** Left out of a phrase when it does not match as written ("left", "palpable", "mass"). */
        PHRASE_MODIFIER,
        /** Left out of a term's name when the phrase does not name it ("positive", "immunostaining"). */
        NAME_MODIFIER
    }

    /**
     * One analysed token.
     *
     * @param stem   its canonical stem
     * @param start  offset of the word it comes from in the analysed text
     * @param end    end offset of that word
     * @param roles  its roles (empty for a content word)
     */
    public record Token(String stem, int start, int end, Set<Role> roles) {
        public boolean content() {
            return roles.isEmpty();
        }

        public boolean stop() {
            return roles.contains(Role.STOP);
        }
    }

    private final Map<String, String[]> exactAbbreviations = new HashMap<>();
    private final Map<String, String[]> anyCaseAbbreviations = new HashMap<>();
    private final Map<String, String> variantWords = new HashMap<>();
    private final List<VariantFilter.Rule> prefixRules = new ArrayList<>();
    private final List<VariantFilter.Rule> suffixRules = new ArrayList<>();
    private final NormalizeCharMap charMap;
    private final Analyzer analyzer;
    private final Map<String, Set<Role>> roles = new HashMap<>();

    private TextAnalysis() {
        for (String[] row : TextTables.rows("abbreviations.tsv")) {
            String[] words = row[1].trim().split("\\s+");
            boolean exact = row.length > 2 && row[2].trim().equals("exact");
            if (exact) {
                exactAbbreviations.put(row[0].trim(), words);
            } else {
                anyCaseAbbreviations.put(row[0].trim().toLowerCase(Locale.ROOT), words);
            }
        }
        for (String[] row : TextTables.rows("spelling.tsv")) {
            String from = row[0].trim().toLowerCase(Locale.ROOT);
            String to = row[1].trim().toLowerCase(Locale.ROOT);
            if (from.endsWith("*")) {
                prefixRules.add(
                        new VariantFilter.Rule(from.substring(0, from.length() - 1), to.substring(0, to.length() - 1)));
            } else if (from.startsWith("*")) {
                suffixRules.add(new VariantFilter.Rule(from.substring(1), to.substring(1)));
            } else {
                variantWords.put(from, to);
            }
        }
        NormalizeCharMap.Builder chars = new NormalizeCharMap.Builder();
        // written forms the tokenizer would split or drop, joined into one abbreviation first
        for (String t1 : List.of("T1", "t1")) {
            for (String sep : List.of(" C+", "-C+", "C+", " c+", "c+", "+C", "+c", " C +", "+ C"))
                chars.add(t1 + sep, "T1C+");
        }
        for (String x : List.of("X-ray", "x-ray", "X ray", "x ray", "X-Ray")) chars.add(x, "Xray");
        chars.add("S-100", "S100");
        chars.add("H&E", "HE");
        chars.add("H & E", "HE");
        this.charMap = chars.build();
        this.analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new AbbreviationFilter(source, exactAbbreviations, anyCaseAbbreviations);
                s = new LowerCaseFilter(s);
                s = new ASCIIFoldingFilter(s);
                s = new VariantFilter(s, variantWords, prefixRules, suffixRules);
                s = new PorterStemFilter(s);
                return new TokenStreamComponents(source, s);
            }

            @Override
            protected Reader initReader(String field, Reader reader) {
                return new MappingCharFilter(charMap, reader);
            }
        };
        for (String[] row : TextTables.rows("stopwords.txt")) addRole(row[0], Role.STOP);
        for (String[] row : TextTables.rows("modifiers.tsv")) {
            String side = row[1].trim();
            if (side.equals("phrase") || side.equals("both")) addRole(row[0], Role.PHRASE_MODIFIER);
            if (side.equals("name") || side.equals("both")) addRole(row[0], Role.NAME_MODIFIER);
        }
    }

    private static final TextAnalysis DEFAULT = new TextAnalysis();

    /** The analysis with the tables shipped beside this class. */
    public static TextAnalysis standard() {
        return DEFAULT;
    }

    private void addRole(String word, Role role) {
        for (String stem : stems(word.trim())) {
            roles.computeIfAbsent(stem, k -> EnumSet.noneOf(Role.class)).add(role);
        }
    }

    /** The Lucene analyzer (for the index's analysed field). */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** The stems of a text, in order. */
    public List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("words", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The tokens of a text with their offsets and roles, in order. */
    public List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("words", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String stem = term.toString();
                out.add(new Token(stem, offset.startOffset(), offset.endOffset(), roles.getOrDefault(stem, Set.of())));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The word-bag keys of a run of tokens, loosest last (see {@link Keys}). */
    public Keys keys(List<Token> tokens) {
        TreeSet<String> all = new TreeSet<>();
        TreeSet<String> phraseReduced = new TreeSet<>();
        TreeSet<String> bothReduced = new TreeSet<>();
        TreeSet<String> nameReduced = new TreeSet<>();
        for (Token t : tokens) {
            if (t.stop()) continue;
            boolean both = t.roles().contains(Role.PHRASE_MODIFIER) && t.roles().contains(Role.NAME_MODIFIER);
            if (both) continue;
            all.add(t.stem());
            if (!t.roles().contains(Role.PHRASE_MODIFIER)) phraseReduced.add(t.stem());
            if (!t.roles().contains(Role.NAME_MODIFIER)) nameReduced.add(t.stem());
            if (t.roles().isEmpty()) bothReduced.add(t.stem());
        }
        return new Keys(join(all), join(phraseReduced), join(nameReduced), join(bothReduced));
    }

    /** The keys of a text. */
    public Keys keys(String text) {
        return keys(tokens(text));
    }

    private static String join(Set<String> stems) {
        return String.join(" ", stems);
    }

    /**
     * Word bags (sorted distinct stems, stop words and words that never matter left out), the
     * basis of word-order-free matching.
     *
     * @param all          every content and modifier word
     * @param phraseReduced without the words a phrase may add ("left", "mass")
     * @param nameReduced  without the words a name may have that a phrase leaves out ("positive")
     * @param reduced      without either
     */
    public record Keys(String all, String phraseReduced, String nameReduced, String reduced) {}

    /** Lower case, runs of white space as one space, trimmed: how exact names are compared. */
    public static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The set of stems of all words with a role (for tests and docs). */
    Set<String> stemsWithRole(Role role) {
        Set<String> out = new HashSet<>();
        roles.forEach((k, v) -> {
            if (v.contains(role)) out.add(k);
        });
        return out;
    }
}
