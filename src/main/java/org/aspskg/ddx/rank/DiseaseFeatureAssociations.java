package org.aspskg.ddx.rank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.FrequencyWords;
import org.aspskg.ontology.LikelihoodRatioDerivation;

/**
 * The ranker's knowledge, read from the ontology's statement nodes and nowhere else: which
 * diagnoses are ranked (a disease and its {@code aspskg:hasDifferentialDiagnosis} targets, and
 * any disease a disease-feature association is about), and for each disease its associations
 * with their likelihood ratios.
 *
 * <p>Each association is a derived node ({@code aspskg:DerivedLikelihoodRatio}): for one hypothesis and
 * one feature, P(feature | hypothesis) and P(feature | the other hypotheses) derived at build time from the
 * association table's frequencies, with the likelihood ratios that follow (see
 * {@code LikelihoodRatioDerivation} and docs/ddx.md). An ontology without derived nodes ranks nothing
 * apart: every hypothesis keeps its prior.
 */
public final class DiseaseFeatureAssociations {
    private final List<String> hypotheses;
    private final Map<String, String> labels;
    private final List<Association> associations;
    private final Map<String, List<Association>> byDisease;
    private final Map<String, List<Component>> components;
    private final double notReported;

    /**
     * One component of a hypothesis' mixture: a subtype (or, for a hypothesis without subtypes, the hypothesis
     * itself) and its weight, the share of the hypothesis' cases it stands for.
     *
     * @param iri        the subtype class, or the hypothesis itself
     * @param weight     its weight; a hypothesis' weights add up to 1
     * @param references the works its share comes from (empty for a hypothesis without subtypes)
     */
    public record Component(String iri, double weight, List<Reference> references) {
        public Component {
            references = List.copyOf(references);
        }
    }

    private DiseaseFeatureAssociations(
            List<String> hypotheses,
            Map<String, String> labels,
            List<Association> associations,
            Map<String, List<Component>> subtypes,
            double notReported) {
        this.notReported = notReported;
        this.hypotheses = List.copyOf(hypotheses);
        this.labels = Map.copyOf(labels);
        Map<String, List<Association>> grouped = new LinkedHashMap<>();
        for (String h : hypotheses) grouped.put(h, new ArrayList<>());
        List<Association> plain = new ArrayList<>();
        for (Association a : associations) {
            grouped.computeIfAbsent(a.disease(), k -> new ArrayList<>()).add(a);
            if (hypotheses.contains(a.disease())) plain.add(a);
        }
        this.associations = List.copyOf(plain);
        grouped.replaceAll((k, v) -> List.copyOf(v));
        this.byDisease = Collections.unmodifiableMap(grouped);
        Map<String, List<Component>> mixtures = new LinkedHashMap<>();
        for (String h : hypotheses) {
            List<Component> own = subtypes.get(h);
            mixtures.put(
                    h, own == null || own.isEmpty() ? List.of(new Component(h, 1.0, List.of())) : List.copyOf(own));
        }
        this.components = Collections.unmodifiableMap(mixtures);
    }

    /**
     * Reads the hypotheses and the likelihood ratios derived from the association table's frequencies
     * ({@code aspskg:DerivedLikelihoodRatio}, see {@code LikelihoodRatioDerivation}) of an ontology model.
     */
    public static DiseaseFeatureAssociations read(Model ontology) {
        Map<String, String> labels = new TreeMap<>();
        Set<String> hypotheses = new TreeSet<>(differentials(ontology, labels));
        Map<String, String> subtypeOf = new HashMap<>();
        Map<String, List<Component>> subtypes = subtypeWeights(ontology, labels, subtypeOf);
        List<Association> associations = derived(ontology, labels);
        for (Association a : associations) {
            if (!hypotheses.contains(subtypeOf.getOrDefault(a.disease(), a.disease()))) {
                throw new AspsKgException(
                        a.iri() + " is about " + a.disease() + ", which is not among the hypotheses ranked",
                        "Derived likelihood ratios are built for ASPS and its aspskg:hasDifferentialDiagnosis targets only.");
            }
        }
        Statement word = ontology.getResource(FrequencyWords.iri(LikelihoodRatioDerivation.NOT_REPORTED))
                .getProperty(AspsVocabulary.FREQUENCY);
        double notReported =
                word != null ? word.getDouble() : LikelihoodRatioDerivation.DEFAULT_NOT_REPORTED.doubleValue();
        return new DiseaseFeatureAssociations(new ArrayList<>(hypotheses), labels, associations, subtypes, notReported);
    }

