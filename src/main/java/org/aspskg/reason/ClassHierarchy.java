package org.aspskg.reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.parameters.AxiomAnnotations;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.search.EntitySearcher;

/**
 * The inferred class hierarchy of a {@link Classification}: each named class under its direct
 * named superclasses, every edge marked asserted or inferred. A class with two parents appears under
 * both (as in Protégé's inferred view).
 */
public final class ClassHierarchy {
    /** One direct subsumption: child under parent, and whether the ontology asserts it. */
    public record Edge(OWLClass child, OWLClass parent, boolean asserted) {}

    private final Classification classification;
    private final Map<OWLClass, List<Edge>> childrenOf = new TreeMap<>();
    private final List<Edge> edges = new ArrayList<>();

    public ClassHierarchy(Classification classification) {
        this.classification = classification;
        OWLOntology o = classification.ontology();
        var df = o.getOWLOntologyManager().getOWLDataFactory();
        for (OWLClass c : classification.namedClasses()) {
            classification
                    .reasoner()
                    .getSuperClasses(c, true)
                    .entities()
                    .sorted()
                    .forEach(parent -> {
                        boolean asserted = parent.isOWLThing()
                                || o.containsAxiom(
                                        df.getOWLSubClassOfAxiom(c, parent),
                                        Imports.INCLUDED,
                                        AxiomAnnotations.IGNORE_AXIOM_ANNOTATIONS);
                        Edge e = new Edge(c, parent, asserted);
                        edges.add(e);
                        childrenOf
                                .computeIfAbsent(parent, k -> new ArrayList<>())
                                .add(e);
                    });
        }
    }

    /** Every direct subsumption, by child then parent IRI. */
    public List<Edge> edges() {
        return edges.stream()
                .sorted(Comparator.comparing((Edge e) -> e.child().getIRI().toString())
                        .thenComparing(e -> e.parent().getIRI().toString()))
                .toList();
    }

    /** The direct subsumptions the reasoner found that the ontology does not assert. */
    public List<Edge> inferredEdges() {
        return edges().stream().filter(e -> !e.asserted()).toList();
    }

    /** The hierarchy as an indented tree from owl:Thing, labels first, inferred edges marked. */
    public List<String> treeLines() {
        List<String> lines = new ArrayList<>();
        OWLClass thing = classification
                .ontology()
                .getOWLOntologyManager()
                .getOWLDataFactory()
                .getOWLThing();
        walk(thing, 0, lines, new HashSet<>());
        return lines;
    }

    private void walk(OWLClass parent, int depth, List<String> lines, Set<OWLClass> path) {
        List<Edge> children = new ArrayList<>(childrenOf.getOrDefault(parent, List.of()));
        children.sort(Comparator.comparing(e -> label(e.child())));
        for (Edge e : children) {
            if (!path.add(e.child())) continue;
            lines.add("  ".repeat(depth) + label(e.child()) + " <"
                    + e.child().getIRI().getShortForm() + ">" + (e.asserted() ? "" : "  [inferred]"));
            walk(e.child(), depth + 1, lines, path);
            path.remove(e.child());
        }
    }

    /** The class's English label, or its IRI's local name. */
    public String label(OWLClass c) {
        return EntitySearcher.getAnnotationObjects(
                        c,
                        classification.ontology(),
                        classification
                                .ontology()
                                .getOWLOntologyManager()
                                .getOWLDataFactory()
                                .getRDFSLabel())
                .map(a -> a.getValue().asLiteral())
                .flatMap(Optional::stream)
                .map(OWLLiteral::getLiteral)
                .findFirst()
                .orElse(c.getIRI().getShortForm());
    }
}
