package org.aspskg.ddx.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLObjectPropertyExpression;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLSubPropertyChainOfAxiom;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * The ontology's TBox as the case reasoners see it, classified once by HermiT.
 *
 * <p>Besides the ontology's own classes it holds helper classes, added in memory only, that turn
 * what the ranker asks of a case into plain class membership: for each <em>feature</em> X (a
 * class some disease-feature association or some case class definition is about) and its case
 * property p (the one whose range holds X: hasFinding, hasLesionSite or inDemographicGroup),
 * <ul>
 *   <li>{@code with(X)} ≡ PatientCase ⊓ ∃p.X — the case shows X;</li>
 *   <li>{@code without(X)} ≡ PatientCase ⊓ ¬∃p.X — the case is known not to show X;</li>
 * </ul>
 * and for each property chain p ∘ q ⊑ p of a case property and each named class G in p's range,
 * {@code partOf(q, G)} ≡ ∃q.G, so that the classification also tells which sites a site is part of.
 * After HermiT has classified all of this, realizing a case against the defined case classes is
 * a matter of looking up subsumptions, which is what {@link CompiledCaseClassifier} does.
 */
public final class CaseTBox {
    private final OWLOntology ontology;
    private final List<OWLAxiom> ontologyAxioms;
    private final OWLDataFactory df;
    private final OWLClass patientCase;
    private final List<CaseProperty> caseProperties;
    private final Inferences inferences;
    private final Map<OWLClass, CaseProperty> propertyOfClass = new HashMap<>();
    private final Map<OWLClass, Feature> features = new LinkedHashMap<>();
    private final Map<OWLClass, Set<OWLClass>> superClasses = new HashMap<>();
    private final Map<OWLClass, Set<OWLClass>> effectiveAncestors = new HashMap<>();
    private final List<OWLClass> caseClasses;
    private final Set<OWLClass> ontologyCaseClasses;

    /** A case property with its range and the properties q of its chains p ∘ q ⊑ p. */
    public record CaseProperty(OWLObjectProperty property, OWLClass range, List<OWLObjectProperty> chains) {}

    /** A feature class and the helper classes that say a case shows it or does not. */
    public record Feature(OWLClass feature, CaseProperty property, OWLClass with, OWLClass without) {}