    /**
     * The subtypes of each hypothesis that pools some ({@code aspskg:DerivedSubtypeWeight} nodes), in IRI order,
     * with their weights renormalised to add up to 1 (the nodes keep four decimals); their labels go to
     * {@code labels}, the hypothesis of each to {@code subtypeOf}.
     */
    private static Map<String, List<Component>> subtypeWeights(
            Model ontology, Map<String, String> labels, Map<String, String> subtypeOf) {
        ParameterizedSparqlString q = query("""
                SELECT ?n ?disease ?subtype ?label ?w WHERE {
                  ?n a ?weightType ; ?aboutDisease ?disease ; ?aboutSubtype ?subtype ; ?frequency ?w .
                  OPTIONAL { ?subtype rdfs:label ?label }
                } ORDER BY ?disease ?subtype
                """);
        q.setIri("weightType", AspsVocabulary.DERIVED_SUBTYPE_WEIGHT.getURI());
        q.setIri("aboutDisease", AspsVocabulary.ABOUT_DISEASE.getURI());
        q.setIri("aboutSubtype", AspsVocabulary.ABOUT_SUBTYPE.getURI());
        q.setIri("frequency", AspsVocabulary.FREQUENCY.getURI());
        Map<String, List<Reference>> sources = derivedSources(ontology);
        Map<String, List<String[]>> found = new LinkedHashMap<>();
        try (QueryExecution qe = QueryExecution.create(q.asQuery(), ontology)) {
            qe.execSelect().forEachRemaining(s -> {
                String disease = s.getResource("disease").getURI();
                String subtype = s.getResource("subtype").getURI();
                labels.putIfAbsent(subtype, text(s.get("label"), subtype));
                subtypeOf.put(subtype, disease);
                found.computeIfAbsent(disease, k -> new ArrayList<>()).add(new String[] {
                    s.getResource("n").getURI(), subtype, s.getLiteral("w").getLexicalForm()
                });
            });
        }
        Map<String, List<Component>> out = new LinkedHashMap<>();
        found.forEach((h, rows) -> {
            double total =
                    rows.stream().mapToDouble(r -> Double.parseDouble(r[2])).sum();
            List<Component> list = new ArrayList<>();
            for (String[] r : rows)
                list.add(new Component(r[1], Double.parseDouble(r[2]) / total, sources.getOrDefault(r[0], List.of())));
            out.put(h, List.copyOf(list));
        });
        return out;
    }

    /**
     * The components of a hypothesis' mixture: its subtypes with their weights, or the hypothesis alone with
     * weight 1 when it pools none.
     */
    public List<Component> components(String hypothesis) {
        return components.getOrDefault(hypothesis, List.of(new Component(hypothesis, 1.0, List.of())));
    }

    /** Whether a hypothesis pools subtypes (its components are subtypes, not the hypothesis alone). */
    public boolean isMixture(String hypothesis) {
        List<Component> own = components(hypothesis);
        return own.size() > 1 || !own.get(0).iri().equals(hypothesis);
    }

    /**
     * The frequency assumed for a feature no source reports for a diagnosis: the {@code not reported} word of
     * the frequency table.
     */
    public double notReported() {
        return notReported;
    }

