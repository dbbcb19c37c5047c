package org.aspskg.serve.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.aspskg.mapping.CurieMap;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.text.IndexedTerm;
import org.aspskg.text.NameType;
import org.aspskg.text.TermHit;
import org.aspskg.text.TermSearch;

/**
 * The {@link TermFinder} of the web front: the shared text index ({@link TermSearch}, the one the
 * differential's case reader uses) over every class of the store — its label, synonyms and
 * abbreviations, its CURIE and its external codes from the mappings graph — each class's kind being
 * the label of the top class it falls under (finding, anatomical site, lesion, …).
 */
final class StoreTermSearch implements TermFinder {
    private static final String NAMES = """
            SELECT ?term ?property ?value ?rootLabel WHERE {
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

    /** The curie_map of the mapping set the build copies into the jar. */
    private static final Map<String, String> MAPPING_SET_PREFIXES =
            JarFiles.read("asps.sssom.tsv", f -> SssomReader.read(f).curieMap().declared());

    /** Hits looked at when a facet filter is given (the index has no facet field of its own). */
    private static final int FILTERED_CANDIDATES = 500;

    private final TermSearch index;

    private StoreTermSearch(DatasetGraph dataset) {
        CurieMap curies = curieMap(dataset);
        ParameterizedSparqlString q = new ParameterizedSparqlString(NAMES);
        q.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        q.setIri("asserted", AspsVocabulary.GRAPH_ASSERTED);
        q.setIri("mappings", AspsVocabulary.GRAPH_MAPPINGS);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, List<IndexedTerm.Name>> names = new LinkedHashMap<>();
        for (QuerySolution row : TermReports.select(dataset, q)) {
            String iri = row.getResource("term").getURI();
            String property = row.getResource("property").getURI();
            if (row.contains("rootLabel"))
                kinds.merge(iri, row.getLiteral("rootLabel").getString(), StoreTermSearch::first);
            if (row.get("value").isResource()) {
                String code = row.getResource("value").getURI();
                add(names, iri, curies.compress(code).map(Object::toString).orElse(code), NameType.CODE);
                continue;
            }
            String value = row.getLiteral("value").getLexicalForm();
            String local = property.substring(Math.max(property.lastIndexOf('#'), property.lastIndexOf('/')) + 1);
            switch (local) {
                case "label" -> {
                    labels.merge(iri, value, StoreTermSearch::first);
                    add(names, iri, value, NameType.LABEL);
                }
                case "hasExactSynonym", "IAO_0000118" -> add(names, iri, value, NameType.EXACT_SYNONYM);
                case "hasBroadSynonym" -> add(names, iri, value, NameType.BROAD_SYNONYM);
                case "hasDbXref" -> add(names, iri, value, NameType.CODE);
                default -> add(names, iri, value, NameType.RELATED_SYNONYM);
            }
        }
        List<IndexedTerm> terms = new ArrayList<>();
        labels.forEach((iri, label) -> {
            String curie = curie(iri);
            List<IndexedTerm.Name> all = new ArrayList<>(names.get(iri));
            if (curie != null) all.add(new IndexedTerm.Name(curie, NameType.CURIE));
            all.add(new IndexedTerm.Name(iri, NameType.IRI));
            terms.add(new IndexedTerm(iri, label, curie, kinds.getOrDefault(iri, label), all));
        });
        this.index = TermSearch.of(terms);
    }

    private static void add(Map<String, List<IndexedTerm.Name>> names, String iri, String text, NameType type) {
        names.computeIfAbsent(iri, k -> new ArrayList<>()).add(new IndexedTerm.Name(text, type));
    }

    private static String first(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Built from {@code dataset} on the first search (the server starts without waiting for it), and
     * again on the first search after a write ({@link StoreVersion}).
     */
    static TermFinder lazy(DatasetGraph dataset, StoreVersion version) {
        Supplier<StoreTermSearch> index = new Supplier<>() {
            /** The index and the version it was built from, replaced together. */
            private volatile Built built;

            @Override
            public StoreTermSearch get() {
                long now = version.current();
                Built b = built;
                if (b != null && b.version() == now) return b.index();
                synchronized (this) {
                    b = built;
                    if (b == null || b.version() != now) {
                        b = new Built(new StoreTermSearch(dataset), now);
                        built = b;
                    }
                    return b.index();
                }
            }
        };
        return (text, limit, facets) -> index.get().search(text, limit, facets);
    }

    private record Built(StoreTermSearch index, long version) {}

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

    private static String curie(String iri) {
        return iri.startsWith(AspsVocabulary.NS)
                ? AspsVocabulary.PREFIX + ":" + iri.substring(AspsVocabulary.NS.length())
                : null;
    }

    @Override
    public List<Hit> search(String text, int limit, List<String> facets) {
        List<TermHit> hits = index.search(text, facets.isEmpty() ? limit : FILTERED_CANDIDATES);
        return hits.stream()
                .filter(h -> facets.isEmpty() || facets.contains(h.kind()))
                .limit(limit)
                .map(h -> new Hit(
                        h.iri(),
                        h.label(),
                        h.curie(),
                        h.matchedName(),
                        h.match().description(),
                        h.nameType().description(),
                        h.kind()))
                .toList();
    }
}
