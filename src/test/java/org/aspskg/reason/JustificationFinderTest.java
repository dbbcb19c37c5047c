package org.aspskg.reason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/** The black-box justification finder returns a minimal entailing set, not just any entailing set. */
class JustificationFinderTest {
    private final OWLDataFactory df = OWLManager.getOWLDataFactory();
    private final ReasonerFactory hermit = new ReasonerFactory();

    private OWLClass cls(String name) {
        return df.getOWLClass(IRI.create(AspsVocabulary.iri("test/" + name)));
    }

    @Test
    void justificationOfAnUnsatisfiableClassIsMinimalAmongTwoAlternatives() throws Exception {
        OWLClass a = cls("A"), b = cls("B"), c = cls("C"), d = cls("D");
        List<OWLAxiom> axioms = new ArrayList<>(List.of(
                df.getOWLSubClassOfAxiom(a, b),
                df.getOWLSubClassOfAxiom(b, c),
                df.getOWLSubClassOfAxiom(a, c), // a second way to A ⊑ C
                df.getOWLDisjointClassesAxiom(c, d),
                df.getOWLSubClassOfAxiom(a, d)));
        for (int i = 0; i < 30; i++) { // noise that shares no name with A
            axioms.add(df.getOWLSubClassOfAxiom(cls("N" + i), cls("N" + (i + 1))));
        }
        Set<OWLAxiom> justification = new JustificationFinder(hermit).forUnsatisfiable(a, axioms);

        Set<OWLAxiom> shortest = Set.of(
                df.getOWLSubClassOfAxiom(a, c), df.getOWLDisjointClassesAxiom(c, d), df.getOWLSubClassOfAxiom(a, d));
        Set<OWLAxiom> longer = Set.of(
                df.getOWLSubClassOfAxiom(a, b),
                df.getOWLSubClassOfAxiom(b, c),
                df.getOWLDisjointClassesAxiom(c, d),
                df.getOWLSubClassOfAxiom(a, d));
        assertTrue(justification.equals(shortest) || justification.equals(longer), justification.toString());
        assertFalse(satisfiable(a, justification));
        for (OWLAxiom ax : justification) {
            Set<OWLAxiom> fewer = new HashSet<>(justification);
            fewer.remove(ax);
            assertTrue(satisfiable(a, fewer), "not minimal: " + ax + " can be dropped");
        }
    }

    @Test
    void justificationOfAnInconsistencyNamesTheClashingAssertions() {
        OWLClass b = cls("B"), c = cls("C");
        var x = df.getOWLNamedIndividual(IRI.create(AspsVocabulary.iri("test/x")));
        List<OWLAxiom> axioms = List.of(
                df.getOWLDisjointClassesAxiom(b, c),
                df.getOWLClassAssertionAxiom(b, x),
                df.getOWLClassAssertionAxiom(c, x),
                df.getOWLSubClassOfAxiom(b, cls("Unrelated")));
        assertEquals(
                Set.of(axioms.get(0), axioms.get(1), axioms.get(2)),
                new JustificationFinder(hermit).forInconsistency(axioms));
    }

    private boolean satisfiable(OWLClass c, Set<OWLAxiom> axioms) {
        try {
            OWLOntologyManager m = OWLManager.createOWLOntologyManager();
            OWLOntology o = m.createOntology(axioms);
            OWLReasoner r = hermit.createReasoner(o);
            try {
                return r.isConsistent() && r.isSatisfiable(c);
            } finally {
                r.dispose();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
