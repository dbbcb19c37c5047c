/**
 * The ranked differential diagnosis of a patient case, in stages, each a sub-package given only
 * what it uses: {@code cases} (the case model and its RDF) → {@code read} (a case from JSON, Turtle
 * or a file, checked) → {@code classify} (against the ontology's case classes) → {@code rank}
 * (likelihood ratios) → {@code render} (table, JSON, Turtle) or {@code store} (the cases graph);
 * {@code cohort} generates, writes and loads synthetic cohorts.
 *
 * <p>This package is the composition root only. Entry point: {@link org.aspskg.ddx.DdxKnowledge},
 * which loads the ontology and the case shapes once and builds every stage; its
 * {@link org.aspskg.ddx.DdxKnowledge#pipeline() pipeline} reads a case, ranks it and hands back a
 * {@link org.aspskg.ddx.render.RankedCase} that every output format renders from.
 */
package org.aspskg.ddx;
