package org.aspskg.store;

import java.util.Locale;

/** The phases of {@code asps-kg build}, in order. */
public enum BuildPhase {
    /** Read the ontology with Jena (syntax, file:line) and the OWL API. */
    PARSE,
    /** Classify and realize with the reasoner; check consistency and satisfiability. */
    CLASSIFY,
    /** Turn the inferences the ontology does not assert into RDF. */
    MATERIALIZE,
    /** Write the named graphs into a fresh TDB2 directory. */
    LOAD,
    /** Move the finished store into place. */
    SWAP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