    /**
     * What HermiT infers of the case TBox, by IRI: every answer the case TBox asks of a reasoner, so that a
     * case TBox built from them is the one that computed them (the {@link KnowledgeCache} stores them). Every
     * list is in a fixed order (by IRI), so two classifications of one ontology give equal inferences.
     *
     * @param featureProperties   each feature class → the case property whose range holds it (the ontology alone)
     * @param chainClasses        each case property with chains p ∘ q ⊑ p → the named classes under its range
     *                            (the ontology alone: which {@code partOf(q, G)} helpers to add)
     * @param rangeClasses        each case property → the named classes under its range (helpers left out)
     * @param superClasses        every range class and every case class → itself, then its equivalents and
     *                            named superclasses by IRI (see {@link #superClasses(OWLClass)})
     * @param ontologyCaseClasses PatientCase, its named subclasses and equivalents (helpers left out), sorted
     * @param disjointCaseClasses the pairs of those whose intersection is unsatisfiable
     */
    public record Inferences(
            Map<String, String> featureProperties,
            Map<String, List<String>> chainClasses,
            Map<String, List<String>> rangeClasses,
            Map<String, List<String>> superClasses,
            List<String> ontologyCaseClasses,
            List<List<String>> disjointCaseClasses) {
        public Inferences {
            featureProperties = Collections.unmodifiableMap(new LinkedHashMap<>(featureProperties));
            chainClasses = copyOfLists(chainClasses);
            rangeClasses = copyOfLists(rangeClasses);
            superClasses = copyOfLists(superClasses);
            ontologyCaseClasses = List.copyOf(ontologyCaseClasses);
            disjointCaseClasses = disjointCaseClasses.stream().map(List::copyOf).toList();
        }

        private static Map<String, List<String>> copyOfLists(Map<String, List<String>> m) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return Collections.unmodifiableMap(out);
        }
    }

    private CaseTBox(OWLOntology source, Collection<String> featureIris, Inferences known) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        this.df = manager.getOWLDataFactory();
        try {
            this.ontology = manager.createOntology(IRI.create(AspsVocabulary.DDX_NS + "case-tbox"));
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
        this.ontologyAxioms = sourceAxioms(source);
        manager.addAxioms(ontology, ontologyAxioms.stream());
        this.patientCase = df.getOWLClass(IRI.create(AspsVocabulary.PATIENT_CASE.getURI()));
        this.caseProperties = readCaseProperties();

        Set<OWLClass> featureClasses = new LinkedHashSet<>();
        for (String iri : new TreeSet<>(featureIris)) featureClasses.add(df.getOWLClass(IRI.create(iri)));
        featureClasses.addAll(restrictionFillersOnCaseProperties());
        Map<String, String> featureProperties = new LinkedHashMap<>();
        Map<String, List<String>> chainClasses = new LinkedHashMap<>();
        if (known == null) {
            OWLReasoner plain = new ReasonerFactory().createReasoner(ontology);
            try {
                plain.precomputeInferences(InferenceType.CLASS_HIERARCHY);
                if (!plain.isConsistent()) {
                    throw new AspsKgException(
                            "the ontology is inconsistent; cases cannot be reasoned over",
                            "Run 'asps-kg validate' to see why.");
                }
                for (OWLClass x : featureClasses) {
                    CaseProperty p = propertyFor(x, plain)
                            .orElseThrow(() -> new AspsKgException(
                                    x.getIRI() + " is used as a case feature but is "
                                            + "neither a finding, an anatomical site nor a demographic group",
                                    "Make it a subclass of one of the ranges of the case properties."));
                    featureProperties.put(iri(x), iri(p.property()));
                }
                for (CaseProperty p : caseProperties) {
                    if (!p.chains().isEmpty())
                        chainClasses.put(iri(p.property()), iris(namedClassesUnder(p.range(), plain)));
                }
            } finally {
                plain.dispose();
            }
        } else {
            featureProperties.putAll(known.featureProperties());
            chainClasses.putAll(known.chainClasses());
        }

        Map<OWLClass, Map<OWLObjectProperty, OWLClass>> chainHelpers = new LinkedHashMap<>();
        for (OWLClass x : featureClasses) {
            CaseProperty p = caseProperty(featureProperties.get(iri(x)));
            features.put(x, new Feature(x, p, helper("with", x), helper("without", x)));
        }
        for (CaseProperty p : caseProperties) {
            for (OWLObjectProperty q : p.chains()) {
                for (OWLClass g : classes(chainClasses.get(iri(p.property())))) {
                    OWLClass h = df.getOWLClass(IRI.create(AspsVocabulary.DDX_NS + "via/"
                            + q.getIRI().getShortForm() + "/" + g.getIRI().getShortForm()));
                    chainHelpers.computeIfAbsent(g, k -> new LinkedHashMap<>()).put(q, h);
                }
            }
        }

        List<OWLAxiom> helpers = new ArrayList<>();
        for (Feature f : features.values()) {
            OWLObjectSomeValuesFrom some =
                    df.getOWLObjectSomeValuesFrom(f.property().property(), f.feature());
            helpers.add(df.getOWLEquivalentClassesAxiom(f.with(), df.getOWLObjectIntersectionOf(patientCase, some)));
            helpers.add(df.getOWLEquivalentClassesAxiom(
                    f.without(), df.getOWLObjectIntersectionOf(patientCase, df.getOWLObjectComplementOf(some))));
        }
        for (Map.Entry<OWLClass, Map<OWLObjectProperty, OWLClass>> e : chainHelpers.entrySet()) {
            for (Map.Entry<OWLObjectProperty, OWLClass> qh : e.getValue().entrySet()) {
                helpers.add(df.getOWLEquivalentClassesAxiom(
                        qh.getValue(), df.getOWLObjectSomeValuesFrom(qh.getKey(), e.getKey())));
            }
        }
        manager.addAxioms(ontology, helpers.stream());
        this.inferences = known != null ? known : classifyWithHelpers(featureProperties, chainClasses);

        // From here on only the inferences are read, whether HermiT computed them now or the cache kept them.
        inferences.superClasses().forEach((c, sup) -> {
            if (sup.isEmpty() || !sup.get(0).equals(c))
                throw new IllegalArgumentException("the superclasses of " + c + " do not start with itself");
        });
        inferences
                .superClasses()
                .forEach((c, sup) ->
                        superClasses.put(cls(c), Collections.unmodifiableSet(new LinkedHashSet<>(classes(sup)))));
        for (CaseProperty p : caseProperties) {
            for (OWLClass f : classes(required(inferences.rangeClasses(), iri(p.property())))) {
                propertyOfClass.put(f, p);
                Set<OWLClass> anc = new LinkedHashSet<>(superClasses(f));
                for (Map.Entry<OWLClass, Map<OWLObjectProperty, OWLClass>> e : chainHelpers.entrySet()) {
                    for (OWLClass h : e.getValue().values()) {
                        if (anc.contains(h)) anc.add(e.getKey());
                    }
                }
                anc.removeIf(c -> c.getIRI().toString().startsWith(AspsVocabulary.DDX_NS));
                effectiveAncestors.put(f, Collections.unmodifiableSet(anc));
            }
        }
        this.ontologyCaseClasses = new TreeSet<>(classes(inferences.ontologyCaseClasses()));
        for (List<String> pair : inferences.disjointCaseClasses()) {
            if (pair.size() != 2 || !ontologyCaseClasses.containsAll(classes(pair)))
                throw new IllegalArgumentException("a disjoint pair of classes that are no case classes: " + pair);
        }
        List<OWLClass> all = new ArrayList<>(ontologyCaseClasses);
        for (Feature f : features.values()) {
            all.add(f.with());
            all.add(f.without());
        }
        this.caseClasses = List.copyOf(all);
        for (OWLClass c : caseClasses) superClasses(c);
    }

    /** HermiT's classification of the TBox with its helper classes: the part of the inferences it takes. */
    private Inferences classifyWithHelpers(
            Map<String, String> featureProperties, Map<String, List<String>> chainClasses) {
        OWLReasoner hermit = new ReasonerFactory().createReasoner(ontology);
        try {
            hermit.precomputeInferences(InferenceType.CLASS_HIERARCHY);
            Map<String, List<String>> rangeClasses = new LinkedHashMap<>();
            Map<String, List<String>> supers = new LinkedHashMap<>();
            for (CaseProperty p : caseProperties) {
                List<OWLClass> under = namedClassesUnder(p.range(), hermit);
                rangeClasses.put(iri(p.property()), iris(under));
                for (OWLClass f : under) supers.computeIfAbsent(iri(f), k -> iris(superClasses(f, hermit)));
            }
            Set<OWLClass> own = hermit.getSubClasses(patientCase, false)
                    .entities()
                    .filter(c -> !c.isOWLNothing() && !isHelper(c))
                    .collect(Collectors.toCollection(() -> new TreeSet<>()));
            own.add(patientCase);
            hermit.getEquivalentClasses(patientCase)
                    .entities()
                    .filter(c -> !isHelper(c))
                    .forEach(own::add);
            List<OWLClass> caseClassesAndHelpers = new ArrayList<>(own);
            for (Feature f : features.values()) {
                caseClassesAndHelpers.add(f.with());
                caseClassesAndHelpers.add(f.without());
            }
            for (OWLClass c : caseClassesAndHelpers) supers.computeIfAbsent(iri(c), k -> iris(superClasses(c, hermit)));
            List<OWLClass> ownList = new ArrayList<>(own);
            List<List<String>> disjoint = new ArrayList<>();
            for (int i = 0; i < ownList.size(); i++) {
                for (int j = i + 1; j < ownList.size(); j++) {
                    if (!hermit.isSatisfiable(df.getOWLObjectIntersectionOf(ownList.get(i), ownList.get(j)))) {
                        disjoint.add(List.of(iri(ownList.get(i)), iri(ownList.get(j))));
                    }
                }
            }
            return new Inferences(featureProperties, chainClasses, rangeClasses, supers, iris(ownList), disjoint);
        } finally {
            hermit.dispose();
        }
    }

    /**
     * The source ontology's axioms the case TBox is made of, its imports included: logical axioms and
     * declarations without their annotations (annotations do not change what HermiT infers), once each.
     */
    public static List<OWLAxiom> sourceAxioms(OWLOntology source) {
        return source.axioms(Imports.INCLUDED)
                .filter(ax -> ax.isLogicalAxiom() || ax.getAxiomType() == AxiomType.DECLARATION)
                .map(ax -> (OWLAxiom) ax.getAxiomWithoutAnnotations())
                .distinct()
                .toList();
    }

    /** Classifies the ontology with the given feature classes (association features) turned into helper classes. */
    public static CaseTBox classify(OWLOntology ontology, Collection<String> featureIris) {
        return new CaseTBox(ontology, featureIris, null);
    }

    /**
     * The case TBox of the ontology and feature classes from inferences HermiT made of them before (see
     * {@link #inferences()}), without a reasoner.
     *
     * @throws IllegalArgumentException when the inferences do not fit the ontology (a class or property they
     *     should name is missing): they were made of another one
     */
    public static CaseTBox fromInferences(OWLOntology ontology, Collection<String> featureIris, Inferences inferences) {
        return new CaseTBox(ontology, featureIris, inferences);
    }

    /** What HermiT inferred of this TBox: what {@link #fromInferences} builds the same TBox from. */
    public Inferences inferences() {
        return inferences;
    }

    private static String iri(OWLClass c) {
        return c.getIRI().toString();
    }

    private static String iri(OWLObjectProperty p) {
        return p.getIRI().toString();
    }

    private static List<String> iris(Collection<OWLClass> classes) {
        return classes.stream().map(CaseTBox::iri).toList();
    }

    private OWLClass cls(String iri) {
        return df.getOWLClass(IRI.create(iri));
    }

    private List<OWLClass> classes(List<String> iris) {
        if (iris == null) throw new IllegalArgumentException("the inferences lack a list of classes");
        return iris.stream().map(this::cls).toList();
    }

    private static <V> V required(Map<String, V> m, String key) {
        V v = m.get(key);
        if (v == null) throw new IllegalArgumentException("the inferences say nothing of " + key);
        return v;
    }

    private CaseProperty caseProperty(String iri) {
        return caseProperties.stream()
                .filter(p -> iri(p.property()).equals(iri))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case property " + iri));
    }

    private OWLClass helper(String kind, OWLClass x) {
        return df.getOWLClass(
                IRI.create(AspsVocabulary.DDX_NS + kind + "/" + x.getIRI().getShortForm()));
    }

    private boolean isHelper(OWLClass c) {
        return c.getIRI().toString().startsWith(AspsVocabulary.DDX_NS);
    }

    /** Object properties whose domain is PatientCase, with their range and chains p ∘ q ⊑ p. */
    private List<CaseProperty> readCaseProperties() {
        List<CaseProperty> out = new ArrayList<>();
        ontology.axioms(AxiomType.OBJECT_PROPERTY_DOMAIN)
                .filter(ax ->
                        ax.getDomain().equals(patientCase) && ax.getProperty().isNamed())
                .map(ax -> ax.getProperty().asOWLObjectProperty())
                .sorted()
                .forEach(p -> {
                    List<OWLClass> ranges = ontology.objectPropertyRangeAxioms(p)
                            .map(r -> r.getRange())
                            .filter(OWLClassExpression::isNamed)
                            .map(OWLClassExpression::asOWLClass)
                            .toList();
                    if (ranges.size() != 1) {
                        throw new AspsKgException(
                                "case property " + p.getIRI() + " needs exactly one named range, has " + ranges,
                                "Give it one rdfs:range in the ontology edit source (ontology/asps-edit.ofn).");
                    }
                    List<OWLObjectProperty> chains = new ArrayList<>();
                    ontology.axioms(AxiomType.SUB_PROPERTY_CHAIN_OF)
                            .filter(ax -> ax.getSuperProperty().equals(p))
                            .forEach(ax -> chains.add(chainPart(ax, p)));
                    out.add(new CaseProperty(p, ranges.get(0), List.copyOf(chains)));
                });
        return List.copyOf(out);
    }

    private static OWLObjectProperty chainPart(OWLSubPropertyChainOfAxiom ax, OWLObjectProperty p) {
        List<OWLObjectPropertyExpression> chain = ax.getPropertyChain();
        if (chain.size() == 2
                && chain.get(0).equals(p)
                && chain.get(1).isNamed()
                && !chain.get(1).equals(p)) {
            return chain.get(1).asOWLObjectProperty();
        }
        throw new AspsKgException(
                "the case reasoner supports property chains p o q -> p on case properties only, " + "not " + ax,
                "Rewrite the chain or extend CaseTBox.");
    }

    /** Classes X in restrictions ∃p.X on a case property p anywhere in the ontology's logical axioms. */
    private Set<OWLClass> restrictionFillersOnCaseProperties() {
        Set<OWLObjectProperty> props =
                caseProperties.stream().map(CaseProperty::property).collect(Collectors.toSet());
        Set<OWLClass> out = new TreeSet<>();
        ontology.logicalAxioms()
                .forEach(ax -> ax.nestedClassExpressions()
                        .filter(ce -> ce instanceof OWLObjectSomeValuesFrom)
                        .map(ce -> (OWLObjectSomeValuesFrom) ce)
                        .filter(s -> s.getProperty().isNamed()
                                && props.contains(s.getProperty().asOWLObjectProperty()))
                        .forEach(s -> {
                            if (!s.getFiller().isNamed()) {
                                throw new AspsKgException(
                                        "the case reasoner needs named fillers in restrictions on " + s.getProperty()
                                                + ", not " + s.getFiller(),
                                        "Name the filler class in the ontology edit source (ontology/asps-edit.ofn).");
                            }
                            out.add(s.getFiller().asOWLClass());
                        }));
        return out;
    }

    private Optional<CaseProperty> propertyFor(OWLClass x, OWLReasoner r) {
        Set<OWLClass> sup = r.getSuperClasses(x, false).entities().collect(Collectors.toSet());
        r.getEquivalentClasses(x).entities().forEach(sup::add);
        return caseProperties.stream().filter(p -> sup.contains(p.range())).findFirst();
    }

    private List<OWLClass> namedClassesUnder(OWLClass range, OWLReasoner r) {
        Set<OWLClass> out = new TreeSet<>();
        r.getSubClasses(range, false).entities().filter(c -> !c.isOWLNothing()).forEach(out::add);
        out.add(range);
        out.removeIf(this::isHelper);
        return new ArrayList<>(out);
    }

    /**
     * Named superclasses of c (not owl:Thing), c itself and its equivalents included; c is a class a case can
     * state or a case class (others were not asked of HermiT).
     */
    public Set<OWLClass> superClasses(OWLClass c) {
        Set<OWLClass> sup = superClasses.get(c);
        if (sup == null) throw new IllegalArgumentException(c + " is neither a stateable class nor a case class");
        return sup;
    }

    /** c, then its equivalents and named superclasses by IRI (HermiT's own order differs from run to run). */
    private static List<OWLClass> superClasses(OWLClass c, OWLReasoner r) {
        Set<OWLClass> others = new TreeSet<>();
        r.getEquivalentClasses(c).entities().forEach(others::add);
        r.getSuperClasses(c, false).entities().filter(x -> !x.isOWLThing()).forEach(others::add);
        others.remove(c);
        List<OWLClass> out = new ArrayList<>();
        out.add(c);
        out.addAll(others);
        return out;
    }

    /** The pairs of the ontology's case classes no case can be both of (HermiT: their intersection is unsatisfiable). */
    public List<List<OWLClass>> disjointCaseClasses() {
        return inferences.disjointCaseClasses().stream().map(this::classes).toList();
    }

    public OWLDataFactory dataFactory() {
        return df;
    }

    /** The TBox with its helper classes: the ontology HermiT realizes cases against. */
    public OWLOntology ontology() {
        return ontology;
    }

    /**
     * The ontology's own logical axioms and declarations, without the helper classes: what Protégé
     * or ROBOT would reason with.
     */
    public List<OWLAxiom> ontologyAxioms() {
        return ontologyAxioms;
    }

    public OWLClass patientCase() {
        return patientCase;
    }

    public List<CaseProperty> caseProperties() {
        return caseProperties;
    }

    /** The case property whose range holds a named class, if any. */
    public Optional<CaseProperty> propertyOf(OWLClass c) {
        return Optional.ofNullable(propertyOfClass.get(c));
    }

    /** The named classes a case can state (findings, sites, demographic groups), by case property. */
    public Set<OWLClass> stateableClasses() {
        return Collections.unmodifiableSet(propertyOfClass.keySet());
    }

    /** For each class a case can state, by IRI, the IRI of the case property it is stated on. */
    public Map<String, String> casePropertyIris() {
        Map<String, String> out = new HashMap<>();
        propertyOfClass.forEach(
                (c, p) -> out.put(c.getIRI().toString(), p.property().getIRI().toString()));
        return out;
    }

    /**
     * For a named class F in a case property's range: every named class G such that a case with a
     * p-filler of F has a p-filler of G — F's superclasses, and what F is part of along a chain.
     */
    public Set<OWLClass> effectiveAncestors(OWLClass f) {
        Set<OWLClass> anc = effectiveAncestors.get(f);
        if (anc == null) throw new IllegalArgumentException(f + " is not in the range of a case property");
        return anc;
    }

    public Map<OWLClass, Feature> features() {
        return Collections.unmodifiableMap(features);
    }

    /** The classes a case's realization is reported against: the ontology's case classes and the helpers. */
    public List<OWLClass> caseClasses() {
        return caseClasses;
    }

    /** The ontology's own named classes of patient cases (PatientCase and its subclasses). */
    public Set<OWLClass> ontologyCaseClasses() {
        return Collections.unmodifiableSet(ontologyCaseClasses);
    }

    public boolean isHelperClass(OWLClass c) {
        return isHelper(c);
    }
}
