/**
 * asps-kg: an OWL knowledge graph of alveolar soft part sarcoma and its differential diagnoses. Data
 * flows one way, one package per stage: {@link org.aspskg.ontology} (loading, vocabulary, QC) →
 * {@link org.aspskg.reason} → {@link org.aspskg.store} → {@link org.aspskg.serve}, {@link org.aspskg.query},
 * {@link org.aspskg.ddx} and {@link org.aspskg.export}; {@link org.aspskg.mapping} and
 * {@link org.aspskg.report} serve several stages. The entry point is the command line,
 * {@link org.aspskg.cli.Main}; {@link org.aspskg.AspsKgException} is the one failure a user can act on.
 */
package org.aspskg;
