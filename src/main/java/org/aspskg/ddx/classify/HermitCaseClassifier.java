package org.aspskg.ddx.classify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.reason.JustificationFinder;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
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

/**
 * The reference path: HermiT realizes the case individual against the {@link CaseTBox} (the
 * ontology plus the helper classes), as Protégé or ROBOT would. Slow — a tableau run per case or
 * per batch — and used to check {@link CompiledCaseClassifier}, not to serve cases.
 *
 * <p>A case becomes an individual of PatientCase with one fresh individual per present statement
 * (a p-filler of the stated class) and a class assertion ¬∃p.G per absent statement. When HermiT
 * finds the case inconsistent, a black-box justification (a minimal set of axioms that is still
 * inconsistent) names the case statements involved.
 */
public final class HermitCaseClassifier implements CaseClassifier {
    private final CaseTBox tbox;
    private final CaseAssertions assertions;
    private final Function<String, String> labels;
    private final OWLDataFactory df;
    private final Map<String, Integer> featureByWith = new HashMap<>();
    private final Map<String, Integer> featureByWithout = new HashMap<>();
    private final List<String> featureIris = new ArrayList<>();

    public HermitCaseClassifier(CaseTBox tbox, CaseAssertions assertions, Function<String, String> labels) {
        this.tbox = tbox;
        this.assertions = assertions;
        this.labels = labels;
        this.df = tbox.dataFactory();
        for (CaseTBox.Feature f : tbox.features().values()) {
            featureByWith.put(f.with().getIRI().toString(), featureIris.size());
            featureByWithout.put(f.without().getIRI().toString(), featureIris.size());
            featureIris.add(f.feature().getIRI().toString());
        }
    }

    /** The ABox axioms of one case; each maps to the assertion (and so the statements) it came from. */
    private Map<OWLAxiom, CaseAssertion> abox(PatientCase c, String individualPrefix) {
        Map<OWLAxiom, CaseAssertion> out = new LinkedHashMap<>();
        OWLNamedIndividual ind = df.getOWLNamedIndividual(IRI.create(individualPrefix));
        CaseAssertion root = new CaseAssertion("", tbox.patientCase().getIRI().toString(), true, new BitSet());
        out.put(df.getOWLClassAssertionAxiom(tbox.patientCase(), ind), root);
        int n = 0;
        for (CaseAssertion a : assertions.of(c)) {
            OWLObjectProperty p = df.getOWLObjectProperty(IRI.create(a.property()));
            OWLClass filler = df.getOWLClass(IRI.create(a.filler()));
            if (a.present()) {
                OWLNamedIndividual f = df.getOWLNamedIndividual(IRI.create(individualPrefix + "-finding-" + (n++)));
                out.put(df.getOWLObjectPropertyAssertionAxiom(p, ind, f), a);
                out.put(df.getOWLClassAssertionAxiom(filler, f), a);
            } else {
                out.put(
                        df.getOWLClassAssertionAxiom(
                                df.getOWLObjectComplementOf(df.getOWLObjectSomeValuesFrom(p, filler)), ind),
                        a);
            }
        }
        return out;
    }

    /** Whether the case is consistent with the ontology (one HermiT run, no explanation). */
    public boolean isConsistent(PatientCase c) {
        OWLOntology o = withTBox(List.copyOf(abox(c, individual(c, 0)).keySet()));
        OWLReasoner r = new ReasonerFactory().createReasoner(o);
        try {
            return r.isConsistent();
        } finally {
            r.dispose();
            o.getOWLOntologyManager().removeOntology(o);
        }
    }

