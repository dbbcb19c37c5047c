package org.aspskg.reason;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.aspskg.AspsKgException;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * An ontology classified by one reasoner: consistent, with no unsatisfiable named class. Holds the
 * reasoner open for the materializer and the hierarchy printer; close it to free the reasoner.
 */
public final class Classification implements AutoCloseable {
    private final OWLOntology ontology;
    private final ReasonerKind kind;
    private final OWLReasoner reasoner;
    private final Duration duration;

    private Classification(OWLOntology ontology, ReasonerKind kind, OWLReasoner reasoner, Duration duration) {
        this.ontology = ontology;
        this.kind = kind;
        this.reasoner = reasoner;
        this.duration = duration;
    }

    /**
     * Classifies (and, with HermiT, realizes) the ontology. An inconsistent ontology or an
     * unsatisfiable class is an {@link AspsKgException} naming the problem; {@code asps-kg validate}
     * gives its justification.
     */
    public static Classification classify(OWLOntology ontology, ReasonerKind kind) {
        long start = System.nanoTime();
        OWLReasoner reasoner = kind.factory().createReasoner(ontology);
        try {
            if (!reasoner.isConsistent()) {
                throw new AspsKgException(
                        source(ontology) + "the ontology is inconsistent (" + kind.displayName() + ")",
                        "Run 'asps-kg validate' to see the axioms that clash.");
            }
            reasoner.precomputeInferences(InferenceType.CLASS_HIERARCHY);
            if (kind == ReasonerKind.HERMIT) {
                reasoner.precomputeInferences(InferenceType.CLASS_ASSERTIONS, InferenceType.OBJECT_PROPERTY_HIERARCHY);
            }
            List<String> unsatisfiable = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom().stream()
                    .map(c -> c.getIRI().toString())
                    .sorted()
                    .toList();
            if (!unsatisfiable.isEmpty()) {
                throw new AspsKgException(
                        source(ontology) + "unsatisfiable classes (" + kind.displayName() + "): "
                                + String.join(", ", unsatisfiable),
                        "Run 'asps-kg validate' to see why each is unsatisfiable.");
            }
        } catch (RuntimeException e) {
            reasoner.dispose();
            throw e;
        }
        return new Classification(ontology, kind, reasoner, Duration.ofNanos(System.nanoTime() - start));
    }

    /** "file: " for an ontology read from a local file (messages name the file), else "". */
    private static String source(OWLOntology ontology) {
        try {
            String doc = ontology.getOWLOntologyManager()
                    .getOntologyDocumentIRI(ontology)
                    .toString();
            if (!doc.startsWith("file:")) return "";
            java.nio.file.Path file = java.nio.file.Path.of(java.net.URI.create(doc));
            java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
            return (file.startsWith(here) ? here.relativize(file) : file) + ": ";
        } catch (RuntimeException e) {
            return "";
        }
    }

    public OWLOntology ontology() {
        return ontology;
    }

    public ReasonerKind kind() {
        return kind;
    }

    public OWLReasoner reasoner() {
        return reasoner;
    }

    /** Wall time of consistency check, classification and (HermiT) realization. */
    public Duration duration() {
        return duration;
    }

    /** The ontology's named classes other than owl:Thing and owl:Nothing, by IRI. */
    public List<OWLClass> namedClasses() {
        return ontology.classesInSignature()
                .filter(c -> !c.isOWLThing() && !c.isOWLNothing())
                .sorted(Comparator.comparing(c -> c.getIRI().toString()))
                .toList();
    }

    @Override
    public void close() {
        reasoner.dispose();
    }
}
