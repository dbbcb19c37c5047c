package org.aspskg.serve.web;

import java.util.List;

/**
 * Finds terms by what a user types: a label, a synonym, a CURIE or an external code. The web front's
 * search box, its JSON API and the differential form's autocomplete all ask this one interface.
 */
interface TermFinder {
    /**
     * How a hit matched, best first, as OLS ranks: exact matches (label, then synonym, then code), then
     * label prefixes, synonym prefixes, code prefixes, and a word inside a name last.
     */
    enum MatchType {
        EXACT_LABEL("exact label"),
        EXACT_SYNONYM("exact synonym"),
        EXACT_CODE("exact code"),
        LABEL_PREFIX("label prefix"),
        SYNONYM_PREFIX("synonym prefix"),
        CODE_PREFIX("code prefix"),
        LABEL_WORD("word of the label"),
        SYNONYM_WORD("word of a synonym"),
        SUBSTRING("part of a name");

        final String text;

        MatchType(String text) {
            this.text = text;
        }
    }

    /**
     * One term found: its IRI, label and CURIE, the name that matched and how, and its facet (the top
     * class it falls under, e.g. "finding", "anatomical site", "lesion").
     */
    record Hit(String iri, String label, String curie, String matchedName, MatchType matchType, String facet) {}

    /** At most {@code limit} hits for {@code text}, best first; only facets in {@code facets} unless it is empty. */
    List<Hit> search(String text, int limit, List<String> facets);
}
