package org.aspskg.ontology;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The one home of asps-kg's IRIs: the ontology namespace, its named graphs and the annotation
 * and object properties that code reads. Nothing else types these strings.
 */
public final class AspsVocabulary {
    private AspsVocabulary() {}

    /** Namespace of every asps-kg term (readable local names, CamelCase classes, lowerCamel properties). */
    public static final String NS = "https://w3id.org/asps-kg/";
    /** Conventional prefix for {@link #NS}. */
    public static final String PREFIX = "aspskg";
    /** The ontology IRI. */
    public static final String ONTOLOGY_IRI = NS + "asps.owl";

    /** Named graph holding the asserted ontology as edited. */
    public static final String GRAPH_ASSERTED = NS + "graph/asserted";
    /** Named graph holding what the reasoner inferred and is not asserted. */
    public static final String GRAPH_INFERRED = NS + "graph/inferred";
    /** Named graph holding SKOS mappings to external vocabularies. */
    public static final String GRAPH_MAPPINGS = NS + "graph/mappings";
    /** Named graph holding cases and their ranked differentials. */
    public static final String GRAPH_CASES = NS + "graph/cases";

    /** The source article (Radiopaedia rID 59433). */
    public static final String SOURCE_ARTICLE = NS + "source/radiopaedia-59433";

    public static String iri(String localName) {
        return NS + localName;
    }

    public static Resource resource(String localName) {
        return ResourceFactory.createResource(iri(localName));
    }

    public static Property property(String localName) {
        return ResourceFactory.createProperty(iri(localName));
    }
}
