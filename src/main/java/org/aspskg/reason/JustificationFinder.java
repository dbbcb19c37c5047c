package org.aspskg.reason;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.reasoner.OWLReasonerFactory;

/**
 * Finds one justification (a minimal set of axioms that entails an unwanted consequence) with the
 * black-box expand-then-contract method of Horridge's thesis: grow a subset of the axioms ring by
 * ring along shared signature until the consequence holds, then shrink it, first by windows of
 * axioms and then one axiom at a time, until no axiom can be dropped. Each test asks a fresh
 * reasoner over the candidate subset, so any OWL 2 DL reasoner works.
 */
public final class JustificationFinder {
    private static final int WINDOW = 8;

    private final OWLReasonerFactory reasoners;
    private final OWLOntologyManager scratch = OWLManager.createOWLOntologyManager();
    private int tests;

    public JustificationFinder(OWLReasonerFactory reasoners) {
        this.reasoners = reasoners;
    }

    /** A minimal subset of {@code axioms} in which {@code c} is unsatisfiable (c ⊑ ⊥). */
    public Set<OWLAxiom> forUnsatisfiable(OWLClass c, Collection<? extends OWLAxiom> axioms) {
        return find(axioms, Set.of(c), r -> !r.isConsistent() || !r.isSatisfiable(c));
    }

    /** A minimal subset of {@code axioms} that is inconsistent (⊤ ⊑ ⊥). */
    public Set<OWLAxiom> forInconsistency(Collection<? extends OWLAxiom> axioms) {
        Set<OWLEntity> seed = new HashSet<>();
        axioms.stream()
                .filter(ax -> ax.individualsInSignature().findAny().isPresent())
                .forEach(ax -> ax.signature().forEach(seed::add));
        return find(axioms, seed, r -> !r.isConsistent());
    }

    /** How many reasoner tests this finder has run (for diagnostics and tests). */
    public int tests() {
        return tests;
    }

    private Set<OWLAxiom> find(
            Collection<? extends OWLAxiom> axioms, Set<? extends OWLEntity> seed, Predicate<OWLReasoner> consequence) {
        Predicate<List<OWLAxiom>> entails = subset -> holds(subset, consequence);
        List<OWLAxiom> expanded = expand(axioms, seed, entails);
        return Set.copyOf(contract(expanded, entails));
    }

    private static List<OWLAxiom> expand(
            Collection<? extends OWLAxiom> axioms, Set<? extends OWLEntity> seed, Predicate<List<OWLAxiom>> entails) {
        Set<OWLEntity> signature = new HashSet<>(seed);
        List<OWLAxiom> chosen = new ArrayList<>();
        List<OWLAxiom> rest =
                axioms.stream().sorted().map(OWLAxiom.class::cast).collect(Collectors.toCollection(ArrayList::new));
        while (!rest.isEmpty()) {
            // Axioms about owl:Thing touch everything; an axiom sharing no name with the ring is added last.
            List<OWLAxiom> ring = rest.stream()
                    .filter(ax -> ax.signature().anyMatch(e -> signature.contains(e) || e.isTopEntity()))
                    .toList();
            if (ring.isEmpty()) ring = List.copyOf(rest);
            chosen.addAll(ring);
            rest.removeAll(ring);
            ring.forEach(ax -> ax.signature().forEach(signature::add));
            if (entails.test(chosen)) return chosen;
        }
        throw new IllegalStateException("the consequence does not follow from the whole ontology");
    }

    private static List<OWLAxiom> contract(List<OWLAxiom> axioms, Predicate<List<OWLAxiom>> entails) {
        List<OWLAxiom> kept = new ArrayList<>(axioms);
        for (int window = kept.size() > WINDOW ? WINDOW : 1; window >= 1; window = window == 1 ? 0 : 1) {
            for (int i = 0; i < kept.size(); ) {
                List<OWLAxiom> without = new ArrayList<>(kept.subList(0, i));
                without.addAll(kept.subList(Math.min(i + window, kept.size()), kept.size()));
                if (entails.test(without)) kept = without;
                else i += window;
            }
        }
        return kept;
    }

    private boolean holds(List<OWLAxiom> axioms, Predicate<OWLReasoner> consequence) {
        tests++;
        OWLOntology subset;
        try {
            subset = scratch.createOntology(axioms.stream());
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
        OWLReasoner reasoner = reasoners.createNonBufferingReasoner(subset);
        try {
            return consequence.test(reasoner);
        } finally {
            reasoner.dispose();
            scratch.removeOntology(subset);
        }
    }
}
