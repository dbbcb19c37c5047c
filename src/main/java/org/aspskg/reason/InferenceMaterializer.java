package org.aspskg.reason;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.semanticweb.owlapi.model.HasIRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.parameters.AxiomAnnotations;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * Turns a {@link Classification} into RDF: the inferences that the ontology does not assert, in the
 * shape `robot reason` gives them (direct superclasses, not the transitive closure, so the graph
 * stays small and SPARQL property paths give the rest):
 * <ul>
 *   <li>{@code C rdfs:subClassOf D} for each direct named superclass D of a named class C;</li>
 *   <li>{@code C owl:equivalentClass D} for named classes the reasoner finds equivalent;</li>
 *   <li>{@code i rdf:type C} for each direct named type of a named individual;</li>
 *   <li>{@code p rdfs:subPropertyOf q} for direct object super-properties;</li>
 *   <li>{@code i p j} for object property values between named individuals (HermiT only: ELK does
 *       not answer property-value queries).</li>
 * </ul>
 * An inference counts as asserted when the ontology has the same axiom, ignoring axiom annotations.
 */
public final class InferenceMaterializer {
    private InferenceMaterializer() {}

    /** Classifies with HermiT and materializes; for callers that need the inferences only. */
    public static InferredGraph materialize(OWLOntology ontology) {
        try (Classification classification = Classification.classify(ontology, ReasonerKind.HERMIT)) {
            return materialize(classification);
        }
    }

    public static InferredGraph materialize(Classification classification) {
        OWLOntology ontology = classification.ontology();
        OWLReasoner reasoner = classification.reasoner();
        OWLDataFactory df = ontology.getOWLOntologyManager().getOWLDataFactory();
        Model model = ModelFactory.createDefaultModel();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Emitter emit = new Emitter(ontology, model, counts);

        List<OWLClass> classes = classification.namedClasses();
        for (OWLClass c : classes) {
            reasoner.getSuperClasses(c, true)
                    .entities()
                    .filter(d -> !d.isOWLThing())
                    .forEach(d -> emit.triple("subClassOf", df.getOWLSubClassOfAxiom(c, d), c, RDFS.subClassOf, d));
            reasoner.getEquivalentClasses(c)
                    .entities()
                    // one triple per pair, from the class whose IRI sorts first
                    .filter(d -> c.compareTo(d) < 0 && !d.isOWLThing() && !d.isOWLNothing())
                    .forEach(d -> emit.triple(
                            "equivalentClass", df.getOWLEquivalentClassesAxiom(c, d), c, OWL2.equivalentClass, d));
        }

        List<OWLNamedIndividual> individuals =
                ontology.individualsInSignature(Imports.INCLUDED).sorted().toList();
        for (OWLNamedIndividual i : individuals) {
            reasoner.getTypes(i, true)
                    .entities()
                    .filter(c -> !c.isOWLThing())
                    .forEach(c -> emit.triple("type", df.getOWLClassAssertionAxiom(c, i), i, RDF.type, c));
        }

        List<OWLObjectProperty> properties = ontology.objectPropertiesInSignature(Imports.INCLUDED)
                .filter(p -> !p.isOWLTopObjectProperty() && !p.isOWLBottomObjectProperty())
                .sorted()
                .toList();
        for (OWLObjectProperty p : properties) {
            reasoner.getSuperObjectProperties(p, true)
                    .entities()
                    .filter(q -> q.isNamed() && !q.isOWLTopObjectProperty())
                    .map(q -> q.asOWLObjectProperty())
                    .forEach(q -> emit.triple(
                            "subPropertyOf", df.getOWLSubObjectPropertyOfAxiom(p, q), p, RDFS.subPropertyOf, q));
        }
        if (classification.kind() == ReasonerKind.HERMIT) {
            for (OWLNamedIndividual i : individuals) {
                for (OWLObjectProperty p : properties) {
                    reasoner.getObjectPropertyValues(i, p)
                            .entities()
                            .forEach(j -> emit.triple(
                                    "propertyAssertion",
                                    df.getOWLObjectPropertyAssertionAxiom(p, i, j),
                                    i,
                                    property(model, p),
                                    j));
                }
            }
        }
        return new InferredGraph(model, counts);
    }

    private static Property property(Model model, OWLObjectProperty p) {
        return model.createProperty(p.getIRI().toString());
    }

    /** Adds a triple for an inferred axiom unless the ontology asserts it, and counts it by kind. */
    private record Emitter(OWLOntology ontology, Model model, Map<String, Integer> counts) {
        void triple(String kind, OWLAxiom axiom, HasIRI subject, Property predicate, HasIRI object) {
            counts.putIfAbsent(kind, 0);
            if (ontology.containsAxiom(axiom, Imports.INCLUDED, AxiomAnnotations.IGNORE_AXIOM_ANNOTATIONS)) return;
            Resource s = model.createResource(subject.getIRI().toString());
            Resource o = model.createResource(object.getIRI().toString());
            if (model.contains(s, predicate, o)) return;
            model.add(s, predicate, o);
            counts.merge(kind, 1, Integer::sum);
        }
    }
}
