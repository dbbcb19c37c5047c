package org.aspskg.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a case written as free text ("24-year-old woman, deep thigh mass, T2 hyperintense with flow
 * voids, TFE3 strongly positive, no calcification") with the {@link TermSearch} index:
 *
 * <ol>
 *   <li>age, sex, sizes and durations by pattern;
 *   <li>terms by longest match over token windows (leftmost first), each window looked up by exact
 *       name and by word bag as {@link TermSearch#lookup} does;
 *   <li>negation NegEx-style ({@code negation.tsv}): a pre-cue ("no", "without", "absence of",
 *       "negative for") negates the terms after it, a post-cue ("negative", "absent", "not seen") the
 *       terms before it, each within its scope, which ends at punctuation, at a scope-ending word
 *       ("but", "however", "which", …) and at the end of the text; pseudo-negations ("no change")
 *       negate nothing;
 *   <li>what is left: spans naming something the ontology does not weigh ({@code not-weighed.tsv}),
 *       the rest reported as not understood.
 * </ol>
 * Thread-safe.
 */
public final class CaseTextAnnotator {
    private static final int SUGGESTIONS = 3;
    /** The kind of a finding term (the label of the hasFinding range): the only kind a negation cue makes absent. */
    private static final String FINDING = "finding";

    private static final Pattern SCOPE_BREAK = Pattern.compile("[.,;:()\\[\\]!?\\n…]");
    private static final Pattern AGE = Pattern.compile("(?i)\\b(\\d{1,3})\\s*-?\\s*(?:years?|yrs?|y)\\s*-?\\s*old\\b"
            + "|(?i)\\b(\\d{1,3})\\s*-?\\s*year-?old\\b"
            + "|(?i)\\bage[d]?\\s+(?:of\\s+)?(\\d{1,3})\\b"
            + "|(?i)\\b(\\d{1,3})-aged\\b"
            + "|(?i)\\b(\\d{1,3})\\s*(?:y/o|yo)\\b"
            + "|\\b(\\d{1,3})\\s*-?\\s*(?:months?|mos?)\\s*-?\\s*old\\b"
            + "|\\b([MF])\\s*/\\s*(\\d{1,3})\\b"
            + "|\\b(\\d{1,3})\\s*/\\s*([MF])\\b");
    private static final Pattern SEX =
            Pattern.compile("(?i)\\b(woman|female|girl|lady|(?<!wo)man|male|boy|gentleman)\\b");
    private static final Pattern SIZE = Pattern.compile(
            "(?i)(\\d+(?:\\.\\d+)?)\\s*(cm|mm)?(?:\\s*[x×*]\\s*(\\d+(?:\\.\\d+)?)\\s*(cm|mm)?){0,3}\\s*-?\\s*(cm|mm)?\\b");
    private static final Pattern DURATION = Pattern.compile(
            "(?i)\\b(?:(?:for|since|over|past|of)\\s+(?:the\\s+)?(?:\\d+|one|two|three|four|five|six|several|a few|few)\\s*-?\\s*(?:days?|weeks?|months?|years?)(?:'s?)?(?:\\s+(?:duration|history))?"
                    + "|(?:\\d+|one|two|three|four|five|six|several|a few|few)\\s*-?\\s*(?:days?|weeks?|months?|years?)(?:'s?)?\\s+(?:ago|duration|history))\\b");

    /** "25 years Female", "14 years, male": an age in years without "old", only when a sex or "patient" follows. */
    private static final Pattern AGE_BEFORE_SEX =
            Pattern.compile("(?i)\\b(\\d{1,3})\\s*-?\\s*(?:years?|yrs?)(?:\\s+of\\s+age)?"
                    + "(?=[\\s,]+(?:old\\s+)?(?:male|female|man|woman|boy|girl|lady|gentleman|patient)\\b)");
    /** "six-year-old", "a two month old": an age written in words. */
    private static final Pattern AGE_IN_WORDS = Pattern.compile(
            "(?i)\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                    + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\\s*-?\\s*(years?|months?)\\s*-?\\s*old\\b");

    /**
     * "in his 30s", "in her early forties": a decade of life from the twenties on (the teens are not one
     * age band: 13 to 19 straddles the 10–17 and 18–19 groups), read as its middle year, early or late as
     * its third or eighth year.
     */
    private static final Pattern AGE_DECADE =
            Pattern.compile("(?i)\\bin\\s+(?:his|her|their)\\s+(?:(early|mid|late)[\\s-]+)?"
                    + "(?:([2-9])0'?s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\\b");

    private static final List<String> DECADE_WORDS =
            List.of("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties");
    /** A size followed by one of these measures a nodule, node or metastasis, not the lesion ("a 2 cm lung nodule"). */
    private static final Pattern OTHER_THING_AFTER =
            Pattern.compile("(?i)^[\\s-]*(?:[\\p{L}-]+\\s+){0,2}?(?:nodules?|nodes?|lymph|metastas\\w*|deposits?)\\b");

    /** A number followed by one of these is a distance ("12.5 cm above the knee joint"), not a size. */
    private static final Pattern DISTANCE_AFTER =
            Pattern.compile("(?i)^\\s*(?:above|below|from|proximal\\s+to|distal\\s+to|away)\\b");
    /**
     * "large" before the lesion's noun, with other words of the noun phrase between ("a large, lobulated
     * T2 hyperintense soft tissue mass", "large painless mass", "a large soft-tissue extension" of a bone
     * lesion): a large mass. Not "large tumor cells".
     */
    private static final Pattern LARGE_LESION =
            Pattern.compile("(?i)\\blarge\\b(?=(?:[\\s,]+[\\p{L}\\p{N}/'+-]+){0,9}?[\\s,-]+"
                    + "(?:mass|masses|lesion|lesions|tumou?rs?|swelling|swellings|neoplasm"
                    + "|soft[\\s-]*tissue[\\s-]+(?:extension|component))\\b(?![\\s-]+(?:cells?|nuclei)\\b))");
    /**
     * A finding negated inside its own word: "painless" (no pain), "nontender" (not tender). Read only
     * when the root alone names exactly one finding.
     */
    private static final Pattern NEGATED_WORD = Pattern.compile("(?i)\\b(?:(\\p{L}{3,})less|non-?(\\p{L}{3,}))\\b");

    /** What may stand between the items of a list that one negation cue covers ("negative for S100, CK and EMA"). */
    /**
     * Between a stain and a post-cue, the contrast of a pathology report: the stain marks other cells, the
     * tumour cells are negative ("ERG and CD31, however the tumor cells were negative").
     */
    private static final Pattern TUMOUR_CELLS_CONTRAST = Pattern.compile(
            "(?i)^\\s*,?\\s*(?:however|but|while|whereas)\\s*,?\\s+(?:the\\s+)?(?:tumou?r|neoplastic|lesional)\\s+cells"
                    + "\\s+(?:were|are|was|is|remained|remain)\\s+$");

    /**
     * Before a site, a word that puts a structure beside the lesion rather than under it: "the mass abutted the
     * fibula", "adjacent to the femoral vessels", "displacing the bladder". The site is a neighbour, not where
     * the lesion is. "Near" and "close to" are not here: "a mass near the knee" does place it.
     */
    private static final Pattern NEIGHBOUR_BEFORE = Pattern.compile(
            "(?i)\\b(?:abut(?:s|ted|ting)?|adjacent\\s+to|next\\s+to|displac(?:es|ed|ing)|compress(?:es|ed|ing)"
                    + "|encas(?:es|ed|ing)|encircl(?:es|ed|ing)|in\\s+contact\\s+with|contact(?:s|ed|ing)?)"
                    + "\\s+(?:(?:the|a|an)\\s+)?(?:[\\p{L}-]+\\s+){0,2}$");

    private static final Pattern LIST_GAP = Pattern.compile("(?i)^(?:\\s*(?:,|/|\\band\\b|\\bor\\b|\\bnor\\b)\\s*)+$");
    /** An item of a negated list the ontology does not know ("synaptophysin", "chromogranin A"): at most three words. */
    private static final Pattern LIST_ITEM =
            Pattern.compile("(?i)^\\s*[\\p{L}\\p{N}/.+-]+(?:\\s+[\\p{L}\\p{N}/.+-]+){0,2}\\s*$");

    /** A bracketed aside without a negation or contrast word, inside a list. */
    private static final Pattern ASIDE =
            Pattern.compile("\\((?![^()]*\\b(?:no|not|negative|but|however)\\b)[^()]{0,60}\\)");

    private static final java.util.Set<String> CELL_WORDS = java.util.Set.of("cell", "cells", "nuclei", "nucleus");

    private final TermSearch search;
    private final String sizeTermIri;
    private final double sizeThresholdCm;
    private final String largeMassIri;
    private final Map<String, List<Cue>> cuesByFirstWord = new HashMap<>();
    private final Map<String, String> notWeighed = new HashMap<>();
    private final List<PhrasePattern> phrasePatterns = new ArrayList<>();

    /** A row of {@code phrase-patterns.tsv}: a phrasing the term's definition says, read as that term. */
    private record PhrasePattern(Pattern pattern, String curie, boolean absent, boolean negatedOnly) {}

    private final Rules rules;

    /** A negation cue of {@code negation.tsv}. */
    record Cue(List<String> words, String type) {}

    /**
     * @param search          the index of terms
     * @param sizeTermIri     the size finding a size above the threshold states (e.g. mass larger than 5 cm), or null
     * @param sizeThresholdCm the threshold, in cm, above which a stated size states that finding
     */
    public CaseTextAnnotator(TermSearch search, String sizeTermIri, double sizeThresholdCm) {
        this(search, sizeTermIri, sizeThresholdCm, null);
    }

    /**
     * @param search          the index of terms
     * @param sizeTermIri     the size finding a size above the threshold states (e.g. mass larger than 5 cm), or null
     * @param sizeThresholdCm the threshold, in cm, above which a stated size states that finding
     * @param largeMassIri    the finding "large … mass" states (a large mass), or null
     */
    public CaseTextAnnotator(TermSearch search, String sizeTermIri, double sizeThresholdCm, String largeMassIri) {
        this(search, sizeTermIri, sizeThresholdCm, largeMassIri, Rules.NONE);
    }

    /**
     * What the reader knows of the ontology beyond names.
     *
     * @param onModality       for a finding named without its modality, the finding on each modality
     *                         ({@code MRI}, {@code CT}, {@code radiograph}, {@code ultrasound}, the modalities of
     *                         {@code modalities.tsv}) that a text about that modality names by it
     * @param bones            the sites that are bones: a bone under a negation cue ("without invasion of the
     *                         femur", "no bony destruction") states that the lesion does not involve bone
     * @param boneInvolvement  the finding that states (adjacent bone involvement), or null
     */
    public record Rules(
            Map<String, Map<String, String>> onModality,
            Map<String, String> observedOn,
            Set<String> bones,
            String boneInvolvement) {
        public static final Rules NONE = new Rules(Map.of(), Map.of(), Set.of(), null);

        public Rules {
            onModality = Map.copyOf(onModality);
            observedOn = Map.copyOf(observedOn);
            bones = Set.copyOf(bones);
        }
    }

    /**
     * @param search          the index of terms
     * @param sizeTermIri     the size finding a size above the threshold states (e.g. mass larger than 5 cm), or null
     * @param sizeThresholdCm the threshold, in cm, above which a stated size states that finding
     * @param largeMassIri    the finding "large … mass" states (a large mass), or null
     * @param rules           what the reader knows of the ontology beyond names
     */
    public CaseTextAnnotator(
            TermSearch search, String sizeTermIri, double sizeThresholdCm, String largeMassIri, Rules rules) {
        this.search = search;
        this.rules = rules;

        this.sizeTermIri = sizeTermIri;
        this.sizeThresholdCm = sizeThresholdCm;
        this.largeMassIri = largeMassIri;
        for (String[] row : TextTables.rows("negation.tsv")) {
            List<String> words = List.of(row[0].trim().toLowerCase(Locale.ROOT).split("\\s+"));
            cuesByFirstWord
                    .computeIfAbsent(words.get(0), k -> new ArrayList<>())
                    .add(new Cue(words, row[1].trim()));
        }
        cuesByFirstWord
                .values()
                .forEach(l ->
                        l.sort(Comparator.comparingInt((Cue c) -> -c.words().size())));
        for (String[] row : TextTables.rows("phrase-patterns.tsv")) {
            phrasePatterns.add(new PhrasePattern(
                    Pattern.compile(row[0].trim(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                    row[1].trim(),
                    row.length > 3 && row[3].trim().equals("absent"),
                    row.length > 3 && row[3].trim().equals("negated")));
        }
        for (String[] row : TextTables.rows("not-weighed.tsv")) {
            notWeighed.put(row[0].trim().toLowerCase(Locale.ROOT), row[1].trim());
        }
    }

    public TermSearch search() {
        return search;
    }

    /**
     * Reads one phrase a case names a finding by (a JSON case's {@code findings} or {@code absent}
     * entry): the whole phrase as one name first ({@link TermSearch#lookup}), then with typing errors
     * ({@link TermSearch#lookupFuzzy}), then read as text (negation cues, several findings in one
     * phrase, what is not used); what names nothing gets suggestions.
     */
    public List<PhraseReading> readPhrase(String phrase) {
        List<PhraseReading> known = phrasesRead.get(phrase);
        if (known != null) return known;
        List<PhraseReading> read = List.copyOf(readPhraseAfresh(phrase));
        if (phrasesRead.size() < KEPT_PHRASES) phrasesRead.putIfAbsent(phrase, read);
        return read;
    }

    /**
     * Phrases read before, with their readings (the reading depends on the phrase and the index only): a
     * cohort names the same few hundred findings a hundred thousand times, and reading one through the
     * index was a tenth of {@code rank}'s work on JSON cases. Bounded: once full, a new phrase is read and
     * not kept.
     */
    private final Map<String, List<PhraseReading>> phrasesRead = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int KEPT_PHRASES = 10_000;

    private List<PhraseReading> readPhraseAfresh(String phrase) {
        List<TermHit> whole = search.lookup(phrase);
        if (whole.isEmpty()) whole = search.lookupFuzzy(phrase);
        if (!whole.isEmpty()) {
            PhraseReading.Outcome o = whole.size() == 1 ? PhraseReading.Outcome.TERM : PhraseReading.Outcome.AMBIGUOUS;
            return List.of(new PhraseReading(0, phrase.length(), phrase, o, false, null, whole, null, List.of()));
        }
        List<PhraseReading> parts = read(phrase, false, true).phrases();
        if (!parts.isEmpty()) return parts;
        return List.of(new PhraseReading(
                0,
                phrase.length(),
                phrase,
                PhraseReading.Outcome.UNKNOWN,
                false,
                null,
                List.of(),
                null,
                search.search(phrase, SUGGESTIONS)));
    }

    /** Reads a whole case text: age, sex, findings with their polarity, what is not used or not understood. */
    public TextReading read(String text) {
        return read(text, true, false);
    }

    /**
     * Reads a text.
     *
     * @param demographics whether to look for age and sex (a whole case) or not (one finding phrase)
     * @param suggest      whether to give suggestions for spans not understood
     */
    public TextReading read(String text, boolean demographics, boolean suggest) {
        boolean[] masked = new boolean[text.length() + 1];
        List<PhraseReading> readings = new ArrayList<>();
        Integer age = null;
        TextReading.Span ageSpan = null;
        String sex = null;
        TextReading.Span sexSpan = null;
        if (demographics) {
            // the earliest age stated: "13 years Male. … pain for 6 months" is 13, not half a year
            Matcher m = firstOf(text, AGE, AGE_BEFORE_SEX, AGE_IN_WORDS, AGE_DECADE);
            if (m != null && m.pattern() == AGE) {
                ageSpan = new TextReading.Span(m.start(), m.end(), m.group());
                age = ageOf(m);
                mask(masked, m.start(), m.end());
                if (m.group(7) != null) sex = m.group(7).equals("F") ? "female" : "male";
                if (m.group(10) != null) sex = m.group(10).equals("F") ? "female" : "male";
                if (sex != null) sexSpan = ageSpan;
            } else if (m != null) {
                ageSpan = new TextReading.Span(m.start(), m.end(), m.group());
                age = otherAge(m);
                mask(masked, m.start(), m.end());
            }
            Matcher s = SEX.matcher(text);
            while (s.find()) {
                if (sex == null) {
                    String w = s.group(1).toLowerCase(Locale.ROOT);
                    sex = switch (w) {
                        case "woman", "female", "girl", "lady" -> "female";
                        default -> "male";
                    };
                    sexSpan = new TextReading.Span(s.start(), s.end(), s.group());
                }
                mask(masked, s.start(), s.end());
            }
        }
        Matcher d = DURATION.matcher(text);
        while (d.find()) {
            if (overlapsMask(masked, d.start(), d.end())) continue;
            readings.add(new PhraseReading(
                    d.start(),
                    d.end(),
                    d.group(),
                    PhraseReading.Outcome.NOT_USED,
                    false,
                    null,
                    List.of(),
                    "duration",
                    List.of()));
            mask(masked, d.start(), d.end());
        }
        Matcher z = SIZE.matcher(text);
        List<double[]> sizes = new ArrayList<>(); // [start, end, cm]
        while (z.find()) {
            if (overlapsMask(masked, z.start(), z.end())) continue;
            String unit = firstNonNull(z.group(2), z.group(4), z.group(5));
            if (unit == null) continue;
            if (DISTANCE_AFTER.matcher(text.substring(z.end())).find()) continue;
            boolean otherThing =
                    OTHER_THING_AFTER.matcher(text.substring(z.end())).find();
            double greatest = 0;
            for (int g : new int[] {1, 3}) {
                if (z.group(g) != null) greatest = Math.max(greatest, Double.parseDouble(z.group(g)));
            }
            // a repeated group keeps only its last value: read every number of the match
            Matcher nums = Pattern.compile("\\d+(?:\\.\\d+)?").matcher(z.group());
            while (nums.find()) greatest = Math.max(greatest, Double.parseDouble(nums.group()));
            double cm = unit.equalsIgnoreCase("mm") ? greatest / 10 : greatest;
            mask(masked, z.start(), z.end());
            if (otherThing) {
                readings.add(new PhraseReading(
                        z.start(),
                        z.end(),
                        z.group().trim(),
                        PhraseReading.Outcome.NOT_USED,
                        false,
                        null,
                        List.of(),
                        "size of a nodule, node or metastasis, not of the lesion",
                        List.of()));
                continue;
            }
            sizes.add(new double[] {z.start(), z.end(), cm});
        }
        // the greatest size stated decides: above the threshold it states the size finding, else its absence
        double greatestStated = sizes.stream().mapToDouble(x -> x[2]).max().orElse(0);
        for (double[] x : sizes) {
            int start = (int) x[0];
            int end = (int) x[1];
            readings.add(size(start, end, text.substring(start, end).trim(), x[2], greatestStated));
        }
        if (largeMassIri != null) {
            Optional<IndexedTerm> large = search.term(largeMassIri);
            Matcher l = LARGE_LESION.matcher(text);
            while (large.isPresent() && l.find()) {
                if (overlapsMask(masked, l.start(), l.end())) continue;
                IndexedTerm t = large.get();
                TermHit hit = new TermHit(
                        t.iri(), t.label(), t.curie(), t.kind(), l.group(), NameType.LABEL, MatchKind.PATTERN, 1);
                readings.add(new PhraseReading(
                        l.start(),
                        l.end(),
                        l.group(),
                        PhraseReading.Outcome.TERM,
                        false,
                        null,
                        List.of(hit),
                        null,
                        List.of()));
                mask(masked, l.start(), l.end());
            }
        }
        for (PhrasePattern pp : phrasePatterns) {
            Matcher pm = pp.pattern().matcher(text);
            while (pm.find()) {
                if (overlapsMask(masked, pm.start(), pm.end())) continue;
                List<TermHit> hits = search.lookup(pp.curie());
                if (hits.size() != 1) continue; // the term is not in this ontology
                String cue = clauseCue(text, pm.start(), pm.end());
                // a pre-cue carried over a list, as for names: "denied pain, pruritus, or previous radiation"
                if (cue == null) cue = listPreCue(text, pm.start());
                // a row marked negated names what only its negation states ("no lymph node enlargement": no
                // lymph node metastasis; an enlarged node alone is no metastasis): nothing without a cue
                if (pp.negatedOnly() && cue == null) continue;
                // a row marked absent names the term's opposite ("homogeneous enhancement"): the term
                // absent, unless a cue negates that too (two negations)
                boolean negated = pp.absent() ? cue == null : cue != null;
                if (pp.absent() && cue == null) cue = pm.group();
                else if (pp.absent()) cue = null;
                readings.add(new PhraseReading(
                        pm.start(),
                        pm.end(),
                        pm.group(),
                        PhraseReading.Outcome.TERM,
                        negated,
                        cue,
                        List.of(hits.get(0).matchedAs(pm.group(), MatchKind.PHRASE_PATTERN)),
                        null,
                        List.of()));
                mask(masked, pm.start(), pm.end());
            }
        }
        Matcher neg = NEGATED_WORD.matcher(text);
        while (neg.find()) {
            if (overlapsMask(masked, neg.start(), neg.end())) continue;
            String root = neg.group(1) != null ? neg.group(1) : neg.group(2);
            List<TermHit> hits = search.lookup(root);
            if (hits.size() != 1 || !FINDING.equals(hits.get(0).kind())) continue;
            String cue = neg.group(1) != null ? "-less" : "non-";
            readings.add(new PhraseReading(
                    neg.start(), neg.end(), neg.group(), PhraseReading.Outcome.TERM, true, cue, hits, null, List.of()));
            mask(masked, neg.start(), neg.end());
        }
        annotate(text, masked, suggest, readings);
        List<PhraseReading> onModality = withModality(text, readings);
        onModality.sort(Comparator.comparingInt(PhraseReading::start));
        return new TextReading(text, age, ageSpan, sex, sexSpan, heterogeneity(text, onModality));
    }

    /** A word of MRI signal: only a span holding one is read on the sequence of its sentence. */
    private static final Pattern SIGNAL_WORD = Pattern.compile("(?i)\\b(?:hyper|hypo|iso)intens\\p{L}*|\\bsignal\\b");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final int SEQUENCE_WINDOW = 4;

    /**
     * A span not understood that holds a signal word, in a sentence naming an MRI sequence ("T2: The mass
     * is hyperintense", "inhomogeneously hyperintense on STIR"): its words read on that sequence
     * ("hyperintense on T2"), leftmost longest window first; the rest stays not understood.
     */
    private List<PhraseReading> onSequence(String text, PhraseReading written, ModalityContext context) {
        PhraseReading p = written;
        // "with heterogeneous signal intensity": the signal words after the span are in no name, so the span
        // stops before them; they are part of what it says
        Matcher trailing = TRAILING_SIGNAL.matcher(text.substring(p.end()));
        if (!SIGNAL_WORD.matcher(p.text()).find() && trailing.find()) {
            int end = p.end() + trailing.end();
            p = new PhraseReading(
                    p.start(),
                    end,
                    text.substring(p.start(), end),
                    p.outcome(),
                    false,
                    null,
                    List.of(),
                    null,
                    List.of());
        }
        if (!SIGNAL_WORD.matcher(p.text()).find()) return List.of(written);
        List<int[]> ws = new ArrayList<>();
        Matcher w = WORD.matcher(p.text());
        while (w.find()) ws.add(new int[] {p.start() + w.start(), p.start() + w.end()});
        List<PhraseReading> out = new ArrayList<>();
        int from = p.start();
        for (int i = 0; i < ws.size(); i++) {
            for (int len = Math.min(SEQUENCE_WINDOW, ws.size() - i); len >= 1; len--) {
                int start = ws.get(i)[0];
                int end = ws.get(i + len - 1)[1];
                String window = text.substring(start, end);
                if (!SIGNAL_WORD.matcher(window).find()) continue;
                Optional<ModalityContext.Mention> seq = context.sequenceAt(start, end);
                if (seq.isEmpty()) continue;
                List<TermHit> hits = search.lookup(window + " on " + seq.get().sequence());
                if (hits.size() != 1 || !FINDING.equals(hits.get(0).kind())) continue;
                // trailing words that add nothing ("hyperintense and") are not part of it
                while (len > 1) {
                    int shorterEnd = ws.get(i + len - 2)[1];
                    List<TermHit> shorter = search.lookup(text.substring(start, shorterEnd) + " on "
                            + seq.get().sequence());
                    if (!sameTerms(shorter, hits)) break;
                    len--;
                    end = shorterEnd;
                    window = text.substring(start, end);
                }
                TermHit h = hits.get(0);
                TermHit hit = h.matchedAs(h.matchedName() + "' + '" + seq.get().written(), MatchKind.MODALITY_CONTEXT);
                rest(text, from, start, out);
                out.add(new PhraseReading(
                        start, end, window, PhraseReading.Outcome.TERM, false, null, List.of(hit), null, List.of()));
                from = end;
                i += len - 1;
                break;
            }
        }
        if (from == p.start()) return List.of(written);
        rest(text, from, Math.max(from, written.end()), out);
        return out;
    }

    /** Signal words right after a span: "signal", "signal intensity", "intensity signal". */
    private static final Pattern TRAILING_SIGNAL =
            Pattern.compile("(?i)^\\s+(?:signal(?:\\s+intensity)?|intensity\\s+signal)\\b");
    /** A word of high signal inside a heterogeneous signal finding's text ("heterogeneous high signal on T2"). */
    private static final Pattern HIGH_SIGNAL = Pattern.compile("(?i)\\b(?:high|bright|hyperintense)\\b");

    /** A heterogeneity word ending a span not understood ("was heterogeneously", "slightly heterogeneous and"). */
    private static final Pattern HETEROGENEITY =
            Pattern.compile("(?i)(?:^|\\s)((?:heterogene?ous|inhomogene?ous)(?:ly)?)(?:\\s+and)?$");
    /** Between a heterogeneity word and its signal finding: spaces, or "and". */
    private static final Pattern AND_GAP = Pattern.compile("(?i)\\s*(?:and\\s+)?");
    /** The MRI sequence a signal finding's label names ("hyperintense on T2"). */
    private static final Pattern LABEL_SEQUENCE = Pattern.compile("\\bon (T1|T2)\\b");

    /**
     * A heterogeneity word right before a signal finding on a sequence, with only spaces or "and" between
     * ("heterogeneously bright on T2-weighted images", "slightly heterogeneous and hyperintense on T2W"):
     * the signal is also heterogeneous on that sequence, when the ontology names that finding. The
     * signal finding itself stays as read.
     */
    private List<PhraseReading> heterogeneity(String text, List<PhraseReading> readings) {
        List<PhraseReading> out = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            PhraseReading p = readings.get(i);
            PhraseReading next = i + 1 < readings.size() ? readings.get(i + 1) : null;
            highSignal(p).ifPresent(out::add);
            Matcher word = p.outcome() == PhraseReading.Outcome.UNKNOWN ? HETEROGENEITY.matcher(p.text()) : null;
            if (word == null
                    || next == null
                    || next.outcome() != PhraseReading.Outcome.TERM
                    || next.terms().size() != 1
                    || next.negated()
                    || !word.find()
                    || !AND_GAP.matcher(text.substring(p.end(), next.start())).matches()) {
                out.add(p);
                continue;
            }
            Matcher seq = LABEL_SEQUENCE.matcher(next.term().label());
            List<TermHit> hits = seq.find() ? search.lookup("heterogeneous signal on " + seq.group(1)) : List.of();
            if (hits.size() != 1
                    || !FINDING.equals(hits.get(0).kind())
                    || hits.get(0).iri().equals(next.term().iri())
                    || !hits.get(0).label().contains("on " + seq.group(1))) {
                out.add(p);
                continue;
            }
            TermHit h = hits.get(0);
            TermHit hit = h.matchedAs(word.group(1) + "' + '" + next.text(), MatchKind.HETEROGENEOUS_SIGNAL);
            int start = p.start() + word.start(1);
            int end = p.start() + word.end(1);
            rest(text, p.start(), start, out);
            out.add(new PhraseReading(
                    start,
                    end,
                    text.substring(start, end),
                    PhraseReading.Outcome.TERM,
                    false,
                    null,
                    List.of(hit),
                    null,
                    List.of()));
        }
        return out;
    }

    /**
     * A heterogeneous signal finding written with a word of high signal ("heterogeneous high signal on T2"):
     * the signal is also high on that sequence, when the ontology names that finding (hyperintense on T2).
     */
    private Optional<PhraseReading> highSignal(PhraseReading p) {
        if (p.outcome() != PhraseReading.Outcome.TERM
                || p.terms().size() != 1
                || p.negated()
                || !p.term().label().startsWith("heterogeneous signal on ")
                || !HIGH_SIGNAL.matcher(p.text()).find()) return Optional.empty();
        Matcher seq = LABEL_SEQUENCE.matcher(p.term().label());
        List<TermHit> hits = seq.find() ? search.lookup("hyperintense on " + seq.group(1)) : List.of();
        if (hits.size() != 1 || !FINDING.equals(hits.get(0).kind())) return Optional.empty();
        TermHit hit = hits.get(0).matchedAs(p.text(), MatchKind.HETEROGENEOUS_SIGNAL);
        return Optional.of(new PhraseReading(
                p.start(), p.end(), p.text(), PhraseReading.Outcome.TERM, false, null, List.of(hit), null, List.of()));
    }

    /** What is left of a span not understood once a part of it is read: not understood, if it has a word. */
    private static void rest(String text, int from, int to, List<PhraseReading> out) {
        Matcher w = WORD.matcher(text.substring(from, to));
        if (!w.find()) return;
        int start = from + w.start();
        int end = start;
        Matcher all = WORD.matcher(text.substring(from, to));
        while (all.find()) end = from + all.end();
        out.add(new PhraseReading(
                start,
                end,
                text.substring(start, end),
                PhraseReading.Outcome.UNKNOWN,
                false,
                null,
                List.of(),
                null,
                List.of()));
    }

    /** "metastases to the lung", "metastases, including bone, lung": the metastasis word before the site. */
    private static final Pattern METASTASIS_BEFORE =
            Pattern.compile("(?i)\\bmetasta\\p{L}*(?:[\\s,]+(?!from\\b|primary\\b)[\\p{L}-]+){0,5}?[\\s,]+$");
    /** "lung lesions suggestive of metastatic neoplasm": the site, its lesion word, then the metastasis word. */
    private static final Pattern METASTASIS_AFTER = Pattern.compile(
            "(?i)^(?:\\s+[\\p{L}-]+){0,3}?\\s+(?:suggestive of|consistent with|compatible with|in keeping with"
                    + "|representing|due to)\\s+(?:[\\p{L}-]+\\s+)?metasta\\p{L}*");

    /**
     * A site named as where a metastasis is ("metastases to the lung", "multiple organ metastases,
     * including bone, lung", "lung lesions suggestive of metastatic neoplasm") is the metastasis in that
     * site, when the index names one ("lung metastasis"); the site alone otherwise.
     */
    private PhraseReading metastasis(String text, PhraseReading p) {
        if (p.outcome() != PhraseReading.Outcome.TERM
                || p.negated()
                || p.terms().size() != 1) return p;
        TermHit h = p.terms().get(0);
        if (FINDING.equals(h.kind())) return p;
        boolean before = METASTASIS_BEFORE
                .matcher(text.substring(Math.max(0, p.start() - 80), p.start()))
                .find();
        boolean after = !before
                && METASTASIS_AFTER
                        .matcher(text.substring(p.end(), Math.min(text.length(), p.end() + 80)))
                        .find();
        if (!before && !after) return p;
        List<TermHit> named = search.lookup(h.label() + " metastasis");
        if (named.size() != 1 || !FINDING.equals(named.get(0).kind())) return p;
        TermHit m = named.get(0);
        TermHit hit = new TermHit(
                m.iri(), m.label(), m.curie(), m.kind(), h.matchedName(), h.nameType(), MatchKind.METASTASIS_SITE, 1);
        return new PhraseReading(
                p.start(), p.end(), p.text(), p.outcome(), false, null, List.of(hit), p.note(), p.suggestions());
    }

    /**
     * A finding named without its modality, in a text about one modality, is the finding on it:
     * "necrosis" in "MRI showed … areas of necrosis" is necrosis on MRI, "heterogeneous enhancement"
     * after "CT" is heterogeneous enhancement on contrast CT (see {@link ModalityContext}).
     */
    private List<PhraseReading> withModality(String text, List<PhraseReading> readings) {
        List<PhraseReading> out = new ArrayList<>(readings.size());
        ModalityContext context = rules.onModality().isEmpty() ? null : ModalityContext.of(text);
        for (PhraseReading p0 : readings) {
            if (p0.outcome() == PhraseReading.Outcome.UNKNOWN && context != null) {
                out.addAll(onSequence(text, p0, context));
                continue;
            }
            PhraseReading p = metastasis(text, p0);
            Map<String, String> specific = context == null
                            || p.outcome() != PhraseReading.Outcome.TERM
                            || p.terms().size() != 1
                    ? null
                    : rules.onModality().get(p.terms().get(0).iri());
            Optional<ModalityContext.Mention> m = specific == null ? Optional.empty() : context.at(p.start(), p.end());
            Optional<IndexedTerm> t = m.map(x -> specific.get(x.modality())).flatMap(search::term);
            if (t.isEmpty()) {
                out.add(elsewhere(context, p).orElse(p));
                continue;
            }
            TermHit h = p.terms().get(0);
            TermHit hit = new TermHit(
                    t.get().iri(),
                    t.get().label(),
                    t.get().curie(),
                    t.get().kind(),
                    h.matchedName() + "' + '" + m.get().written(),
                    h.nameType(),
                    MatchKind.MODALITY_CONTEXT,
                    h.score());
            out.add(new PhraseReading(
                    p.start(),
                    p.end(),
                    p.text(),
                    p.outcome(),
                    p.negated(),
                    p.cue(),
                    List.of(hit),
                    p.note(),
                    p.suggestions()));
        }
        return out;
    }

    /**
     * A finding the ontology observes with one modality, named without it where the text is about another
     * modality or about none (the clinical examination, the gross specimen, the microscope): not that
     * finding. "The swelling was well circumscribed" on examination is no margin on MRI.
     */
    private Optional<PhraseReading> elsewhere(ModalityContext context, PhraseReading p) {
        if (context == null
                || p.outcome() != PhraseReading.Outcome.TERM
                || p.terms().size() != 1) return Optional.empty();
        String own = rules.observedOn().get(p.terms().get(0).iri());
        if (own == null) return Optional.empty();
        Optional<ModalityContext.Mention> m = context.elsewhereThan(own, p.start(), p.end());
        if (m.isEmpty()) return Optional.empty();
        String about = m.get().none()
                ? "pathology or examination ('" + m.get().written() + "')"
                : m.get().modality() + " ('" + m.get().written() + "')";
        return Optional.of(p.notUsed("a finding on " + own + " in a passage about " + about));
    }

    /**
     * A stated size: above the threshold it states the size finding; when no size the text states is
     * above it, the finding's absence ("3 cm mass": not larger than 5 cm); a smaller size beside a
     * larger one (a metastasis, an earlier measurement) is not used.
     */
    private PhraseReading size(int start, int end, String written, double cm, double greatestStated) {
        Optional<IndexedTerm> term = sizeTermIri == null ? Optional.empty() : search.term(sizeTermIri);
        if (term.isPresent() && (cm > sizeThresholdCm || greatestStated <= sizeThresholdCm)) {
            IndexedTerm t = term.get();
            boolean absent = cm <= sizeThresholdCm;
            TermHit hit =
                    new TermHit(t.iri(), t.label(), t.curie(), t.kind(), written, NameType.LABEL, MatchKind.PATTERN, 1);
            String cue = absent
                    ? String.format(Locale.ROOT, "size %s cm, not above %s cm", trim(cm), trim(sizeThresholdCm))
                    : null;
            return new PhraseReading(
                    start, end, written, PhraseReading.Outcome.TERM, absent, cue, List.of(hit), null, List.of());
        }
        String why = term.isPresent()
                ? String.format(
                        Locale.ROOT,
                        "size %s cm: smaller than the %s cm the text also states",
                        trim(cm),
                        trim(greatestStated))
                : "size: the ontology has no size finding";
        return new PhraseReading(
                start, end, written, PhraseReading.Outcome.NOT_USED, false, null, List.of(), why, List.of());
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String firstNonNull(String... s) {
        for (String x : s) if (x != null) return x;
        return null;
    }

    private static Integer ageOf(Matcher m) {
        for (int g : new int[] {1, 2, 3, 4, 5, 8, 9}) {
            if (m.group(g) != null) return Integer.parseInt(m.group(g));
        }
        if (m.group(6) != null) return Integer.parseInt(m.group(6)) / 12;
        return null;
    }

    private static Matcher firstOf(String text, Pattern... patterns) {
        Matcher best = null;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            if (m.find() && (best == null || m.start() < best.start())) best = m;
        }
        return best;
    }

    /** The age in years of an {@link #AGE_BEFORE_SEX}, {@link #AGE_IN_WORDS} or {@link #AGE_DECADE} match. */
    private static Integer otherAge(Matcher m) {
        if (m.pattern() == AGE_BEFORE_SEX) return Integer.parseInt(m.group(1));
        if (m.pattern() == AGE_IN_WORDS) {
            int n = NumberWords.value(m.group(1));
            return m.group(2).toLowerCase(Locale.ROOT).startsWith("month") ? n / 12 : n;
        }
        int decade = m.group(2) != null
                ? Integer.parseInt(m.group(2))
                : DECADE_WORDS.indexOf(m.group(3).toLowerCase(Locale.ROOT)) + 2;
        String part = m.group(1) == null ? "mid" : m.group(1).toLowerCase(Locale.ROOT);
        return decade * 10
                + switch (part) {
                    case "early" -> 2;
                    case "late" -> 8;
                    default -> 5;
                };
    }

    private static void mask(boolean[] masked, int start, int end) {
        for (int i = start; i < end; i++) masked[i] = true;
    }

    private static boolean overlapsMask(boolean[] masked, int start, int end) {
        for (int i = start; i < end; i++) if (masked[i]) return true;
        return false;
    }

    /** A word as written, with the analysed tokens it became (several for an abbreviation). */
    private record Word(
            int start, int end, String surface, List<TextAnalysis.Token> tokens, int clause, boolean masked) {
        boolean stopOnly() {
            return tokens.stream().allMatch(TextAnalysis.Token::stop);
        }

        /** Only stop words or words a phrase may add ("mass", "left"): not part of a reading's span when they end it. */
        boolean trimmable() {
            return tokens.stream()
                    .allMatch(t -> t.stop()
                            || t.roles().contains(TextAnalysis.Role.PHRASE_MODIFIER)
                                    && !t.roles().contains(TextAnalysis.Role.NAME_MODIFIER));
        }

        boolean contentful() {
            return tokens.stream().anyMatch(TextAnalysis.Token::content);
        }
    }

    private void annotate(String text, boolean[] masked, boolean suggest, List<PhraseReading> out) {
        List<Word> words = words(text, masked);
        int n = words.size();
        boolean[] covered = new boolean[n];
        List<int[]> spans = new ArrayList<>(); // [from, to) word indexes of each term reading, in order
        List<PhraseReading> found = new ArrayList<>();
        int max = Math.max(1, search.longestName());
        for (int i = 0; i < n; i++) {
            Word w = words.get(i);
            if (w.masked() || w.stopOnly() || !known(w)) continue;
            // a window ends before the first word that is in no name (nothing longer can match)
            int reach = 1;
            while (reach < max && i + reach < n && known(words.get(i + reach))) reach++;
            for (int len = reach; len >= 1; len--) {
                int last = i + len - 1;
                if (!sameClauseUnmasked(words, i, last)) continue;
                if (words.get(last).stopOnly()) continue;
                // "large tumor cells": a lesion word before "cells" names the cells, not the lesion
                if (words.get(last).trimmable()
                        && last + 1 < n
                        && CELL_WORDS.contains(words.get(last + 1).surface())) continue;
                List<TermHit> hits = lookup(text, words, i, last);
                if (hits.isEmpty()) continue;
                // the shortest window with the same reading: trailing words that add nothing are not part of it
                while (last > i && words.get(last).trimmable()) {
                    List<TermHit> shorter = lookup(text, words, i, last - 1);
                    if (!sameTerms(shorter, hits)) break;
                    last--;
                }
                PhraseReading.Outcome o =
                        hits.size() == 1 ? PhraseReading.Outcome.TERM : PhraseReading.Outcome.AMBIGUOUS;
                int start = w.start();
                int end = words.get(last).end();
                found.add(new PhraseReading(
                        start, end, text.substring(start, end), o, false, null, hits, null, List.of()));
                spans.add(new int[] {i, last + 1});
                for (int k = i; k <= last; k++) covered[k] = true;
                i = last;
                break;
            }
        }
        // negation cues among the words no term took
        List<int[]> cues = new ArrayList<>(); // [from, to, type 0 pre 1 post 2 end]
        for (int i = 0; i < n; i++) {
            if (covered[i] || words.get(i).masked()) continue;
            List<Cue> candidates = cuesByFirstWord.get(words.get(i).surface());
            if (candidates == null) continue;
            for (Cue c : candidates) {
                if (!matchesCue(words, covered, i, c)) continue;
                int to = i + c.words().size();
                switch (c.type()) {
                    case "pre" -> cues.add(new int[] {i, to, 0});
                    case "post" -> cues.add(new int[] {i, to, 1});
                    case "end" -> cues.add(new int[] {i, to, 2});
                    default -> {} // pseudo: negates nothing, but its words are no cue either
                }
                for (int k = i; k < to; k++) covered[k] = true;
                i = to - 1;
                break;
            }
        }
        String[] cueOf = new String[found.size()];
        boolean[] preCue = new boolean[found.size()];
        for (int r = 0; r < found.size(); r++) {
            cueOf[r] = negatingCue(text, words, cues, spans, spans.get(r));
            preCue[r] = cueOf[r] != null && cueBefore(text, found.get(r), cueOf[r]);
        }
        // a pre-cue before a list whose first items the ontology does not know: "negative for NKX3.1, PSA,
        // SOX 10, S100, chromogranin" (S100 absent)
        for (int r = 0; r < found.size(); r++) {
            if (cueOf[r] != null) continue;
            int[] pre = null;
            for (int[] cue : cues) if (cue[1] <= spans.get(r)[0]) pre = cue;
            if (pre == null || pre[2] != 0) continue;
            int cueEnd = words.get(pre[1] - 1).end();
            boolean between = false;
            for (int q = 0; q < r; q++) between |= found.get(q).start() >= cueEnd;
            if (!between && listGap(text.substring(cueEnd, found.get(r).start()))) {
                cueOf[r] = text.substring(words.get(pre[0]).start(), cueEnd);
                preCue[r] = true;
            }
        }
        // one cue covers the items of a list the commas split into clauses: "negative for S100, CK and
        // EMA" (a pre-cue carried forward), "S100, CD34 and desmin were negative" (a post-cue carried back)
        for (int r = 1; r < found.size(); r++) {
            if (cueOf[r] == null
                    && cueOf[r - 1] != null
                    && preCue[r - 1]
                    && listGap(
                            text.substring(found.get(r - 1).end(), found.get(r).start()))) {
                cueOf[r] = cueOf[r - 1];
                preCue[r] = true;
            }
        }
        // a post-cue after a list whose last item the ontology does not know: "desmin, STAT6 - not expressed"
        for (int r = 0; r < found.size(); r++) {
            if (cueOf[r] != null) continue;
            for (int[] cue : cues) {
                if (cue[0] < spans.get(r)[1]) continue;
                int cueStart = words.get(cue[0]).start();
                if (cue[2] == 1 && listGap(text.substring(found.get(r).end(), cueStart))) {
                    cueOf[r] = text.substring(cueStart, words.get(cue[1] - 1).end());
                }
                break;
            }
        }
        // a post-cue whose clause says the stain's contrast in the tumour cells: "the rich vasculature was
        // highlighted by ERG and CD31, however the tumor cells were negative" (ERG and CD31 absent: stained in
        // the vessels, not in the tumour); the items of the clause before it are carried back below
        for (int r = 0; r < found.size(); r++) {
            if (cueOf[r] != null
                    || (r + 1 < found.size()
                            && found.get(r + 1).start()
                                    < textEndOfClause(text, found.get(r).end()))) continue;
            for (int[] cue : cues) {
                if (cue[0] < spans.get(r)[1]) continue;
                int cueStart = words.get(cue[0]).start();
                if (cue[2] != 1) continue; // "however", "but": the pattern holds them
                if (TUMOUR_CELLS_CONTRAST
                        .matcher(text.substring(found.get(r).end(), cueStart))
                        .matches()) {
                    cueOf[r] = text.substring(cueStart, words.get(cue[1] - 1).end());
                }
                break;
            }
        }
        for (int r = found.size() - 2; r >= 0; r--) {
            if (cueOf[r] == null
                    && cueOf[r + 1] != null
                    && !preCue[r + 1]
                    && listGap(
                            text.substring(found.get(r).end(), found.get(r + 1).start()))) {
                cueOf[r] = cueOf[r + 1];
            }
        }
        for (int r = 0; r < found.size(); r++) {
            String cue = cueOf[r];
            PhraseReading p = found.get(r);
            if (cue == null && neighbour(text, p)) {
                out.add(p.notUsed(p.terms().get(0).kind() + " beside the lesion, not its site: '"
                        + neighbourWord(text, p) + "' comes before it"));
            } else if (cue == null) {
                out.add(p);
            } else if (p.terms().size() == 1
                    && rules.bones().contains(p.terms().get(0).iri())
                    && rules.boneInvolvement() != null
                    && search.term(rules.boneInvolvement()).isPresent()) {
                // "without obvious invasion of either the femur", "no bony destruction": the lesion does not
                // involve the bone
                IndexedTerm t = search.term(rules.boneInvolvement()).get();
                TermHit h = p.terms().get(0);
                TermHit hit = new TermHit(
                        t.iri(),
                        t.label(),
                        t.curie(),
                        t.kind(),
                        h.matchedName(),
                        h.nameType(),
                        MatchKind.NEGATED_BONE,
                        h.score());
                out.add(new PhraseReading(
                        p.start(), p.end(), p.text(), p.outcome(), true, cue, List.of(hit), p.note(), p.suggestions()));
            } else if (p.terms().stream().allMatch(h -> FINDING.equals(h.kind()))) {
                out.add(new PhraseReading(
                        p.start(), p.end(), p.text(), p.outcome(), true, cue, p.terms(), p.note(), p.suggestions()));
            } else {
                // "no abnormality in the uterus" says nothing against the site: only findings are negated
                out.add(new PhraseReading(
                        p.start(),
                        p.end(),
                        p.text(),
                        PhraseReading.Outcome.NOT_USED,
                        false,
                        cue,
                        p.terms(),
                        p.terms().get(0).kind() + " under the negation cue '" + cue
                                + "': only findings are stated absent from text",
                        List.of()));
            }
        }
        leftovers(text, words, covered, suggest, out);
    }

    /** Whether a site reading names a structure beside the lesion ({@link #NEIGHBOUR_BEFORE}), in its clause. */
    private static boolean neighbour(String text, PhraseReading p) {
        if (p.terms().isEmpty() || p.terms().stream().anyMatch(h -> FINDING.equals(h.kind()))) return false;
        return NEIGHBOUR_BEFORE.matcher(clauseBefore(text, p.start())).find();
    }

    /** The word of {@link #NEIGHBOUR_BEFORE} before a site reading, for the note. */
    private static String neighbourWord(String text, PhraseReading p) {
        Matcher m = NEIGHBOUR_BEFORE.matcher(clauseBefore(text, p.start()));
        return m.find() ? m.group().strip() : "";
    }

    /** The text of the clause before {@code at}, back to the last scope-breaking character. */
    private static String clauseBefore(String text, int at) {
        int from = at;
        while (from > 0
                && !SCOPE_BREAK.matcher(String.valueOf(text.charAt(from - 1))).matches()) from--;
        return text.substring(from, at);
    }

    /** Whether every stem of a word is in some name (stop words count as known: names hold them too). */
    private boolean known(Word w) {
        for (TextAnalysis.Token t : w.tokens()) if (!t.stop() && !search.knows(t.stem())) return false;
        return true;
    }

    private static boolean sameTerms(List<TermHit> a, List<TermHit> b) {
        return a.stream()
                .map(TermHit::iri)
                .toList()
                .equals(b.stream().map(TermHit::iri).toList());
    }

    private List<TermHit> lookup(String text, List<Word> words, int from, int last) {
        String written = text.substring(words.get(from).start(), words.get(last).end());
        List<TermHit> exact = search.lookupExact(TextAnalysis.normalize(written));
        if (!exact.isEmpty()) return exact;
        List<TextAnalysis.Token> tokens = new ArrayList<>();
        for (int k = from; k <= last; k++) tokens.addAll(words.get(k).tokens());
        return search.lookup(tokens);
    }

    private static boolean sameClauseUnmasked(List<Word> words, int from, int last) {
        int clause = words.get(from).clause();
        for (int k = from; k <= last; k++) {
            if (words.get(k).masked() || words.get(k).clause() != clause) return false;
        }
        return true;
    }

    private static boolean matchesCue(List<Word> words, boolean[] covered, int at, Cue c) {
        if (at + c.words().size() > words.size()) return false;
        int clause = words.get(at).clause();
        for (int k = 0; k < c.words().size(); k++) {
            Word w = words.get(at + k);
            if (covered[at + k]
                    || w.clause() != clause
                    || !w.surface().equals(c.words().get(k))) return false;
        }
        return true;
    }

    /** The cue, as written, whose scope holds the term span, or null. */
    private static String negatingCue(String text, List<Word> words, List<int[]> cues, List<int[]> spans, int[] span) {
        int clause = words.get(span[0]).clause();
        // nearest pre-cue before the span, with no scope end between
        for (int c = cues.size() - 1; c >= 0; c--) {
            int[] cue = cues.get(c);
            if (cue[1] > span[0] || words.get(cue[0]).clause() != clause) continue;
            if (cue[2] == 2) break;
            if (cue[2] == 0)
                return text.substring(
                        words.get(cue[0]).start(), words.get(cue[1] - 1).end());
        }
        // nearest post-cue after the span, with no scope end between
        for (int[] cue : cues) {
            if (cue[0] < span[1] || words.get(cue[0]).clause() != clause) continue;
            if (cue[2] == 2 || cue[2] == 0) break;
            if (cue[2] == 1)
                return text.substring(
                        words.get(cue[0]).start(), words.get(cue[1] - 1).end());
        }
        return null;
    }

    /**
     * The negation cue whose scope holds a span read by pattern, or null: the nearest pre-cue before it in
     * its clause (between punctuation) with no scope-ending word between, else the nearest post-cue after
     * it with none between; a pseudo-negation ("no increase") negates nothing.
     */
    private String clauseCue(String text, int start, int end) {
        int from = start;
        while (from > 0
                && !SCOPE_BREAK.matcher(String.valueOf(text.charAt(from - 1))).matches()) from--;
        int to = end;
        while (to < text.length()
                && !SCOPE_BREAK.matcher(String.valueOf(text.charAt(to))).matches()) to++;
        List<String[]> before = cuesIn(text.substring(from, start)); // [cue, type]
        for (int i = before.size() - 1; i >= 0; i--) {
            String type = before.get(i)[1];
            if (type.equals("end")) break;
            if (type.equals("pre")) return before.get(i)[0];
        }
        for (String[] c : cuesIn(text.substring(end, to))) {
            if (c[1].equals("end") || c[1].equals("pre")) break;
            if (c[1].equals("post")) return c[0];
        }
        return null;
    }

    /**
     * The last pre-cue of the sentence before {@code start} when only list items lie between it and
     * {@code start} ("denied pain, pruritus, trauma, or ‹phrase›"), else null.
     */
    private String listPreCue(String text, int start) {
        int from = start;
        while (from > 0 && ".;:!?\n…".indexOf(text.charAt(from - 1)) < 0) from--;
        List<String> ws = new ArrayList<>();
        List<int[]> at = new ArrayList<>();
        Matcher m = WORD.matcher(text.substring(from, start));
        while (m.find()) {
            ws.add(m.group().toLowerCase(Locale.ROOT));
            at.add(new int[] {from + m.start(), from + m.end()});
        }
        for (int i = ws.size() - 1; i >= 0; i--) {
            for (Cue c : cuesByFirstWord.getOrDefault(ws.get(i), List.of())) {
                int k = c.words().size();
                if (!c.type().equals("pre")
                        || i + k > ws.size()
                        || !ws.subList(i, i + k).equals(c.words())) continue;
                int cueEnd = at.get(i + k - 1)[1];
                return listGap(text.substring(cueEnd, start)) ? text.substring(at.get(i)[0], cueEnd) : null;
            }
        }
        return null;
    }

    /** Where the clause that goes on at {@code from} ends: the next scope-breaking character, or the text's end. */
    private static int textEndOfClause(String text, int from) {
        int to = from;
        while (to < text.length()
                && !SCOPE_BREAK.matcher(String.valueOf(text.charAt(to))).matches()) to++;
        return to;
    }

    /** The cues written in a stretch of text, in order, longest first at each word ({@code [cue, type]}). */
    private List<String[]> cuesIn(String stretch) {
        List<String> ws = new ArrayList<>();
        Matcher m = WORD.matcher(stretch);
        while (m.find()) ws.add(m.group().toLowerCase(Locale.ROOT));
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < ws.size(); i++) {
            for (Cue c : cuesByFirstWord.getOrDefault(ws.get(i), List.of())) {
                int k = c.words().size();
                if (i + k <= ws.size() && ws.subList(i, i + k).equals(c.words())) {
                    out.add(new String[] {String.join(" ", c.words()), c.type()});
                    i += k - 1;
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the cue written before the reading (a pre-cue) rather than after it. */
    private static boolean cueBefore(String text, PhraseReading p, String cue) {
        int at = text.lastIndexOf(cue, p.start());
        return at >= 0 && at + cue.length() <= p.start();
    }

    /**
     * Whether the text between two readings only separates items of one list: commas, "and", "or",
     * "nor", and items the ontology does not know of at most three words each ("negative for S100,
     * synaptophysin, chromogranin A and PSA"), with no sentence break and no word that ends or starts
     * a cue's scope.
     */
    private boolean listGap(String gap) {
        if (LIST_GAP.matcher(gap).matches()) return true;
        // an aside in brackets ("cytokeratins (using the AE1/AE3 antibody), EMA") and a full stop inside a
        // name ("NKX3.1") do not end the list
        gap = ASIDE.matcher(gap).replaceAll(" ").replaceAll("(?<=\\w)\\.(?=\\w)", "");
        if (!gap.contains(",") || SCOPE_BREAK.matcher(gap.replace(",", " ")).find()) return false;
        for (String item : gap.split("(?i),|\\band\\b|\\bor\\b|\\bnor\\b|\\s-\\s|\\s-$")) {
            if (item.isBlank()) continue;
            if (!LIST_ITEM.matcher(item).matches()) return false;
            for (String w : item.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (cuesByFirstWord.containsKey(w) || w.equals("positive") || w.equals("with")) return false;
            }
        }
        return true;
    }

    /** Runs of words no term, cue or pattern took, in one clause, with at least one content word. */
    private void leftovers(String text, List<Word> words, boolean[] covered, boolean suggest, List<PhraseReading> out) {
        int i = 0;
        while (i < words.size()) {
            Word w = words.get(i);
            if (covered[i] || w.masked() || !w.contentful() || isNumber(w.surface())) {
                i++;
                continue;
            }
            int j = i;
            int lastContent = i;
            while (j + 1 < words.size()
                    && !covered[j + 1]
                    && !words.get(j + 1).masked()
                    && words.get(j + 1).clause() == w.clause()) {
                j++;
                if (words.get(j).contentful() && !isNumber(words.get(j).surface())) lastContent = j;
            }
            int start = w.start();
            int end = words.get(lastContent).end();
            String span = text.substring(start, end);
            String category = null;
            for (int k = i; k <= lastContent && category == null; k++) {
                category = notWeighed.get(words.get(k).surface());
                if (category == null) {
                    for (TextAnalysis.Token t : words.get(k).tokens()) {
                        category = notWeighed.get(t.stem());
                        if (category != null) break;
                    }
                }
            }
            if (category != null) {
                out.add(new PhraseReading(
                        start, end, span, PhraseReading.Outcome.NOT_USED, false, null, List.of(), category, List.of()));
            } else {
                List<TermHit> suggestions = suggest ? search.search(span, SUGGESTIONS) : List.of();
                out.add(new PhraseReading(
                        start, end, span, PhraseReading.Outcome.UNKNOWN, false, null, List.of(), null, suggestions));
            }
            i = j + 1;
        }
    }

    private static boolean isNumber(String s) {
        return s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',');
    }

    /** The words of a text: tokens grouped by the word they came from, with clause numbers and masks. */
    private List<Word> words(String text, boolean[] masked) {
        List<TextAnalysis.Token> tokens = search.analysis().tokens(text);
        List<Word> out = new ArrayList<>();
        int clause = 0;
        int prevEnd = 0;
        int i = 0;
        while (i < tokens.size()) {
            TextAnalysis.Token t = tokens.get(i);
            int j = i;
            List<TextAnalysis.Token> group = new ArrayList<>();
            while (j < tokens.size() && tokens.get(j).start() == t.start()) group.add(tokens.get(j++));
            int end = group.stream().mapToInt(TextAnalysis.Token::end).max().orElse(t.end());
            if (t.start() > prevEnd
                    && SCOPE_BREAK.matcher(text.substring(prevEnd, t.start())).find()) clause++;
            String surface = text.substring(t.start(), end).toLowerCase(Locale.ROOT);
            out.add(new Word(t.start(), end, surface, group, clause, overlapsMask(masked, t.start(), end)));
            prevEnd = end;
            i = j;
        }
        return out;
    }
}
