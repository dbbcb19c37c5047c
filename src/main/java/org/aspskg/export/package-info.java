/**
 * Release artefacts in every format. Entry points: {@link org.aspskg.export.Release} ({@code asps-kg release})
 * and {@link org.aspskg.export.ArtefactWriter} ({@code asps-kg export}), both over the
 * {@link org.aspskg.export.ReleaseSources} read once from the ontology and its mapping set.
 */
package org.aspskg.export;
