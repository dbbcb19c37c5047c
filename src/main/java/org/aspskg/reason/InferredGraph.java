package org.aspskg.reason;

import java.util.Map;
import org.apache.jena.rdf.model.Model;

/**
 * What a reasoner inferred that the ontology does not assert, as RDF triples, with a count per kind
 * of inference ({@code subClassOf}, {@code equivalentClass}, {@code type}, {@code subPropertyOf},
 * {@code propertyAssertion}).
 */
public record InferredGraph(Model model, Map<String, Integer> countsByKind) {
    public long size() {
        return model.size();
    }
}
