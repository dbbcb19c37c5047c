/**
 * Cohorts of cases: a deterministic synthetic cohort drawn from the ontology's associations, written
 * in the case formats, and case files loaded into a build's cases graph, checked chunk by chunk.
 *
 * <p>Entry points: {@link org.aspskg.ddx.cohort.CohortGenerator}, {@link org.aspskg.ddx.cohort.CohortWriter}
 * ({@code asps-kg generate}) and {@link org.aspskg.ddx.cohort.CohortLoader} ({@code asps-kg build --cases}).
 */
package org.aspskg.ddx.cohort;
