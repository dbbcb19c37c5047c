package org.aspskg.ddx.rank;

/**
 * A numbered reference that an association cites ({@code aspskg:citesReference}): its IRI, as the
 * ontology names it (e.g. {@code src:radiopaedia-59433-ref-11}), and its number in its source's
 * reference list ({@code aspskg:referenceNumber}), which is how people are shown it.
 */
public record Reference(String iri, int number) {}