    /** The derived likelihood ratios, one association per hypothesis, feature and age group. */
    private static List<Association> derived(Model ontology, Map<String, String> labels) {
        ParameterizedSparqlString q = query("""
                SELECT ?n ?disease ?subtype ?feature ?fLabel ?age ?p ?q ?lrp ?lra ?assumed WHERE {
                  ?n a ?derivedType ; ?aboutDisease ?disease ; ?aboutFeature ?feature ; ?frequency ?p ;
                     ?inOthers ?q ; ?lrIfPresent ?lrp ; ?lrIfAbsent ?lra .
                  OPTIONAL { ?feature rdfs:label ?fLabel }
                  OPTIONAL { ?n ?inAgeGroup ?age }
                  OPTIONAL { ?n ?aboutSubtype ?subtype }
                  OPTIONAL { ?n ?isAssumed ?assumed }
                } ORDER BY ?n
                """);
        q.setIri("derivedType", AspsVocabulary.DERIVED_LIKELIHOOD_RATIO.getURI());
        q.setIri("aboutDisease", AspsVocabulary.ABOUT_DISEASE.getURI());
        q.setIri("aboutFeature", AspsVocabulary.ABOUT_FEATURE.getURI());
        q.setIri("frequency", AspsVocabulary.FREQUENCY.getURI());
        q.setIri("inOthers", AspsVocabulary.FREQUENCY_IN_OTHER_HYPOTHESES.getURI());
        q.setIri("lrIfPresent", AspsVocabulary.LIKELIHOOD_RATIO_IF_PRESENT.getURI());
        q.setIri("lrIfAbsent", AspsVocabulary.LIKELIHOOD_RATIO_IF_ABSENT.getURI());
        q.setIri("inAgeGroup", AspsVocabulary.IN_AGE_GROUP.getURI());
        q.setIri("aboutSubtype", AspsVocabulary.ABOUT_SUBTYPE.getURI());
        q.setIri("isAssumed", AspsVocabulary.FREQUENCY_IS_ASSUMED.getURI());
        Map<String, List<Reference>> sources = derivedSources(ontology);
        List<Association> out = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.create(q.asQuery(), ontology)) {
            qe.execSelect().forEachRemaining(s -> {
                String node = s.getResource("n").getURI();
                // a subtype's node is keyed by the subtype: the ranker weighs it as a component of its hypothesis
                String disease = s.contains("subtype")
                        ? s.getResource("subtype").getURI()
                        : s.getResource("disease").getURI();
                String feature = s.getResource("feature").getURI();
                double p = s.getLiteral("p").getDouble();
                double others = s.getLiteral("q").getDouble();
                boolean assumed =
                        s.contains("assumed") && s.getLiteral("assumed").getBoolean();
                String frequencies = String.format(
                        Locale.ROOT,
                        "%s in %s%s, %s on average in the other hypotheses",
                        percent(p),
                        labels.getOrDefault(disease, disease),
                        assumed ? " (not reported: assumed)" : "",
                        percent(others));
                out.add(new Association(
                        node,
                        labels.getOrDefault(disease, disease) + ": " + text(s.get("fLabel"), feature),
                        disease,
                        feature,
                        s.contains("age") ? s.getResource("age").getURI() : null,
                        s.getLiteral("lrp").getDouble(),
                        s.getLiteral("lra").getDouble(),
                        "frequencies: " + frequencies,
                        sources.getOrDefault(node, List.of()),
                        p,
                        others,
                        assumed));
            });
        }
        return out;
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * p);
    }

    /**
     * The sources of the rows each derived node comes from: the works cited with dcterms:source (number 0)
     * and the article's numbered references, each once.
     */
    private static Map<String, List<Reference>> derivedSources(Model ontology) {
        ParameterizedSparqlString q = query("""
                SELECT DISTINCT ?n ?ref ?num WHERE {
                  ?n ?derivedFrom ?row .
                  { ?row ?source ?ref } UNION { ?row ?citesReference ?ref . ?ref ?referenceNumber ?num }
                }
                """);
        q.setIri("derivedFrom", AspsVocabulary.DERIVED_FROM.getURI());
        q.setIri("source", DCTerms.source.getURI());
        q.setIri("citesReference", AspsVocabulary.CITES_REFERENCE.getURI());
        q.setIri("referenceNumber", AspsVocabulary.REFERENCE_NUMBER.getURI());
        Map<String, Set<Reference>> out = new HashMap<>();
        try (QueryExecution qe = QueryExecution.create(q.asQuery(), ontology)) {
            qe.execSelect().forEachRemaining(s -> {
                if (!s.get("ref").isURIResource()) return;
                int number = s.contains("num")
                        ? Integer.parseInt(s.getLiteral("num").getLexicalForm().trim())
                        : 0;
                out.computeIfAbsent(
                                s.getResource("n").getURI(),
                                k -> new TreeSet<>(Comparator.comparingInt(Reference::number)
                                        .thenComparing(Reference::iri)))
                        .add(new Reference(s.getResource("ref").getURI(), number));
            });
        }
        Map<String, List<Reference>> lists = new HashMap<>();
        out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
        return lists;
    }

    /** A disease with differentials, and the differentials themselves. */
    private static Set<String> differentials(Model ontology, Map<String, String> labels) {
        Set<String> out = new TreeSet<>();
        ParameterizedSparqlString q = query("""
                SELECT ?d ?dLabel ?x ?xLabel WHERE {
                  ?d ?hasDifferential ?x .
                  OPTIONAL { ?d rdfs:label ?dLabel } OPTIONAL { ?x rdfs:label ?xLabel } }
                """);
        q.setIri("hasDifferential", AspsVocabulary.HAS_DIFFERENTIAL_DIAGNOSIS.getURI());
        try (QueryExecution qe = QueryExecution.create(q.asQuery(), ontology)) {
            qe.execSelect().forEachRemaining(s -> {
                for (String v : List.of("d", "x")) {
                    String iri = s.getResource(v).getURI();
                    out.add(iri);
                    labels.putIfAbsent(iri, text(s.get(v + "Label"), iri));
                }
            });
        }
        return out;
    }

    private static ParameterizedSparqlString query(String body) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(body);
        q.setNsPrefix("rdfs", RDFS.getURI());
        return q;
    }

    private static Double number(RDFNode n) {
        if (n == null || !n.isLiteral()) return null;
        Literal l = n.asLiteral();
        try {
            return Double.parseDouble(l.getLexicalForm());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(RDFNode n, String fallback) {
        return n != null && n.isLiteral() ? n.asLiteral().getString() : fallback;
    }

    /** The diseases ranked, in IRI order (the order ties are broken in). */
    public List<String> hypotheses() {
        return hypotheses;
    }

    /** A hypothesis' label. */
    public String label(String disease) {
        return labels.getOrDefault(disease, disease);
    }

    /** Every association of a hypothesis itself (not of a subtype), in IRI order. */
    public List<Association> all() {
        return associations;
    }

    /** The associations of one hypothesis, or of one subtype of a hypothesis that pools subtypes. */
    public List<Association> of(String disease) {
        return byDisease.getOrDefault(disease, List.of());
    }
}
