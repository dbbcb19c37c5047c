package org.aspskg.ddx.rank;

/**
 * A numbered reference that an association cites ({@code aspskg:citesReference}): its IRI, as the
 * ontology names it (e.g. {@code src:radiopaedia-59433-ref-11}), and its number in its source's
 * reference list ({@code aspskg:referenceNumber}), which is how people are shown it; a work cited as a
 * whole ({@code dcterms:source}) has number 0 and is shown by its name.
 */
public record Reference(String iri, int number) {
    /** The source's name for people when it has no number: the last segment of its IRI. */
    public String shortName() {
        return iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
    }
}
