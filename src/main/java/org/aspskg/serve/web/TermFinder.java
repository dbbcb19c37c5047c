package org.aspskg.serve.web;

import java.util.List;

/**
 * Finds terms by what a user types: a label, a synonym, a CURIE or an external code. The web front's
 * search box, its JSON API and the differential form's autocomplete all ask this one interface
 * ({@link StoreTermSearch}, the shared text index over the store's classes).
 */
interface TermFinder {
    /**
     * One term found: its IRI, label and CURIE; the name that matched, how it matched ("exact label",
     * "label prefix", …, best first as OLS ranks) and what kind of name it is ("label", "exact
     * synonym", "external code", …); its facet (the top class it falls under, e.g. "finding",
     * "anatomical site", "lesion").
     */
    record Hit(
            String iri,
            String label,
            String curie,
            String matchedName,
            String matchType,
            String nameType,
            String facet) {}

    /** At most {@code limit} hits for {@code text}, best first; only facets in {@code facets} unless it is empty. */
    List<Hit> search(String text, int limit, List<String> facets);
}
