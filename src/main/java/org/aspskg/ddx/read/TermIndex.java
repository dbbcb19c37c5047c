package org.aspskg.ddx.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.text.IndexedTerm;
import org.aspskg.text.NameType;
import org.aspskg.text.RangeNames;
import org.aspskg.text.TermSearch;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * Names of the classes a case can state — findings, anatomical sites, demographic groups — as
 * people write them: label, exact or related synonym, CURIE ({@code aspskg:FlowVoid}), full IRI or
 * local name, compared without regard to case or repeated spaces. An unknown name gets the
 * closest known names by edit distance.
 */
public final class TermIndex {
    private static final int SUGGESTIONS = 3;
    private static final List<Property> NAME_PROPERTIES =
            List.of(RDFS.label, AspsVocabulary.HAS_EXACT_SYNONYM, AspsVocabulary.HAS_RELATED_SYNONYM);

    private final Map<String, Set<String>> stateableByName = new HashMap<>();
    private final Map<String, Set<String>> otherByName = new HashMap<>();
    /** Stateable classes by their label only: a label names its class before any synonym does (as OLS ranks). */
    private final Map<String, Set<String>> stateableByLabel = new HashMap<>();

    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, String> curies = new HashMap<>();
    private final Map<String, String> kindLabels = new HashMap<>();
    /** Every name of a stateable class with its class, for suggestions (names as written). */
    private final Map<String, String> suggestionNames = new TreeMap<>();

    private final Map<String, String> prefixes;
    private final TermSearch search;

    /** What a name resolved to. */
    public record Term(String iri, String label, String curie) {}

    /** Builds the index over the ontology model; stateable classes are those of the case TBox's case properties. */
    public TermIndex(Model ontology, CaseTBox tbox) {
        Map<String, String> prefixes = new LinkedHashMap<>(ontology.getNsPrefixMap());
        prefixes.put(AspsVocabulary.PREFIX, AspsVocabulary.NS);
        this.prefixes = Map.copyOf(prefixes);
        Set<String> stateable = new LinkedHashSet<>();
        for (OWLClass c : tbox.stateableClasses()) stateable.add(c.getIRI().toString());
        for (OWLClass c : tbox.stateableClasses()) {
            tbox.propertyOf(c)
                    .ifPresent(p -> kindLabels.put(
                            c.getIRI().toString(),
                            labelOf(ontology, p.range().getIRI().toString())));
        }
        ontology.listSubjectsWithProperty(RDF.type, OWL2.Class).forEach(r -> {
            if (!r.isURIResource()) return;
            String iri = r.getURI();
            boolean canState = stateable.contains(iri);
            Map<String, Set<String>> index = canState ? stateableByName : otherByName;
            labels.put(iri, labelOf(ontology, iri));
            String curie = curie(iri, prefixes);
            curies.put(iri, curie);
            add(index, iri, iri);
            add(index, curie, iri);
            add(index, localName(iri), iri);
            if (canState) {
                for (Statement s : r.listProperties(RDFS.label).toList()) {
                    if (s.getObject().isLiteral()) add(stateableByLabel, s.getString(), iri);
                }
            }
            for (Property p : NAME_PROPERTIES) {
                for (Statement s : r.listProperties(p).toList()) {
                    if (s.getObject().isLiteral()) {
                        add(index, s.getString(), iri);
                        if (canState) suggestionNames.put(s.getString(), iri);
                    }
                }
            }
        });
        List<IndexedTerm> indexed = new ArrayList<>();
        for (String iri : new java.util.TreeSet<>(stateable)) {
            Resource r = ontology.getResource(iri);
            List<IndexedTerm.Name> names = new ArrayList<>();
            names.add(new IndexedTerm.Name(labels.getOrDefault(iri, labelOf(ontology, iri)), NameType.LABEL));
            for (Map.Entry<Property, NameType> e : SEARCH_NAMES.entrySet()) {
                for (Statement s : r.listProperties(e.getKey()).toList()) {
                    if (s.getObject().isLiteral() && !s.getString().isBlank()) {
                        names.add(new IndexedTerm.Name(s.getString(), e.getValue()));
                    }
                }
            }
            // each end of a signal range names the term ("isointense on T1"), after the names themselves
            for (IndexedTerm.Name n : List.copyOf(names)) {
                for (String end : RangeNames.ends(n.text())) {
                    names.add(new IndexedTerm.Name(end, NameType.RELATED_SYNONYM));
                }
            }
            names.add(new IndexedTerm.Name(curie(iri), NameType.CURIE));
            names.add(new IndexedTerm.Name(iri, NameType.IRI));
            names.add(new IndexedTerm.Name(localName(iri), NameType.IRI));
            indexed.add(new IndexedTerm(iri, label(iri), curie(iri), kindLabels.getOrDefault(iri, "term"), names));
        }
        this.search = TermSearch.of(indexed, AspsVocabulary.NS);
    }

