package org.aspskg.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The text index of the classes a case can state: an in-memory Lucene index
 * ({@link ByteBuffersDirectory}) with one document per name of a term (label, exact, related and
 * broad synonyms, CURIE, IRI, external codes), analysed by {@link TextAnalysis}.
 *
 * <p>{@link #search} serves search and autocomplete: hits ranked as OLS ranks them — exact label,
 * then exact synonym or code, then label prefix, synonym prefix, the same words in any order or
 * form ({@link MatchKind#STEM}), with modifiers left out, every query word in the name, and last
 * typing errors — each hit saying which name matched and how. {@link #lookup} resolves a phrase: the
 * terms at the best level that resolves, several when the phrase names several terms equally.
 * Word-bag look-ups run on maps built from the same documents (a case's free text makes hundreds of
 * them per sentence). Thread-safe once built.
 */
public final class TermSearch {
    private static final String F_TERM = "term";
    private static final String F_NAME = "name";
    private static final String F_EXACT = "exact";
    private static final String F_ALL = "all";
    private static final String F_NAME_REDUCED = "nameReduced";
    private static final String F_WORDS = "words";
    private static final int CANDIDATES = 200;

    private final TextAnalysis analysis;
    private final String preferredNamespace;
    private final List<IndexedTerm> terms;
    private final Map<String, Integer> termByIri = new HashMap<>();
    private final Map<String, List<int[]>> byExact = new HashMap<>();
    private final Map<String, List<int[]>> byAll = new HashMap<>();
    private final Map<String, List<int[]>> byNameReduced = new HashMap<>();
    private final Map<String, List<int[]>> byPhraseReduced = new HashMap<>();
    private final List<List<TextAnalysis.Keys>> nameKeys = new ArrayList<>();
    /** Every stem of every name: a word whose stem is not here is in no name. */
    private final java.util.Set<String> vocabulary = new java.util.HashSet<>();

    private final IndexSearcher searcher;
    private final int longestName;

    private TermSearch(Collection<IndexedTerm> terms, TextAnalysis analysis, String preferredNamespace) {
        this.analysis = analysis;
        this.preferredNamespace = preferredNamespace;
        this.terms = List.copyOf(terms);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        int longest = 1;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analysis.analyzer()))) {
            for (int t = 0; t < this.terms.size(); t++) {
                IndexedTerm term = this.terms.get(t);
                termByIri.put(term.iri(), t);
                List<TextAnalysis.Keys> keys = new ArrayList<>();
                for (int n = 0; n < term.names().size(); n++) {
                    IndexedTerm.Name name = term.names().get(n);
                    String exact = TextAnalysis.normalize(name.text());
                    boolean words = name.type() != NameType.IRI;
                    TextAnalysis.Keys k = words ? analysis.keys(name.text()) : new TextAnalysis.Keys("", "", "", "");
                    if (words) analysis.tokens(name.text()).forEach(tok -> vocabulary.add(tok.stem()));
                    keys.add(k);
                    int[] ref = {t, n};
                    byExact.computeIfAbsent(exact, x -> new ArrayList<>()).add(ref);
                    if (words && name.type() != NameType.CURIE && name.type() != NameType.CODE) {
                        if (!k.all().isEmpty())
                            byAll.computeIfAbsent(k.all(), x -> new ArrayList<>())
                                    .add(ref);
                        if (!k.nameReduced().isEmpty() && !k.nameReduced().equals(k.all())) {
                            byNameReduced
                                    .computeIfAbsent(k.nameReduced(), x -> new ArrayList<>())
                                    .add(ref);
                        }
                        if (!k.phraseReduced().isEmpty() && !k.phraseReduced().equals(k.all())) {
                            byPhraseReduced
                                    .computeIfAbsent(k.phraseReduced(), x -> new ArrayList<>())
                                    .add(ref);
                        }
                        longest = Math.max(longest, analysis.tokens(name.text()).size());
                    }
                    Document d = new Document();
                    d.add(new StoredField(F_TERM, t));
                    d.add(new StoredField(F_NAME, n));
                    d.add(new StringField(F_EXACT, exact, Field.Store.NO));
                    if (words) {
                        d.add(new StringField(F_ALL, k.all(), Field.Store.NO));
                        d.add(new StringField(F_NAME_REDUCED, k.nameReduced(), Field.Store.NO));
                        d.add(new TextField(F_WORDS, name.text(), Field.Store.NO));
                    }
                    w.addDocument(d);
                }
                nameKeys.add(keys);
            }
            w.commit();
            this.searcher = new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.longestName = longest;
    }

    /** An index over these terms with the standard analysis. */
    public static TermSearch of(Collection<IndexedTerm> terms) {
        return new TermSearch(terms, TextAnalysis.standard(), null);
    }

    /**
     * An index over these terms with the standard analysis, where a phrase naming one of the
     * ontology's own classes (IRIs in {@code ownNamespace}) and imported ones equally names its own.
     */
    public static TermSearch of(Collection<IndexedTerm> terms, String ownNamespace) {
        return new TermSearch(terms, TextAnalysis.standard(), ownNamespace);
    }

    public TextAnalysis analysis() {
        return analysis;
    }

    /** Every indexed term, in index order. */
    public List<IndexedTerm> terms() {
        return terms;
    }

    /** A term by IRI. */
    public Optional<IndexedTerm> term(String iri) {
        Integer t = termByIri.get(iri);
        return t == null ? Optional.empty() : Optional.of(terms.get(t));
    }

    /** Whether some name has this stem: a word whose stems are all unknown ends every window. */
    public boolean knows(String stem) {
        return vocabulary.contains(stem);
    }

    /** The most tokens of any name: the longest window a free-text annotator need try. */
    public int longestName() {
        return longestName;
    }

    /**
     * Terms whose names match a query, best first, one hit per term (its best match), at most
     * {@code limit}: the search behind the web front's autocomplete and the suggestions for unknown
     * phrases.
     */
    /** Longest string given to a prefix or fuzzy query (longer than any name the index holds). */
    static final int MAX_AUTOMATON_CHARS = 255;

    /** Words of a query that are searched for (more than any name has). */
    static final int MAX_QUERY_WORDS = 64;

    public List<TermHit> search(String query, int limit) {
        String exact = TextAnalysis.normalize(query);
        if (exact.isEmpty() || limit <= 0) return List.of();
        List<TextAnalysis.Token> tokens = analysis.tokens(query);
        TextAnalysis.Keys keys = analysis.keys(tokens);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        q.add(boost(new TermQuery(new Term(F_EXACT, exact)), 100), BooleanClause.Occur.SHOULD);
        // Lucene builds an automaton for prefix and fuzzy queries and refuses one longer than 1,000
        // characters (an IllegalArgumentException, a 500 over HTTP); no name is that long, so a longer
        // string can only match exactly
        if (exact.length() <= MAX_AUTOMATON_CHARS)
            q.add(boost(new PrefixQuery(new Term(F_EXACT, exact)), 30), BooleanClause.Occur.SHOULD);
        if (!keys.all().isEmpty()) {
            q.add(boost(new TermQuery(new Term(F_ALL, keys.all())), 40), BooleanClause.Occur.SHOULD);
            q.add(boost(new TermQuery(new Term(F_ALL, keys.phraseReduced())), 20), BooleanClause.Occur.SHOULD);
            q.add(boost(new TermQuery(new Term(F_NAME_REDUCED, keys.reduced())), 20), BooleanClause.Occur.SHOULD);
        }
        List<String> stems = new ArrayList<>();
        for (TextAnalysis.Token t : tokens) if (!t.stop()) stems.add(t.stem());
        // three clauses a word: the first words only, within Lucene's 1,024 clauses (no name is that long)
        int words = Math.min(stems.size(), MAX_QUERY_WORDS);
        for (int i = 0; i < words; i++) {
            String s = stems.get(i);
            q.add(boost(new TermQuery(new Term(F_WORDS, s)), 2), BooleanClause.Occur.SHOULD);
            if (s.length() > MAX_AUTOMATON_CHARS) continue;
            if (s.length() >= 4) q.add(new FuzzyQuery(new Term(F_WORDS, s), 1, 1), BooleanClause.Occur.SHOULD);
            if (i == words - 1) q.add(boost(new PrefixQuery(new Term(F_WORDS, s)), 1.5f), BooleanClause.Occur.SHOULD);
        }
        Map<Integer, TermHit> best = new LinkedHashMap<>();
        try {
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(q.build(), CANDIDATES).scoreDocs) {
                Document d = stored.document(sd.doc);
                int t = d.getField(F_TERM).numericValue().intValue();
                int n = d.getField(F_NAME).numericValue().intValue();
                Optional<MatchKind> kind = classify(exact, keys, stems, t, n);
                if (kind.isEmpty()) continue;
                TermHit hit = hit(t, n, kind.get(), sd.score);
                TermHit old = best.get(t);
                if (old == null || better(hit, old)) best.put(t, hit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best.values().stream().sorted(ORDER).limit(limit).toList();
    }

    private static final Comparator<TermHit> ORDER = Comparator.comparing(TermHit::match)
            .thenComparing(Comparator.comparingDouble((TermHit h) -> h.score()).reversed())
            .thenComparing(TermHit::label);

    private static boolean better(TermHit a, TermHit b) {
        return ORDER.compare(a, b) < 0;
    }

    private static Query boost(Query q, float by) {
        return new BoostQuery(q, by);
    }

    /** How the name n of term t matches a query, or empty if it does not match well enough to show. */
    private Optional<MatchKind> classify(String exact, TextAnalysis.Keys keys, List<String> stems, int t, int n) {
        IndexedTerm.Name name = terms.get(t).names().get(n);
        String nameExact = TextAnalysis.normalize(name.text());
        boolean label = name.type() == NameType.LABEL;
        if (nameExact.equals(exact)) return Optional.of(label ? MatchKind.EXACT_LABEL : MatchKind.EXACT_SYNONYM);
        if (nameExact.startsWith(exact)) return Optional.of(label ? MatchKind.LABEL_PREFIX : MatchKind.SYNONYM_PREFIX);
        if (name.type() == NameType.IRI || name.type() == NameType.CURIE || name.type() == NameType.CODE) {
            return Optional.empty();
        }
        TextAnalysis.Keys k = nameKeys.get(t).get(n);
        if (!keys.all().isEmpty() && keys.all().equals(k.all())) return Optional.of(MatchKind.STEM);
        if (!keys.phraseReduced().isEmpty() && keys.phraseReduced().equals(k.all())
                || !keys.reduced().isEmpty() && keys.reduced().equals(k.nameReduced())) {
            return Optional.of(MatchKind.MODIFIER);
        }
        Set<String> nameStems = new TreeSet<>(List.of(k.all().split(" ")));
        boolean partial = !stems.isEmpty();
        boolean fuzzy = !stems.isEmpty();
        for (int i = 0; i < stems.size(); i++) {
            String s = stems.get(i);
            boolean last = i == stems.size() - 1;
            boolean in = nameStems.contains(s) || last && nameStems.stream().anyMatch(x -> x.startsWith(s));
            if (!in) partial = false;
            if (!in && nameStems.stream().noneMatch(x -> close(s, x))) fuzzy = false;
        }
        if (partial) return Optional.of(MatchKind.PARTIAL);
        if (fuzzy) return Optional.of(MatchKind.FUZZY);
        return Optional.empty();
    }

    /** Within the edit distance Lucene's fuzzy query allowed for a word of this length. */
    static boolean close(String a, String b) {
        if (a.length() < 4) return a.equals(b);
        int max = a.length() >= 7 ? 2 : 1;
        return Math.abs(a.length() - b.length()) <= max && editDistance(a, b) <= max;
    }

    /** Edit distance counting a transposition of two neighbours as one edit ("viods" → "voids"), as Lucene's fuzzy query does. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private TermHit hit(int t, int n, MatchKind kind, float score) {
        IndexedTerm term = terms.get(t);
        IndexedTerm.Name name = term.names().get(n);
        return new TermHit(term.iri(), term.label(), term.curie(), term.kind(), name.text(), name.type(), kind, score);
    }

    /**
     * The terms a phrase names, all at the best level that resolves a phrase (exact name; the same
     * words; with modifiers left out): empty if none, several if the phrase names several terms
     * equally. No typing errors here: see {@link #lookupFuzzy}.
     */
    public List<TermHit> lookup(String phrase) {
        List<TermHit> exact = refs(byExact.get(TextAnalysis.normalize(phrase)), true);
        if (!exact.isEmpty()) return exact;
        return lookup(analysis.tokens(phrase));
    }

    /** As {@link #lookup(String)}, on analysed tokens (no exact-name level). */
    public List<TermHit> lookup(List<TextAnalysis.Token> tokens) {
        return lookup(analysis.keys(tokens));
    }

    /** As {@link #lookup(String)}, on the word bags of a phrase (no exact-name level). */
    public List<TermHit> lookup(TextAnalysis.Keys keys) {
        if (keys.all().isEmpty()) return List.of();
        List<TermHit> stem = hits(byAll.get(keys.all()), MatchKind.STEM);
        if (!stem.isEmpty()) return stem;
        List<int[]> loose = new ArrayList<>();
        if (!keys.phraseReduced().isEmpty()) {
            addAll(loose, byAll.get(keys.phraseReduced()));
            // both sides without the words a phrase may add, when the phrase has such a word or several words:
            // "pulsatile mass" is "pulsatile lesion", "pleomorphic cells" "pleomorphic tumour cells", but "large"
            // alone is not "large mass"
            if (!keys.phraseReduced().equals(keys.all()) || keys.phraseReduced().contains(" ")) {
                addAll(loose, byPhraseReduced.get(keys.phraseReduced()));
            }
        }
        if (!keys.reduced().isEmpty()) {
            addAll(loose, byAll.get(keys.reduced()));
            addAll(loose, byNameReduced.get(keys.reduced()));
        }
        return hits(loose, MatchKind.MODIFIER);
    }

    /** Whether an exact name (as normalised) is known; cheap, for the annotator's exact pass. */
    public List<TermHit> lookupExact(String normalizedName) {
        return refs(byExact.get(normalizedName), true);
    }

    /** Terms within typing distance of every word of the phrase (same number of words), best first. */
    public List<TermHit> lookupFuzzy(String phrase) {
        List<TermHit> out = new ArrayList<>();
        for (TermHit h : search(phrase, 5)) if (h.match() == MatchKind.FUZZY) out.add(h);
        if (out.size() <= 1) return out;
        float top = out.get(0).score();
        return out.stream().filter(h -> h.score() >= top * 0.9f).toList();
    }

    private static void addAll(List<int[]> into, List<int[]> refs) {
        if (refs != null) into.addAll(refs);
    }

    /**
     * Of several terms a phrase names at one level, those it names best: by the label before an exact
     * synonym before a related or broad one (a label names its class first, as OLS ranks), then
     * the ontology's own classes before imported ones (UBERON's "pelvis" synonym does not make our
     * pelvic region ambiguous). Several left: the phrase is ambiguous.
     */
    private List<TermHit> best(List<TermHit> hits) {
        if (hits.size() <= 1) return hits;
        int top = hits.stream().mapToInt(h -> rank(h.nameType())).min().orElseThrow();
        List<TermHit> out = hits.stream().filter(h -> rank(h.nameType()) == top).toList();
        if (out.size() > 1 && preferredNamespace != null) {
            List<TermHit> own = out.stream()
                    .filter(h -> h.iri().startsWith(preferredNamespace))
                    .toList();
            if (!own.isEmpty()) out = own;
        }
        return out;
    }

    private static int rank(NameType t) {
        return switch (t) {
            case LABEL -> 0;
            case EXACT_SYNONYM, CURIE, IRI, CODE -> 1;
            case NARROW_SYNONYM -> 3;
            default -> 2;
        };
    }

    private List<TermHit> refs(List<int[]> refs, boolean exact) {
        if (refs == null) return List.of();
        Map<Integer, TermHit> out = new LinkedHashMap<>();
        for (int[] r : refs) {
            NameType type = terms.get(r[0]).names().get(r[1]).type();
            MatchKind kind = exact && type == NameType.LABEL ? MatchKind.EXACT_LABEL : MatchKind.EXACT_SYNONYM;
            TermHit h = hit(r[0], r[1], kind, 1);
            TermHit old = out.get(r[0]);
            if (old == null || better(h, old) || rank(h.nameType()) < rank(old.nameType())) out.put(r[0], h);
        }
        return best(List.copyOf(out.values()));
    }

    private List<TermHit> hits(List<int[]> refs, MatchKind kind) {
        if (refs == null || refs.isEmpty()) return List.of();
        Map<Integer, TermHit> out = new LinkedHashMap<>();
        for (int[] r : refs) {
            TermHit h = hit(r[0], r[1], kind, 1);
            TermHit old = out.get(r[0]);
            // prefer the label, then the name listed first, as the matched name shown
            if (old == null || rank(h.nameType()) < rank(old.nameType())) out.put(r[0], h);
        }
        return best(List.copyOf(out.values()));
    }
}