    /**
     * Realizes one case by asking HermiT, for every case class C, whether the ontology and the
     * case entail C(case) — about 160 ms a case. Not HermiT's realization (precomputing
     * CLASS_ASSERTIONS): with this TBox HermiT 1.4.5.519's realization now and then missed an
     * entailed type (a case stated to have no brain metastasis, or no lung metastasis, lost
     * ddx:without/…), depending on hash order, while isEntailed never did.
     */
    @Override
    public CaseClassification classify(PatientCase c) {
        Map<OWLAxiom, CaseAssertion> abox = abox(c, individual(c, 0));
        OWLOntology o = withTBox(List.copyOf(abox.keySet()));
        OWLReasoner r = new ReasonerFactory().createReasoner(o);
        try {
            if (!r.isConsistent()) throw explain(c, abox);
            OWLNamedIndividual ind = df.getOWLNamedIndividual(IRI.create(individual(c, 0)));
            Set<String> types = new TreeSet<>();
            for (OWLClass k : tbox.caseClasses()) {
                if (r.isEntailed(df.getOWLClassAssertionAxiom(k, ind)))
                    types.add(k.getIRI().toString());
            }
            return classification(c, types);
        } finally {
            r.dispose();
            o.getOWLOntologyManager().removeOntology(o);
        }
    }

    /** {@link #classify} for each case. */
    public List<CaseClassification> classifyAll(List<PatientCase> cases) {
        List<CaseClassification> out = new ArrayList<>();
        for (PatientCase c : cases) out.add(classify(c));
        return out;
    }

    private static String individual(PatientCase c, int i) {
        return c.iri() + "-individual-" + i;
    }

    private OWLOntology withTBox(List<OWLAxiom> abox) {
        return ontologyWith(tbox.ontology().axioms(Imports.EXCLUDED).toList(), abox);
    }

    private static OWLOntology ontologyWith(List<OWLAxiom> tboxAxioms, List<OWLAxiom> abox) {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        try {
            OWLOntology o = m.createOntology();
            m.addAxioms(o, tboxAxioms.stream());
            m.addAxioms(o, abox.stream());
            return o;
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private CaseClassification classification(PatientCase c, Set<String> types) {
        List<String> presentations = new ArrayList<>();
        Set<String> own = new TreeSet<>();
        tbox.ontologyCaseClasses().forEach(k -> own.add(k.getIRI().toString()));
        for (String t : types) {
            if (own.contains(t) && !t.equals(tbox.patientCase().getIRI().toString())) presentations.add(t);
        }
        presentations.sort(Comparator.comparing(labels, String.CASE_INSENSITIVE_ORDER));
        // HermiT gives no reasons; the statements behind a feature are left empty here.
        Map<String, CaseClassification.FeatureStatus> features = new LinkedHashMap<>();
        for (String t : types) {
            Integer w = featureByWith.get(t);
            if (w != null) features.put(featureIris.get(w), new CaseClassification.FeatureStatus(true, List.of()));
            Integer wo = featureByWithout.get(t);
            if (wo != null) features.put(featureIris.get(wo), new CaseClassification.FeatureStatus(false, List.of()));
        }
        return new CaseClassification(c, types, presentations, features);
    }

    /** Finds a minimal inconsistent set of TBox and case axioms and names the case statements in it. */
    private ContradictoryCaseException explain(PatientCase c, Map<OWLAxiom, CaseAssertion> abox) {
        List<OWLAxiom> all =
                new ArrayList<>(tbox.ontology().axioms(Imports.EXCLUDED).toList());
        all.addAll(abox.keySet());
        Set<OWLAxiom> justification = new JustificationFinder(new ReasonerFactory()).forInconsistency(all);
        List<BitSet> sides = new ArrayList<>();
        for (OWLAxiom ax : justification) {
            CaseAssertion a = abox.get(ax);
            if (a == null || a.witnesses().isEmpty()) continue;
            if (sides.stream().noneMatch(s -> s.equals(a.witnesses()))) sides.add(a.witnesses());
        }
        sides.sort(Comparator.comparingInt((BitSet b) -> b.nextSetBit(0)).thenComparingInt(BitSet::cardinality));
        List<CaseStatement> one = new ArrayList<>();
        List<CaseStatement> other = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            BitSet w = sides.get(i);
            for (int s = w.nextSetBit(0); s >= 0; s = w.nextSetBit(s + 1)) {
                CaseStatement st = c.statements().get(s);
                List<CaseStatement> side = i == 0 ? one : other;
                if (!one.contains(st) && !other.contains(st)) side.add(st);
            }
        }
        return new ContradictoryCaseException(
                c.id(), one, other, "HermiT finds the case inconsistent with the ontology");
    }
}
