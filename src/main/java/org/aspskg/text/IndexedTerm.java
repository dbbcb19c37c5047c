package org.aspskg.text;

import java.util.List;

/**
 * A class the index holds, with every name it can be found by.
 *
 * @param iri   the class IRI
 * @param label its rdfs:label
 * @param curie its CURIE with the ontology's prefixes
 * @param kind  what sort of thing it is ("finding", "anatomical site", "demographic group")
 * @param names label, synonyms, CURIE, IRI and external codes
 */
public record IndexedTerm(String iri, String label, String curie, String kind, List<Name> names) {

    /** One name of a term and where it comes from. */
    public record Name(String text, NameType type) {}

    public IndexedTerm {
        names = List.copyOf(names);
    }
}
