/**
 * The ontology source: {@link org.aspskg.ontology.OntologyLoader} reads it (RDF syntax checked by Jena
 * first, {@code owl:imports} from local files only), {@link org.aspskg.ontology.AspsVocabulary} is the
 * one home of its IRIs. Quality control is in {@link org.aspskg.ontology.qc}.
 */
package org.aspskg.ontology;
