/**
 * Reasoning over the ontology. Entry point: {@link org.aspskg.reason.Classification#classify}, with
 * HermiT or ELK ({@link org.aspskg.reason.ReasonerKind}); {@link org.aspskg.reason.InferenceMaterializer}
 * turns a classification into RDF, {@link org.aspskg.reason.ClassHierarchy} into the inferred hierarchy,
 * and {@link org.aspskg.reason.JustificationFinder} explains an inconsistency or an unsatisfiable class.
 */
package org.aspskg.reason;
