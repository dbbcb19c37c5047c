package org.aspskg.text;

/**
 * How a query or phrase matched a term's name, best first: the order {@link TermSearch} ranks
 * hits in (as OLS does: exact label, then exact synonym or code, then label prefix, then the
 * looser kinds).
 */
public enum MatchKind {
    /** The label itself, without regard to case or spacing. */
    EXACT_LABEL("exact label"),
    /** An exact, related or broad synonym, the CURIE, the IRI or an external code, as written. */
    EXACT_SYNONYM("exact synonym"),
    /** The label starts with the query (autocomplete). */
    LABEL_PREFIX("label prefix"),
    /** A synonym starts with the query (autocomplete). */
    SYNONYM_PREFIX("synonym prefix"),
    /** The same words after analysis: any order, plurals and stems, British or American spelling, abbreviations. */
    STEM("stem"),
    /**
     * The same words once words that do not change the finding are left out: on the phrase's side
     * ("left", "palpable", "mass"), on the name's side (a stain's "positive", "immunostaining").
     */
    MODIFIER("modifiers left out"),
    /** Every word of the query is in the name (search only). */
    PARTIAL("partial"),
    /** Words within a small edit distance of the name's (typing errors). */
    FUZZY("fuzzy"),
    /** A pattern of the annotator, not a name: a size in cm or mm that the ontology has a size finding for. */
    PATTERN("size pattern"),
    /**
     * A finding named without its modality ("necrosis", "heterogeneous enhancement") in a sentence or
     * paragraph about one modality: the finding on that modality ("necrosis on MRI").
     */
    MODALITY_CONTEXT("modality from context"),
    /** A bone under a negation cue ("no evidence of extension into the femur"): the lesion does not involve bone. */
    NEGATED_BONE("bone under a negation"),
    /** A site named as where a metastasis is ("metastases to the lung"): the metastasis in that site. */
    METASTASIS_SITE("site of a metastasis"),
    /**
     * A heterogeneity word right before a signal finding on an MRI sequence ("heterogeneously bright on
     * T2"): the heterogeneous signal on that sequence as well.
     */
    HETEROGENEOUS_SIGNAL("heterogeneity of a signal"),
    /**
     * A phrasing of {@code phrase-patterns.tsv} that the term's definition says ("slowly increasing in
     * size" for slow growth, "markedly vascular" for hypervascularity).
     */
    PHRASE_PATTERN("phrase pattern");

    private final String description;

    MatchKind(String description) {
        this.description = description;
    }

    /** How the match reads in output: "exact label", "stem", … */
    public String description() {
        return description;
    }

    /** Whether a match of this kind is good enough to resolve a case's phrase on its own. */
    public boolean resolves() {
        return this != LABEL_PREFIX && this != SYNONYM_PREFIX && this != PARTIAL;
    }
}
