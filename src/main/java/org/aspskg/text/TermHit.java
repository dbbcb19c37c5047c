package org.aspskg.text;

/**
 * One result of {@link TermSearch#search}: a term, the name it was found by and how.
 *
 * @param iri         the class IRI
 * @param label       its label
 * @param curie       its CURIE
 * @param kind        "finding", "anatomical site" or "demographic group"
 * @param matchedName the name that matched (label, synonym, CURIE or code)
 * @param nameType    where that name comes from
 * @param match       how it matched
 * @param score       Lucene's score of the hit (only for ordering hits of the same match kind)
 */
public record TermHit(
        String iri,
        String label,
        String curie,
        String kind,
        String matchedName,
        NameType nameType,
        MatchKind match,
        float score) {

    /** The same term and score, matched by {@code how} from the words {@code matched} (a reading rule's hit). */
    public TermHit matchedAs(String matched, MatchKind how) {
        return new TermHit(iri, label, curie, kind, matched, nameType, how, score);
    }

    /** {@code flow voids on MRI (aspskg:FlowVoid)}. */
    public String describe() {
        return label + " (" + curie + ")";
    }
}
