package org.aspskg.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/** The entities an ontology declares (classes, properties, named individuals) and their rdfs:labels. */
public final class OntologyTerms {
    private static final List<Resource> ENTITY_TYPES = List.of(
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            OWL.AnnotationProperty,
            OWL2.NamedIndividual,
            RDFS.Datatype);

    private final Map<String, Set<String>> labels = new HashMap<>();

    public OntologyTerms(Model ontology) {
        for (Resource type : ENTITY_TYPES) {
            ontology.listSubjectsWithProperty(RDF.type, type).forEachRemaining(s -> {
                if (s.isURIResource()) labels.computeIfAbsent(s.getURI(), k -> new TreeSet<>());
            });
        }
        for (Map.Entry<String, Set<String>> e : labels.entrySet()) {
            ontology.listStatements(ontology.createResource(e.getKey()), RDFS.label, (RDFNode) null)
                    .mapWith(Statement::getObject)
                    .filterKeep(RDFNode::isLiteral)
                    .forEachRemaining(o -> e.getValue().add(o.asLiteral().getLexicalForm()));
        }
    }

    public boolean declares(String iri) {
        return labels.containsKey(iri);
    }

    /** The lexical forms of the term's rdfs:labels (any language), sorted; empty if none or undeclared. */
    public Set<String> labels(String iri) {
        return labels.getOrDefault(iri, Set.of());
    }
}
