package org.aspskg.serve.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.mapping.CurieMap;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.AspsVocabulary;

/**
 * A {@link TermFinder} over the names in the store, held in memory: every class's label, synonyms,
 * abbreviations and CURIE, and its external codes from the mappings graph. A name matches when it
 * equals the text, starts with it, or has a word that starts with it (case and spacing ignored); each
 * term is listed once, under its best match.
 */
final class LabelIndex implements TermFinder {
    private enum Kind {
        LABEL,
        SYNONYM,
        CODE
    }

    private record Name(String iri, String text, String normal, Kind kind) {}

    private record Term(String iri, String label, String curie, String facet) {}

    private static final String NAMES = """
            SELECT ?term ?property ?value ?root ?rootLabel WHERE {
              { GRAPH ?asserted {
                  VALUES ?property { rdfs:label oboInOwl:hasExactSynonym oboInOwl:hasRelatedSynonym
                                     oboInOwl:hasNarrowSynonym oboInOwl:hasBroadSynonym obo:IAO_0000118 oboInOwl:hasDbXref }
                  ?term a owl:Class ; ?property ?value .
                  FILTER (isIRI(?term) && isLiteral(?value)) } }
              UNION
              { GRAPH ?mappings {
                  VALUES ?property { skos:exactMatch skos:closeMatch skos:broadMatch skos:narrowMatch skos:relatedMatch }
                  ?term ?property ?value . FILTER (isIRI(?term) && isIRI(?value)) } }
              OPTIONAL {
                ?term rdfs:subClassOf* ?root .
                FILTER (isIRI(?root))
                FILTER NOT EXISTS { ?root rdfs:subClassOf ?up . FILTER (isIRI(?up) && ?up != ?root && ?up != owl:Thing) }
                ?root rdfs:label ?rootLabel .
              }
            }
            """;

    private final List<Name> names;
    private final Map<String, Term> terms;
    private final CurieMap curies;

    private LabelIndex(DatasetGraph dataset) {
        this.curies = curieMap(dataset);
        Map<String, Term> byIri = new LinkedHashMap<>();
        List<Name> all = new ArrayList<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, String> roots = new HashMap<>();
        ParameterizedSparqlString q = new ParameterizedSparqlString(NAMES);
        q.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        q.setIri("asserted", AspsVocabulary.GRAPH_ASSERTED);
        q.setIri("mappings", AspsVocabulary.GRAPH_MAPPINGS);
        List<QuerySolution> rows = TermReports.select(dataset, q);
        for (QuerySolution row : rows) {
            String iri = row.getResource("term").getURI();
            String property = row.getResource("property").getURI();
            String value = row.get("value").isLiteral()
                    ? row.getLiteral("value").getLexicalForm()
                    : code(row.getResource("value").getURI());
            if (row.contains("rootLabel"))
                roots.merge(iri, row.getLiteral("rootLabel").getString(), LabelIndex::first);
            Kind kind = property.equals(RDFS.label.getURI())
                    ? Kind.LABEL
                    : property.equals(AspsVocabulary.HAS_DB_XREF.getURI())
                                    || row.get("value").isResource()
                            ? Kind.CODE
                            : Kind.SYNONYM;
            if (kind == Kind.LABEL) labels.merge(iri, value, LabelIndex::first);
            all.add(new Name(iri, value, normal(value), kind));
        }
        for (Name n : all) {
            if (!labels.containsKey(n.iri())) continue; // codes of terms outside the ontology's classes
            byIri.computeIfAbsent(
                    n.iri(), i -> new Term(i, labels.get(i), curie(i), roots.getOrDefault(i, labels.get(i))));
        }
        for (Term t : byIri.values()) {
            if (t.curie() != null) all.add(new Name(t.iri(), t.curie(), normal(t.curie()), Kind.CODE));
        }
        this.names = all.stream().filter(n -> byIri.containsKey(n.iri())).toList();
        this.terms = byIri;
    }

