package org.aspskg.mapping;

import java.util.Arrays;
import java.util.Optional;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The mapping predicates SSSOM names for predicate_id (its schema's list), with what asps-kg
 * does with each: which state that subject and object are the same thing ("exact", at most one
 * per subject and target vocabulary), and which become an {@code oboInOwl:hasDbXref} on our term
 * (those that mean "same or nearly the same", as OBO ontologies use xrefs; a broader, narrower or
 * related concept is not a cross-reference).
 */
public enum MappingPredicate {
    EXACT_MATCH(AspsVocabulary.SKOS + "exactMatch", true, true),
    CLOSE_MATCH(AspsVocabulary.SKOS + "closeMatch", false, true),
    BROAD_MATCH(AspsVocabulary.SKOS + "broadMatch", false, false),
    NARROW_MATCH(AspsVocabulary.SKOS + "narrowMatch", false, false),
    RELATED_MATCH(AspsVocabulary.SKOS + "relatedMatch", false, false),
    EQUIVALENT_CLASS(OWL.equivalentClass.getURI(), true, true),
    EQUIVALENT_PROPERTY(OWL.equivalentProperty.getURI(), true, true),
    SAME_AS(OWL.sameAs.getURI(), true, true),
    SUBCLASS_OF(RDFS.subClassOf.getURI(), false, false),
    SUBPROPERTY_OF(RDFS.subPropertyOf.getURI(), false, false),
    HAS_DB_XREF(AspsVocabulary.HAS_DB_XREF.getURI(), false, true),
    SEE_ALSO(RDFS.seeAlso.getURI(), false, false);

    private final String iri;
    private final boolean exact;
    private final boolean crossReference;

    MappingPredicate(String iri, boolean exact, boolean crossReference) {
        this.iri = iri;
        this.exact = exact;
        this.crossReference = crossReference;
    }

    public String iri() {
        return iri;
    }

    /** True when the predicate says subject and object are the same entity. */
    public boolean exact() {
        return exact;
    }

    /** True when a mapping with this predicate is also published as an oboInOwl:hasDbXref. */
    public boolean crossReference() {
        return crossReference;
    }

    public static Optional<MappingPredicate> ofIri(String iri) {
        return Arrays.stream(values()).filter(p -> p.iri.equals(iri)).findFirst();
    }
}