    /** The names the text index holds besides label, CURIE and IRI, by where they come from. */
    private static final Map<Property, NameType> SEARCH_NAMES = new LinkedHashMap<>();

    static {
        SEARCH_NAMES.put(AspsVocabulary.HAS_EXACT_SYNONYM, NameType.EXACT_SYNONYM);
        SEARCH_NAMES.put(AspsVocabulary.ALTERNATIVE_LABEL, NameType.EXACT_SYNONYM);
        SEARCH_NAMES.put(AspsVocabulary.HAS_RELATED_SYNONYM, NameType.RELATED_SYNONYM);
        SEARCH_NAMES.put(AspsVocabulary.HAS_BROAD_SYNONYM, NameType.BROAD_SYNONYM);
        SEARCH_NAMES.put(AspsVocabulary.HAS_NARROW_SYNONYM, NameType.NARROW_SYNONYM);
        SEARCH_NAMES.put(AspsVocabulary.HAS_DB_XREF, NameType.CODE);
    }

    /**
     * The text index over the same stateable classes (label, exact/related/broad synonyms, CURIE,
     * IRI, cross-reference codes): what free text and loosely written phrases are resolved with, and
     * what the web front searches.
     */
    public TermSearch search() {
        return search;
    }

    private static void add(Map<String, Set<String>> index, String name, String iri) {
        index.computeIfAbsent(normalize(name), k -> new LinkedHashSet<>()).add(iri);
    }