    private static String first(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Built from {@code dataset}; once, on the first search (the server starts without waiting for it). */
    static TermFinder lazy(DatasetGraph dataset) {
        Supplier<LabelIndex> index = new Supplier<>() {
            private volatile LabelIndex built;

            @Override
            public synchronized LabelIndex get() {
                if (built == null) built = new LabelIndex(dataset);
                return built;
            }
        };
        return (text, limit, facets) -> index.get().search(text, limit, facets);
    }

    static LabelIndex of(DatasetGraph dataset) {
        return new LabelIndex(dataset);
    }

    /** The curie_map of the mapping set the build copies into the jar. */
    private static final Map<String, String> MAPPING_SET_PREFIXES =
            JarFiles.read("asps.sssom.tsv", f -> SssomReader.read(f).curieMap().declared());

    /**
     * Our prefixes, those the store keeps and the mapping set's curie_map, so that codes read as the
     * mapping set writes them: MONDO:0011655, not obo:MONDO_0011655.
     */
    static CurieMap curieMap(DatasetGraph dataset) {
        Map<String, String> prefixes = new LinkedHashMap<>(AspsVocabulary.STANDARD_PREFIXES);
        Txn.executeRead(dataset, () -> prefixes.putAll(dataset.prefixes().getMapping()));
        prefixes.putAll(MAPPING_SET_PREFIXES);
        return new CurieMap(prefixes);
    }

    /** An external code as people write it: its CURIE where the prefix is known, else the IRI. */
    private String code(String iri) {
        return curies.compress(iri).map(Object::toString).orElse(iri);
    }

    private static String curie(String iri) {
        return iri.startsWith(AspsVocabulary.NS)
                ? AspsVocabulary.PREFIX + ":" + iri.substring(AspsVocabulary.NS.length())
                : null;
    }

    static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ").strip();
    }

    @Override
    public List<Hit> search(String text, int limit, List<String> facets) {
        String q = normal(text);
        if (q.isEmpty()) return List.of();
        Map<String, Hit> best = new HashMap<>();
        for (Name n : names) {
            MatchType m = match(n, q);
            if (m == null) continue;
            Term t = terms.get(n.iri());
            if (!facets.isEmpty() && !facets.contains(t.facet())) continue;
            Hit h = new Hit(t.iri(), t.label(), t.curie(), n.text(), m, t.facet());
            best.merge(t.iri(), h, (a, b) -> BETTER.compare(b, a) < 0 ? b : a);
        }
        return best.values().stream()
                .sorted(Comparator.comparing(Hit::matchType)
                        .thenComparing(h -> h.label().length())
                        .thenComparing(Hit::label))
                .limit(limit)
                .toList();
    }

    /** Of two matches of one term, the better: the better kind of match, then the shorter name. */
    private static final Comparator<Hit> BETTER = Comparator.comparing(Hit::matchType)
            .thenComparing(h -> h.matchedName().length());

    private static MatchType match(Name n, String q) {
        String s = n.normal();
        boolean exact = s.equals(q);
        boolean prefix = s.startsWith(q);
        boolean word = !prefix && (s.contains(" " + q) || s.contains("-" + q) || s.contains("(" + q));
        return switch (n.kind()) {
            case LABEL ->
                exact ? MatchType.EXACT_LABEL : prefix ? MatchType.LABEL_PREFIX : word ? MatchType.LABEL_WORD : null;
            case SYNONYM ->
                exact
                        ? MatchType.EXACT_SYNONYM
                        : prefix ? MatchType.SYNONYM_PREFIX : word ? MatchType.SYNONYM_WORD : null;
            case CODE ->
                exact
                        ? MatchType.EXACT_CODE
                        : prefix
                                        || (q.length() >= 3
                                                && s.substring(s.indexOf(':') + 1)
                                                        .startsWith(q))
                                ? MatchType.CODE_PREFIX
                                : null;
        };
    }
}
