package org.aspskg.ddx.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aspskg.ddx.LazyList;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.reason.JustificationFinder;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.manchestersyntax.renderer.ManchesterOWLSyntaxOWLObjectRendererImpl;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.util.SimpleShortFormProvider;

/**
 * Which hypotheses a case logically excludes: a case is incompatible with a disease when the case,
 * typed as a case of that disease, contradicts what the ontology says of every case of it.
 *
 * <p>The link between a case and a disease is two property chains, added in memory to the case TBox
 * (as the case TBox's helper classes are), over an in-memory property {@code ddx:hasDiagnosis}:
 * <ul>
 *   <li>{@code hasDiagnosis ∘ hasObligateFeature ⊑ hasFinding} — a feature every case of the disease
 *       shows (an axiom {@code D ⊑ ∃hasObligateFeature.X} with its source) is a finding of the case;</li>
 *   <li>{@code hasDiagnosis⁻ ∘ hasFinding ⊑ disease has feature} — every finding of the case is a feature
 *       of its disease, so that {@code D ⊑ ¬∃(disease has feature).X} (vascular malformation: no solid
 *       component) clashes with a case that shows X.</li>
 * </ul>
 * HermiT decides. For production the decision is compiled once: for each hypothesis D, HermiT classifies
 * {@code CaseOf(D) ≡ PatientCase ⊓ ∃hasDiagnosis.D} against the case TBox's {@code with(X)} and
 * {@code without(X)} helper classes, and a case is excluded from D when it is known not to show a feature
 * CaseOf(D) entails, or shows one it entails absent. {@link #excludedByHermit} asks HermiT directly
 * (the case's assertions plus {@code hasDiagnosis(case, d)}, {@code D(d)}: inconsistent ⇒ excluded); the
 * agreement of the two is tested as the classifiers' is. The proof of an exclusion is the clashing case
 * statements and a justification (a minimal set of axioms, found by {@link JustificationFinder}) of the
 * entailment, with each axiom's source.
 */
public final class HypothesisExclusion {
    static final String HAS_DIAGNOSIS = AspsVocabulary.DDX_NS + "hasDiagnosis";
    static final String HAS_OBLIGATE_FEATURE = AspsVocabulary.NS + "hasObligateFeature";
    static final String DISEASE_HAS_FEATURE = "http://purl.obolibrary.org/obo/RO_0004029";

    /** A hypothesis excluded by a case: the features that clash, the statements, and the proof. */
    public record Exclusion(String disease, List<Clash> clashes) {
        public Exclusion {
            clashes = List.copyOf(clashes);
        }

        public List<CaseStatement> statements() {
            List<CaseStatement> out = new ArrayList<>();
            clashes.forEach(
                    c -> c.statements().stream().filter(s -> !out.contains(s)).forEach(out::add));
            return out;
        }
    }

    /**
     * One clash: every case of the disease shows the feature ({@code obligatePresent}) or never does, and
     * the case says the opposite, in these statements; the axioms that entail the disease's side.
     */
    public record Clash(String feature, boolean obligatePresent, List<CaseStatement> statements, List<Axiom> axioms) {
        public Clash {
            statements = List.copyOf(statements);
            // a proof found on first use stays so (it is unmodifiable); any other list is copied
            axioms = axioms instanceof LazyList<Axiom> ? axioms : List.copyOf(axioms);
        }
    }

    /**
     * An axiom of a justification, rendered, with its sources; {@code bridge} for the in-memory chains that
     * link a case to its diagnosis (they have no source: they say what "a case of D" means).
     */
    public record Axiom(String text, List<String> sources, boolean bridge) {
        public Axiom {
            sources = List.copyOf(sources);
        }
    }

    private final CaseTBox tbox;
    private final CaseAssertions assertions;
    private final OWLDataFactory df;
    private final List<OWLAxiom> axioms;
    private final Map<OWLAxiom, List<String>> sourcesOf = new LinkedHashMap<>();
    private final Map<String, OWLClass> caseOf = new LinkedHashMap<>();
    /** hypothesis → feature → true when every case of it shows the feature, false when none does. */
    private final Map<String, Map<String, Boolean>> obligate = new LinkedHashMap<>();

