package org.aspskg.export;

/**
 * The release artefacts, named as OBO ontologies name theirs (the Ontology Development Kit layout):
 * the asserted ontology, its base (our own axioms only) and its full form (with the reasoner's
 * inferences). The main artefact keeps the ontology's IRI and versionIRI; the others get their own
 * ontology IRI and a versionIRI in the same release path ({@code …/releases/DATE/asps-full.owl}).
 */
public enum Artefact {
    /** The ontology as edited, with the mapping set's cross-references. */
    MAIN("asps"),
    /** Axioms about asps-kg's own terms: no labels or characteristics of the external terms it reuses. */
    BASE("asps-base"),
    /** The asserted ontology plus HermiT's materialized inferences. */
    FULL("asps-full");

    private final String stem;

    Artefact(String stem) {
        this.stem = stem;
    }

    /** File name without extension. */
    public String stem() {
        return stem;
    }

    public String fileName(ExportFormat format) {
        return stem + "." + format.extension();
    }
}
