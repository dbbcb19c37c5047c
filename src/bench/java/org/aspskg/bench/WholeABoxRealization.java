package org.aspskg.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseAssertion;
import org.aspskg.ddx.classify.CaseAssertions;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.CaseClassification.FeatureStatus;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ddx.classify.HermitCaseClassifier;
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
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * The naive HermiT peers of the case-ranking benchmark: a whole cohort realized in one HermiT run
 * (precomputing CLASS_ASSERTIONS), as a Protégé or ROBOT user would, rather than a case at a time.
 *
 * <p>Each case is translated as {@link HermitCaseClassifier} translates it (the product's reference
 * path): an individual of PatientCase with one fresh individual per present statement (a p-filler of
 * the stated class) and a class assertion ¬∃p.G per absent statement, from the product's
 * {@link CaseAssertions}. HermiT does not split an ABox into its independent parts, so its cost grows
 * faster than the number of cases. Both peers fail on an inconsistent ABox.
 */
final class WholeABoxRealization {
    private final CaseTBox tbox;
    private final CaseAssertions assertions;
    private final Function<String, String> labels;
    private final OWLDataFactory df;

    WholeABoxRealization(DdxKnowledge knowledge) {
        this.tbox = knowledge.tbox();
        this.assertions = knowledge.caseAssertions();
        this.labels = knowledge.terms()::label;
        this.df = tbox.dataFactory();
    }

    /**
     * The cohort realized against the case TBox, helper classes included: a naive peer that answers
     * what the ranker needs (see {@link #realizeWholeABoxPlain} for the plain ontology's), not a
     * reference — see {@link HermitCaseClassifier#classify} for the types HermiT's realization was
     * seen to miss. On this TBox 10 cases took 2 s, 20 took 6 s, 40 took 33 s.
     *
     * @return for each case in order, its classification (feature statuses without witnesses: HermiT
     *     gives no reasons)
     */
    List<CaseClassification> realizeWholeABox(List<PatientCase> cases) {
        List<OWLAxiom> abox = abox(cases);
        List<OWLAxiom> axioms =
                new ArrayList<>(tbox.ontology().axioms(Imports.EXCLUDED).toList());
        Set<OWLClass> caseClasses = Set.copyOf(tbox.caseClasses());
        List<Set<String>> types = realize(axioms, abox, cases, caseClasses);
        List<CaseClassification> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) out.add(classification(cases.get(i), types.get(i)));
        return out;
    }

    /**
     * The cohort realized against the plain ontology's logical axioms ({@link
     * CaseTBox#ontologyAxioms()}, no helper classes), then each case's inferred types among the
     * ontology's case classes ({@link CaseTBox#ontologyCaseClasses()}, PatientCase included).
     *
     * <p>It answers less than asps-kg: which presentations a case has, not which features it is known
     * to show or not to show, so nothing can be ranked from it. It is the fairer naive peer (no ¬∃
     * helper definitions for HermiT to branch on), and a lower bound on what the naive way costs.
     *
     * @return for each case in order, the IRIs of its case classes
     */
    List<Set<String>> realizeWholeABoxPlain(List<PatientCase> cases) {
        return realize(tbox.ontologyAxioms(), abox(cases), cases, tbox.ontologyCaseClasses());
    }

    private List<Set<String>> realize(
            List<OWLAxiom> tboxAxioms, List<OWLAxiom> abox, List<PatientCase> cases, Set<OWLClass> caseClasses) {
        OWLOntology o = ontologyWith(tboxAxioms, abox);
        OWLReasoner r = new ReasonerFactory().createReasoner(o);
        try {
            if (!r.isConsistent()) {
                throw new IllegalArgumentException("the cases' ABox is inconsistent with the ontology");
            }
            r.precomputeInferences(InferenceType.CLASS_ASSERTIONS);
            List<Set<String>> out = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                OWLNamedIndividual ind = df.getOWLNamedIndividual(IRI.create(individual(cases.get(i), i)));
                Set<String> types = new TreeSet<>();
                r.getTypes(ind, false)
                        .entities()
                        .filter(caseClasses::contains)
                        .forEach(t -> types.add(t.getIRI().toString()));
                out.add(types);
            }
            return out;
        } finally {
            r.dispose();
            o.getOWLOntologyManager().removeOntology(o);
        }
    }

    /** Every case's ABox axioms, each case with its own individuals. */
    private List<OWLAxiom> abox(List<PatientCase> cases) {
        List<OWLAxiom> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            PatientCase c = cases.get(i);
            String individual = individual(c, i);
            OWLNamedIndividual ind = df.getOWLNamedIndividual(IRI.create(individual));
            out.add(df.getOWLClassAssertionAxiom(tbox.patientCase(), ind));
            int n = 0;
            for (CaseAssertion a : assertions.of(c)) {
                OWLObjectProperty p = df.getOWLObjectProperty(IRI.create(a.property()));
                OWLClass filler = df.getOWLClass(IRI.create(a.filler()));
                if (a.present()) {
                    OWLNamedIndividual f = df.getOWLNamedIndividual(IRI.create(individual + "-finding-" + (n++)));
                    out.add(df.getOWLObjectPropertyAssertionAxiom(p, ind, f));
                    out.add(df.getOWLClassAssertionAxiom(filler, f));
                } else {
                    out.add(df.getOWLClassAssertionAxiom(
                            df.getOWLObjectComplementOf(df.getOWLObjectSomeValuesFrom(p, filler)), ind));
                }
            }
        }
        return out;
    }

    private static String individual(PatientCase c, int i) {
        return c.iri() + "-individual-" + i;
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

    /** The types as the ranker reads them: the presentations by label, each feature the case decides. */
    private CaseClassification classification(PatientCase c, Set<String> types) {
        Set<String> own = new TreeSet<>();
        tbox.ontologyCaseClasses().forEach(k -> own.add(k.getIRI().toString()));
        String patientCase = tbox.patientCase().getIRI().toString();
        List<String> presentations = new ArrayList<>();
        for (String t : types) {
            if (own.contains(t) && !t.equals(patientCase)) presentations.add(t);
        }
        presentations.sort(Comparator.comparing(labels, String.CASE_INSENSITIVE_ORDER));
        Map<String, FeatureStatus> features = new LinkedHashMap<>();
        for (CaseTBox.Feature f : tbox.features().values()) {
            String feature = f.feature().getIRI().toString();
            if (types.contains(f.with().getIRI().toString())) features.put(feature, new FeatureStatus(true, List.of()));
            if (types.contains(f.without().getIRI().toString()))
                features.put(feature, new FeatureStatus(false, List.of()));
        }
        return new CaseClassification(c, types, presentations, features);
    }
}