    private final Map<String, List<Axiom>> proofs = new ConcurrentHashMap<>();
    private final ManchesterOWLSyntaxOWLObjectRendererImpl renderer = new ManchesterOWLSyntaxOWLObjectRendererImpl();

    /**
     * The exclusions of the hypotheses, with their obligate features decided before for the same TBox
     * ({@link #obligateFeatures(CaseTBox, List)}, or as the {@link KnowledgeCache} kept them): no reasoner runs.
     *
     * @param tbox       the classified case TBox (with its helper classes)
     * @param assertions how a case's statements become assertions (for the HermiT reference)
     * @param source     the ontology with its annotations (for the sources of a justification's axioms)
     * @param hypotheses the diseases to decide
     */
    public HypothesisExclusion(
            CaseTBox tbox,
            CaseAssertions assertions,
            OWLOntology source,
            List<String> hypotheses,
            Map<String, Map<String, Boolean>> obligateFeatures) {
        this.tbox = tbox;
        this.assertions = assertions;
        this.df = tbox.dataFactory();
        renderer.setShortFormProvider(new SimpleShortFormProvider());
        source.axioms(Imports.INCLUDED).forEach(ax -> {
            List<String> sources = new ArrayList<>();
            for (OWLAnnotation a : ax.annotationsAsList()) {
                if (a.getProperty().getIRI().toString().equals("http://purl.org/dc/terms/source")) {
                    a.getValue().asIRI().ifPresent(i -> sources.add(i.toString()));
                }
            }
            sourcesOf.merge(ax.getAxiomWithoutAnnotations(), sources, (x, y) -> {
                List<String> both = new ArrayList<>(x);
                y.stream().filter(s -> !both.contains(s)).forEach(both::add);
                return both;
            });
        });
        this.axioms = exclusionAxioms(tbox, hypotheses, caseOf);
        for (String h : hypotheses) {
            Map<String, Boolean> features = obligateFeatures.get(h);
            if (features == null) throw new IllegalArgumentException("no obligate features of hypothesis " + h);
            obligate.put(h, inFeatureOrder(tbox, features));
        }
    }

