package org.aspskg.ddx.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The baseline free-text reader the evaluation uses while no real annotator is plugged in: it finds the
 * ontology's labels and synonyms of stateable classes verbatim in the text (ignoring case, longest
 * match first, on word boundaries), takes a phrase as absent after a negation cue ("no", "without",
 * "negative for", …, up to four words before it in the same sentence) or before "negative", and the
 * first "N-year-old" and sex word as age and sex. What it does not match is reported sentence by
 * sentence. It measures how far the ontology's own vocabulary goes; it is not the product's annotator.
 */
public final class LabelScanReader implements TextCaseReader {
    private static final List<Property> NAMES =
            List.of(RDFS.label, AspsVocabulary.HAS_EXACT_SYNONYM, AspsVocabulary.HAS_RELATED_SYNONYM);
    private static final Pattern CUE_BEFORE = Pattern.compile(
            "\\b(no|not|without|absence of|absent|negative for|free of|lack of|lacking)\\b(\\W+\\w+){0,4}\\W*$");
    private static final Pattern CUE_AFTER = Pattern.compile("^\\W{0,3}(was |were |is |are )?(negative|absent)\\b");
    private static final Pattern AGE = Pattern.compile("\\b(\\d{1,3})\\s*-?\\s*(years?|yrs?)\\s*-?\\s*old\\b");
    private static final Pattern SEX = Pattern.compile("\\b(woman|man|girl|boy|female|male|lady|gentleman)\\b");

    private final DdxKnowledge knowledge;
    /** lower-case name → IRI, longest names first. */
    private final List<Map.Entry<String, String>> names;

    public LabelScanReader(DdxKnowledge knowledge) {
        this.knowledge = knowledge;
        Map<String, Set<String>> byName = new HashMap<>();
        Model m = knowledge.ontology();
        // demographic groups follow from the age and sex, which are read on their own
        Set<String> groups = new HashSet<>();
        knowledge.demographics().groups().forEach(g -> groups.add(g.iri()));
        for (Property p : NAMES) {
            for (Statement s : m.listStatements(null, p, (String) null).toList()) {
                if (!s.getSubject().isURIResource() || !s.getObject().isLiteral()) continue;
                String iri = s.getSubject().getURI();
                if (knowledge.terms().byIri(iri).isEmpty() || groups.contains(iri)) continue;
                String name = s.getString().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                if (name.length() >= 3)
                    byName.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(iri);
            }
        }
        List<Map.Entry<String, String>> unique = new ArrayList<>();
        byName.forEach((name, iris) -> {
            if (iris.size() == 1) unique.add(Map.entry(name, iris.iterator().next()));
        });
        unique.sort(Comparator.comparingInt(
                        (Map.Entry<String, String> e) -> -e.getKey().length())
                .thenComparing(Map.Entry::getKey));
        this.names = List.copyOf(unique);
    }

    @Override
    public String name() {
        return "label scan (baseline: the ontology's labels and synonyms verbatim)";
    }

    @Override
    public TextCase read(String id, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean[] taken = new boolean[lower.length()];
        List<Resolved> resolved = new ArrayList<>();
        for (Map.Entry<String, String> e : names) {
            String name = e.getKey();
            for (int at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
                int end = at + name.length();
                if (!boundary(lower, at - 1) || !boundary(lower, end) || overlaps(taken, at, end)) continue;
                for (int i = at; i < end; i++) taken[i] = true;
                resolved.add(new Resolved(at, end, text.substring(at, end), e.getValue(), !negated(lower, at, end)));
            }
        }
        resolved.sort(Comparator.comparingInt(Resolved::start));
        Matcher age = AGE.matcher(lower);
        Matcher sex = SEX.matcher(lower);
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Resolved r : resolved)
            (r.present() ? present : absent).add(knowledge.terms().curie(r.term()));
        PatientCase c = StructuredCase.of(
                knowledge.jsonReader(),
                id,
                id,
                age.find() ? Integer.valueOf(age.group(1)) : null,
                sex.find() ? Demographics.sex(sex.group(1)) : null,
                present,
                absent);
        return new TextCase(c, resolved, unmatchedSentences(text, taken));
    }

    private static boolean boundary(String s, int i) {
        return i < 0 || i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
    }

    private static boolean overlaps(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++) if (taken[i]) return true;
        return false;
    }

    private static boolean negated(String lower, int start, int end) {
        int sentence = Math.max(lower.lastIndexOf(". ", start), lower.lastIndexOf("; ", start)) + 1;
        return CUE_BEFORE.matcher(lower.substring(sentence, start)).find()
                || CUE_AFTER.matcher(lower.substring(end)).find();
    }

    /** Sentences with no match at all: what the reader did not understand. */
    private static List<String> unmatchedSentences(String text, boolean[] taken) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (String sentence : text.split("(?<=[.;])\\s+")) {
            int at = text.indexOf(sentence, from);
            boolean any = false;
            for (int i = at; i < at + sentence.length() && !any; i++) any = taken[i];
            if (!any && !sentence.isBlank()) out.add(sentence.strip());
            from = at + sentence.length();
        }
        return out;
    }
}