    /** Lower case, trimmed, runs of white space as one space. */
    static String normalize(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The stateable class a name denotes, or empty if the name is unknown or names something else. */
    public Optional<Term> resolve(String name) {
        Set<String> hits = hits(name);
        if (hits.size() != 1) return Optional.empty();
        return Optional.of(term(hits.iterator().next()));
    }

    /** The stateable classes a name denotes (more than one when the name is ambiguous). */
    public List<Term> candidates(String name) {
        return hits(name).stream().map(this::term).toList();
    }

    /**
     * The stateable classes a name denotes: the one class whose label it is, if there is exactly one
     * (an imported class's synonym such as UBERON forelimb's "upper limb" does not make our class
     * "upper limb" ambiguous), else every class with that name.
     */
    private Set<String> hits(String name) {
        Set<String> byLabel = stateableByLabel.getOrDefault(normalize(name), Set.of());
        if (byLabel.size() == 1) return byLabel;
        return stateableByName.getOrDefault(normalize(name), Set.of());
    }

    /** A term by IRI, if it is stateable. */
    public Optional<Term> byIri(String iri) {
        return kindLabels.containsKey(iri) ? Optional.of(term(iri)) : Optional.empty();
    }

    /** Why a name cannot be stated in a case, with the closest known names: for error messages. */
    public String explainUnknown(String name) {
        return explainUnknown(name, name);
    }

    /** As {@link #explainUnknown(String)}, with suggestions computed from {@code suggestFrom} (e.g. an IRI's local name). */
    public String explainUnknown(String name, String suggestFrom) {
        Set<String> other = otherByName.getOrDefault(normalize(name), Set.of());
        List<Term> ambiguous = candidates(name);
        if (ambiguous.size() > 1) {
            return "'" + name + "' is ambiguous: it names "
                    + String.join(
                            ", ",
                            ambiguous.stream()
                                    .map(t -> t.label() + " (" + t.curie() + ")")
                                    .toList()) + "; use a CURIE or label";
        }
        String why = other.isEmpty()
                ? "unknown finding '" + name + "'"
                : "'" + name + "' names "
                        + String.join(
                                ", ",
                                other.stream()
                                        .map(i -> labels.get(i) + " (" + curies.get(i) + ")")
                                        .toList())
                        + ", which is not a finding, anatomical site or demographic group";
        List<String> suggestions = suggest(suggestFrom);
        return suggestions.isEmpty() ? why : why + "; did you mean " + String.join(", ", suggestions) + "?";
    }

    /** Up to three closest stateable names, each as {@code 'name' (curie)}, closest first. */
    public List<String> suggest(String name) {
        String query = normalize(name);
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        Map<String, Integer> best = new HashMap<>();
        Map<String, String> bestName = new HashMap<>();
        for (Map.Entry<String, String> e : suggestionNames.entrySet()) {
            int d = distance(distance, query, normalize(e.getKey()));
            String iri = e.getValue();
            if (!best.containsKey(iri) || d < best.get(iri)) {
                best.put(iri, d);
                bestName.put(iri, e.getKey());
            }
        }
        List<String> ranked = new ArrayList<>(best.keySet());
        ranked.sort(Comparator.comparing((String iri) -> best.get(iri)).thenComparing(bestName::get));
        return ranked.stream()
                .limit(SUGGESTIONS)
                .map(iri -> "'" + bestName.get(iri) + "' (" + curies.get(iri) + ")")
                .toList();
    }

    /**
     * Edit distance from what was typed to a name, or to a run of the name's words as long as
     * what was typed (plus one), so that "MRI" comes close to "necrosis on MRI".
     */
    private static int distance(LevenshteinDistance lev, String query, String name) {
        int best = lev.apply(query, name);
        String[] words = name.split(" ");
        int n = query.split(" ").length;
        for (int i = 0; i + n <= words.length && n < words.length; i++) {
            best = Math.min(best, 1 + lev.apply(query, String.join(" ", Arrays.copyOfRange(words, i, i + n))));
        }
        return best;
    }

    /** What kind of thing a stateable class is: the label of its case property's range. */
    public String kindOf(String iri) {
        return kindLabels.get(iri);
    }

    public String label(String iri) {
        return labels.getOrDefault(iri, iri);
    }

    /** The CURIE of an IRI with the ontology's prefixes (the IRI itself if no prefix fits). */
    public String curie(String iri) {
        String known = curies.get(iri);
        return known != null ? known : curie(iri, prefixes);
    }

    private Term term(String iri) {
        return new Term(iri, label(iri), curie(iri));
    }

    static String labelOf(Model m, String iri) {
        Resource r = m.getResource(iri);
        String fallback = localName(iri);
        for (Statement s : r.listProperties(RDFS.label).toList()) {
            RDFNode o = s.getObject();
            if (o.isLiteral()
                    && (o.asLiteral().getLanguage().isEmpty()
                            || o.asLiteral().getLanguage().equals("en"))) {
                return o.asLiteral().getString();
            }
        }
        return fallback;
    }

    private static String localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        return iri.substring(cut + 1);
    }

    private static String curie(String iri, Map<String, String> prefixes) {
        String best = null;
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            if (iri.startsWith(p.getValue()) && !p.getKey().isEmpty()) {
                String local = iri.substring(p.getValue().length());
                if (best == null || local.length() < best.length() - best.indexOf(':') - 1) {
                    best = p.getKey() + ":" + local;
                }
            }
        }
        return best != null ? best : iri;
    }
}
