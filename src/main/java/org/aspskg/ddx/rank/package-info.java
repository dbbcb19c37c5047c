/**
 * Ranking a classified case's differential diagnosis by likelihood ratios read from the ontology's
 * disease-feature associations ({@link org.aspskg.ddx.rank.DiseaseFeatureAssociations}), into a
 * {@link org.aspskg.ddx.rank.DifferentialRanking} of {@link org.aspskg.ddx.rank.RankedHypothesis}es
 * with their {@link org.aspskg.ddx.rank.Evidence}.
 *
 * <p>Entry point: {@link org.aspskg.ddx.rank.DifferentialRanker}.
 */
package org.aspskg.ddx.rank;
