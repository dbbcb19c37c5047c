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

    /** Named graph of the synthetic data that {@code asps-kg bench} loads; never part of a built store. */
    public static final String GRAPH_SYNTHETIC = NS + "graph/synthetic";
    /** Namespace of statement nodes ({@code fact:}). */
    public static final String FACT_NS = NS + "fact/";
    /** Namespace of the synthetic individuals that {@code asps-kg bench} generates. */
    public static final String SYNTHETIC_NS = NS + "synthetic/";

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

    // --- Terms of other vocabularies that the quality checks read (OBO, IAO, oboInOwl) ---

    /** OBO PURL namespace. */
    public static final String OBO = "http://purl.obolibrary.org/obo/";
    /** oboInOwl namespace (synonyms, cross-references, subsets). */
    public static final String OBO_IN_OWL = "http://www.geneontology.org/formats/oboInOwl#";

    /** IAO 'definition': every asps-kg term has exactly one. */
    public static final Property DEFINITION = ResourceFactory.createProperty(OBO + "IAO_0000115");
    /** IAO 'elucidation', accepted by ROBOT in place of a definition. */
    public static final Property ELUCIDATION = ResourceFactory.createProperty(OBO + "IAO_0000600");
    /** IAO 'alternative label', an exact synonym. */
    public static final Property ALTERNATIVE_LABEL = ResourceFactory.createProperty(OBO + "IAO_0000118");
    /** IAO 'term replaced by', only for deprecated terms. */
    public static final Property TERM_REPLACED_BY = ResourceFactory.createProperty(OBO + "IAO_0100001");
    /** OMO 'abbreviation' synonym type. */
    public static final Resource ABBREVIATION = ResourceFactory.createResource(OBO + "OMO_0003000");
    /** OMO 'acronym' synonym type. */
    public static final Resource ACRONYM = ResourceFactory.createResource(OBO + "OMO_0003012");

    public static final Property HAS_EXACT_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasExactSynonym");
    public static final Property HAS_BROAD_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasBroadSynonym");
    public static final Property HAS_NARROW_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasNarrowSynonym");
    public static final Property HAS_RELATED_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasRelatedSynonym");
    public static final Property HAS_SYNONYM_TYPE = ResourceFactory.createProperty(OBO_IN_OWL + "hasSynonymType");
    public static final Property HAS_DB_XREF = ResourceFactory.createProperty(OBO_IN_OWL + "hasDbXref");
    public static final Property IN_SUBSET = ResourceFactory.createProperty(OBO_IN_OWL + "inSubset");
    public static final Resource SUBSET_PROPERTY = ResourceFactory.createResource(OBO_IN_OWL + "SubsetProperty");
    public static final Resource SYNONYM_TYPE_PROPERTY = ResourceFactory.createResource(OBO_IN_OWL + "SynonymTypeProperty");
    public static final Resource OBSOLETE_CLASS = ResourceFactory.createResource(OBO_IN_OWL + "ObsoleteClass");

    /** IRI prefixes that look like OBO PURLs but are not the canonical {@link #OBO} one. */
    public static final java.util.List<String> NON_CANONICAL_OBO_PREFIXES = java.util.List.of(
            "https://purl.obolibrary.org/obo/", "http://purl.org/obo/", "http://www.obofoundry.org/");
}
