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
    private final OWLReasoner hermit;
    private final OWLClass patientCase;
    private final List<CaseProperty> caseProperties;
    private final Map<OWLClass, CaseProperty> propertyOfClass = new HashMap<>();
    private final Map<OWLClass, Feature> features = new LinkedHashMap<>();
    private final Map<OWLClass, Set<OWLClass>> effectiveAncestors = new HashMap<>();
    private final List<OWLClass> caseClasses;
    private final Set<OWLClass> ontologyCaseClasses;

    /** A case property with its range and the properties q of its chains p ∘ q ⊑ p. */
    public record CaseProperty(OWLObjectProperty property, OWLClass range, List<OWLObjectProperty> chains) {}

    /** A feature class and the helper classes that say a case shows it or does not. */
    public record Feature(OWLClass feature, CaseProperty property, OWLClass with, OWLClass without) {}

    private CaseTBox(OWLOntology source, Collection<String> featureIris) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        this.df = manager.getOWLDataFactory();
        try {
            this.ontology = manager.createOntology(IRI.create(AspsVocabulary.DDX_NS + "case-tbox"));
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
        // Logical axioms and declarations only: annotations do not change what HermiT infers.
        this.ontologyAxioms = source.axioms(Imports.INCLUDED)
                .filter(ax -> ax.isLogicalAxiom() || ax.getAxiomType() == AxiomType.DECLARATION)
                .map(ax -> (OWLAxiom) ax.getAxiomWithoutAnnotations())
                .distinct()
                .toList();
        manager.addAxioms(ontology, ontologyAxioms.stream());
        this.patientCase = df.getOWLClass(IRI.create(AspsVocabulary.PATIENT_CASE.getURI()));
        this.caseProperties = readCaseProperties();

        OWLReasoner plain = new ReasonerFactory().createReasoner(ontology);
        Map<OWLClass, Map<OWLObjectProperty, OWLClass>> chainHelpers = new LinkedHashMap<>();
        try {
            plain.precomputeInferences(InferenceType.CLASS_HIERARCHY);
            if (!plain.isConsistent()) {
                throw new AspsKgException(
                        "the ontology is inconsistent; cases cannot be reasoned over",
                        "Run 'asps-kg validate' to see why.");
            }
            Set<OWLClass> featureClasses = new LinkedHashSet<>();
            for (String iri : new TreeSet<>(featureIris)) featureClasses.add(df.getOWLClass(IRI.create(iri)));
            featureClasses.addAll(restrictionFillersOnCaseProperties());
            for (OWLClass x : featureClasses) {
                CaseProperty p = propertyFor(x, plain)
                        .orElseThrow(() -> new AspsKgException(
                                x.getIRI() + " is used as a case feature but is "
                                        + "neither a finding, an anatomical site nor a demographic group",
                                "Make it a subclass of one of the ranges of the case properties."));
                features.put(x, new Feature(x, p, helper("with", x), helper("without", x)));
            }
            for (CaseProperty p : caseProperties) {
                for (OWLObjectProperty q : p.chains()) {
                    for (OWLClass g : namedClassesUnder(p.range(), plain)) {
                        OWLClass h = df.getOWLClass(IRI.create(AspsVocabulary.DDX_NS + "via/"
                                + q.getIRI().getShortForm() + "/" + g.getIRI().getShortForm()));
                        chainHelpers
                                .computeIfAbsent(g, k -> new LinkedHashMap<>())
                                .put(q, h);
                    }
                }
            }
        } finally {
            plain.dispose();
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
        this.hermit = new ReasonerFactory().createReasoner(ontology);
        hermit.precomputeInferences(InferenceType.CLASS_HIERARCHY);

        for (CaseProperty p : caseProperties) {
            for (OWLClass f : namedClassesUnder(p.range(), hermit)) {
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
        this.ontologyCaseClasses = hermit.getSubClasses(patientCase, false)
                .entities()
                .filter(c -> !c.isOWLNothing() && !isHelper(c))
                .collect(Collectors.toCollection(() -> new TreeSet<>()));
        ontologyCaseClasses.add(patientCase);
        hermit.getEquivalentClasses(patientCase)
                .entities()
                .filter(c -> !isHelper(c))
                .forEach(ontologyCaseClasses::add);
        List<OWLClass> all = new ArrayList<>(ontologyCaseClasses);
        for (Feature f : features.values()) {
            all.add(f.with());
            all.add(f.without());
        }
        this.caseClasses = List.copyOf(all);
    }

    /** Classifies the ontology with the given feature classes (association features) turned into helper classes. */
    public static CaseTBox classify(OWLOntology ontology, Collection<String> featureIris) {
        return new CaseTBox(ontology, featureIris);
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

    /** Named superclasses of c (not owl:Thing), c itself and its equivalents included. */
    public Set<OWLClass> superClasses(OWLClass c) {
        Set<OWLClass> out = new LinkedHashSet<>();
        out.add(c);
        hermit.getEquivalentClasses(c).entities().forEach(out::add);
        hermit.getSuperClasses(c, false).entities().filter(x -> !x.isOWLThing()).forEach(out::add);
        return out;
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

    /** HermiT over {@link #ontology()}, classified. Not thread-safe: only for compile time and tests. */
    public OWLReasoner reasoner() {
        return hermit;
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
