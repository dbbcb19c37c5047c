package org.aspskg.reason;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2ELProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/**
 * What ELK cannot see: the logical axioms outside OWL 2 EL (universal restrictions, negation,
 * disjunction, cardinalities, …). ELK ignores them or uses only their EL part, so subsumptions that
 * depend on them are missed; HermiT is complete for all of them.
 */
public final class ElkCoverage {
    private final List<OWLAxiom> outsideEl;
    private final Map<String, Long> byConstruct;

    public ElkCoverage(OWLOntology ontology) {
        List<OWLProfileViolation> violations =
                new OWL2ELProfile().checkOntology(ontology).getViolations();
        this.outsideEl = violations.stream()
                .map(OWLProfileViolation::getAxiom)
                .filter(a -> a != null && a.isLogicalAxiom())
                .distinct()
                .sorted(Comparator.comparing(Object::toString))
                .toList();
        this.byConstruct = violations.stream()
                .filter(v -> v.getAxiom() != null && v.getAxiom().isLogicalAxiom())
                .collect(Collectors.groupingBy(v -> v.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
    }

    /** Logical axioms that are not OWL 2 EL, sorted. */
    public List<OWLAxiom> axiomsOutsideEl() {
        return outsideEl;
    }

    /** How many violations of each kind (the OWL API's violation class names, e.g. UseOfIllegalClassExpression). */
    public Map<String, Long> violationsByKind() {
        return byConstruct;
    }
}