    /**
     * Which features every case of each hypothesis shows (true) or none does (false), decided by HermiT over
     * the case TBox with the chains that link a case to its diagnosis; in hypothesis and feature order.
     */
    public static Map<String, Map<String, Boolean>> obligateFeatures(CaseTBox tbox, List<String> hypotheses) {
        Map<String, OWLClass> caseOf = new LinkedHashMap<>();
        OWLOntology o = ontology(exclusionAxioms(tbox, hypotheses, caseOf));
        OWLReasoner r = new ReasonerFactory().createReasoner(o);
        Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
        try {
            for (String h : hypotheses) {
                Map<String, Boolean> features = new LinkedHashMap<>();
                OWLClass c = caseOf.get(h);
                if (r.isSatisfiable(c)) {
                    Set<OWLClass> supers = new LinkedHashSet<>(
                            r.getSuperClasses(c, false).entities().toList());
                    supers.addAll(r.getEquivalentClasses(c).entities().toList());
                    for (CaseTBox.Feature f : tbox.features().values()) {
                        if (supers.contains(f.with()))
                            features.put(f.feature().getIRI().toString(), true);
                        else if (supers.contains(f.without()))
                            features.put(f.feature().getIRI().toString(), false);
                    }
                }
                out.put(h, Collections.unmodifiableMap(features));
            }
        } finally {
            r.dispose();
            o.getOWLOntologyManager().removeOntology(o);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The case TBox with the chains over hasDiagnosis and a class CaseOf(D) per hypothesis (put in caseOf). */
    private static List<OWLAxiom> exclusionAxioms(
            CaseTBox tbox, List<String> hypotheses, Map<String, OWLClass> caseOf) {
        OWLDataFactory df = tbox.dataFactory();
        OWLObjectProperty hasDiagnosis = df.getOWLObjectProperty(IRI.create(HAS_DIAGNOSIS));
        OWLObjectProperty hasFinding = df.getOWLObjectProperty(IRI.create(AspsVocabulary.HAS_FINDING.getURI()));
        List<OWLAxiom> all =
                new ArrayList<>(tbox.ontology().axioms(Imports.EXCLUDED).toList());
        all.add(df.getOWLDeclarationAxiom(hasDiagnosis));
        all.add(df.getOWLSubPropertyChainOfAxiom(
                List.of(hasDiagnosis, df.getOWLObjectProperty(IRI.create(HAS_OBLIGATE_FEATURE))), hasFinding));
        all.add(df.getOWLSubPropertyChainOfAxiom(
                List.of(df.getOWLObjectInverseOf(hasDiagnosis), hasFinding),
                df.getOWLObjectProperty(IRI.create(DISEASE_HAS_FEATURE))));
        for (String h : hypotheses) {
            OWLClass c = df.getOWLClass(
                    IRI.create(AspsVocabulary.DDX_NS + "caseOf/" + IRI.create(h).getShortForm()));
            caseOf.put(h, c);
            all.add(df.getOWLEquivalentClassesAxiom(
                    c,
                    df.getOWLObjectIntersectionOf(
                            tbox.patientCase(),
                            df.getOWLObjectSomeValuesFrom(hasDiagnosis, df.getOWLClass(IRI.create(h))))));
        }
        return List.copyOf(all);
    }

    /**
     * A hypothesis' obligate features in the TBox's feature order, so that its clashes come in one order.
     *
     * @throws IllegalArgumentException when one is no feature of the TBox (obligate features of another TBox)
     */
    static Map<String, Boolean> inFeatureOrder(CaseTBox tbox, Map<String, Boolean> features) {
        Set<String> known = new LinkedHashSet<>();
        tbox.features().keySet().forEach(f -> known.add(f.getIRI().toString()));
        if (!known.containsAll(features.keySet())) {
            throw new IllegalArgumentException("obligate features that are no features of the case TBox");
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (OWLClass f : tbox.features().keySet()) {
            Boolean present = features.get(f.getIRI().toString());
            if (present != null) out.put(f.getIRI().toString(), present);
        }
        return Collections.unmodifiableMap(out);
    }

    /** hypothesis → feature IRI → true (every case shows it) or false (no case does), in hypothesis and feature order. */
    public Map<String, Map<String, Boolean>> obligateFeatures() {
        return Collections.unmodifiableMap(obligate);
    }

    /** The hypotheses the classified case excludes (compiled), each with its clashes and proofs, in hypothesis order. */
    public List<Exclusion> excluded(CaseClassification classification) {
        return excluded(classification, true);
    }

    /**
     * The same verdicts as {@link #excluded(CaseClassification)}, each clash without its proof (no axioms): for
     * trial rankings that only ask which hypotheses are excluded (the findings to check next rank the case again
     * with each candidate finding, and a proof is a HermiT justification search of seconds the first time a
     * pair of disease and feature is met).
     */
    public List<Exclusion> excludedWithoutProofs(CaseClassification classification) {
        return excluded(classification, false);
    }

    private List<Exclusion> excluded(CaseClassification classification, boolean withProofs) {
        List<Exclusion> out = new ArrayList<>();
        PatientCase c = classification.patientCase();
        obligate.forEach((h, features) -> {
            List<Clash> clashes = new ArrayList<>();
            features.forEach((feature, present) -> classification
                    .feature(feature)
                    .ifPresent(status -> {
                        if (status.observed() == present) return;
                        List<CaseStatement> statements = status.witnesses().stream()
                                .map(c.statements()::get)
                                .toList();
                        clashes.add(new Clash(
                                feature,
                                present,
                                statements,
                                withProofs ? new LazyList<>(() -> proof(h, feature, present)) : List.of()));
                    }));
            if (!clashes.isEmpty()) out.add(new Exclusion(h, clashes));
        });
        return out;
    }

    /** Whether HermiT finds the case inconsistent once typed as a case of the disease (the reference decision). */
    public boolean excludedByHermit(PatientCase c, String disease) {
        List<OWLAxiom> abox = new ArrayList<>();
        OWLNamedIndividual ind = df.getOWLNamedIndividual(IRI.create(c.iri() + "-exclusion"));
        abox.add(df.getOWLClassAssertionAxiom(tbox.patientCase(), ind));
        int n = 0;
        for (CaseAssertion a : assertions.of(c)) {
            OWLObjectProperty p = df.getOWLObjectProperty(IRI.create(a.property()));
            OWLClass filler = df.getOWLClass(IRI.create(a.filler()));
            if (a.present()) {
                OWLNamedIndividual f = df.getOWLNamedIndividual(IRI.create(c.iri() + "-exclusion-finding-" + (n++)));
                abox.add(df.getOWLObjectPropertyAssertionAxiom(p, ind, f));
                abox.add(df.getOWLClassAssertionAxiom(filler, f));
            } else {
                abox.add(df.getOWLClassAssertionAxiom(
                        df.getOWLObjectComplementOf(df.getOWLObjectSomeValuesFrom(p, filler)), ind));
            }
        }
        OWLNamedIndividual d = df.getOWLNamedIndividual(IRI.create(c.iri() + "-exclusion-disease"));
        abox.add(df.getOWLObjectPropertyAssertionAxiom(df.getOWLObjectProperty(IRI.create(HAS_DIAGNOSIS)), ind, d));
        abox.add(df.getOWLClassAssertionAxiom(df.getOWLClass(IRI.create(disease)), d));
        List<OWLAxiom> all = new ArrayList<>(axioms);
        all.addAll(abox);
        OWLOntology o = ontology(all);
        OWLReasoner r = new ReasonerFactory().createReasoner(o);
        try {
            return !r.isConsistent();
        } finally {
            r.dispose();
            o.getOWLOntologyManager().removeOntology(o);
        }
    }

    /** The justification of CaseOf(D) ⊑ with(X) (or without(X)), rendered with sources; computed once per pair. */
    private List<Axiom> proof(String disease, String feature, boolean present) {
        return proofs.computeIfAbsent(disease + " " + feature + " " + present, k -> {
            CaseTBox.Feature f = tbox.features().get(df.getOWLClass(IRI.create(feature)));
            OWLClass probe = df.getOWLClass(IRI.create(AspsVocabulary.DDX_NS + "exclusionProbe"));
            List<OWLAxiom> all = new ArrayList<>(axioms);
            all.add(df.getOWLEquivalentClassesAxiom(
                    probe,
                    df.getOWLObjectIntersectionOf(
                            caseOf.get(disease), df.getOWLObjectComplementOf(present ? f.with() : f.without()))));
            Set<OWLAxiom> justification = new JustificationFinder(new ReasonerFactory()).forUnsatisfiable(probe, all);
            List<Axiom> out = new ArrayList<>();
            for (OWLAxiom ax : justification) {
                if (ax.containsEntityInSignature(probe)) continue;
                // the definitions of the in-memory helper classes say nothing a reader needs
                if (ax.classesInSignature().anyMatch(tbox::isHelperClass)
                        || ax.classesInSignature().anyMatch(caseOf::containsValue)) continue;
                boolean bridge = ax.containsEntityInSignature(df.getOWLObjectProperty(IRI.create(HAS_DIAGNOSIS)));
                out.add(new Axiom(renderer.render(ax), sourcesOf.getOrDefault(ax, List.of()), bridge));
            }
            out.sort((a, b) -> a.text().compareTo(b.text()));
            return List.copyOf(out);
        });
    }

    private static OWLOntology ontology(List<OWLAxiom> axioms) {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        try {
            OWLOntology o = m.createOntology();
            m.addAxioms(o, axioms.stream());
            return o;
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
