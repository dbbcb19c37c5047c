package org.aspskg.mapping;

import java.util.Locale;
import org.aspskg.report.Level;

/**
 * The rules {@code asps-kg map --check} applies to a mapping set, each with its level. ERROR rows
 * break the SSSOM specification or asps-kg's promise that every mapping is about a term we have;
 * WARN rows are what SSSOM recommends or asps-kg's curation policy asks for; INFO is tidiness.
 */
public enum MappingRule {
    MISSING_SET_METADATA(Level.ERROR, "a required metadata key (curie_map, mapping_set_id, license) is absent"),
    INVALID_CURIE_MAP(
            Level.ERROR, "the curie_map is not a map of prefixes to absolute IRIs, or redefines a built-in prefix"),
    MISSING_COLUMN(
            Level.ERROR, "a required column (subject_id, predicate_id, object_id, mapping_justification) is absent"),
    MISSING_VALUE(Level.ERROR, "a row leaves a required column empty"),
    INVALID_IDENTIFIER(Level.ERROR, "an identifier is not a CURIE (an IRI or free text where SSSOM wants prefix:id)"),
    UNDECLARED_PREFIX(Level.ERROR, "a CURIE's prefix is neither in the curie_map nor built into SSSOM"),
    INVALID_VALUE(Level.ERROR, "a value is not of its slot's type (date, absolute URI, score from 0 to 1, 'Not')"),
    UNKNOWN_PREDICATE(
            Level.ERROR, "predicate_id is not a mapping predicate SSSOM names (SKOS, OWL, RDFS, oboInOwl:hasDbXref)"),
    INVALID_JUSTIFICATION(Level.ERROR, "mapping_justification is not a SEMAPV term SSSOM allows"),
    DUPLICATE_MAPPING(Level.ERROR, "two rows state the same mapping with the same justification"),
    UNKNOWN_SUBJECT(Level.ERROR, "subject_id is not a term of the ontology"),
    SUBJECT_LABEL_MISMATCH(Level.ERROR, "subject_label is not the subject's rdfs:label in the ontology"),
    MULTIPLE_EXACT_MATCHES(
            Level.ERROR,
            "a subject has more than one exact match in one target vocabulary, or a code is the exact match of several subjects"),
    IDENTIFIER_NOT_CURIE(
            Level.WARN,
            "an identifier outside the mapping's core (subject_source, author_id …) is a full IRI; SSSOM/TSV should write CURIEs"),
    MISSING_LABEL(Level.WARN, "subject_label or object_label is empty (SSSOM recommends both)"),
    MISSING_AUTHOR(Level.WARN, "neither the row nor the set names an author or creator"),
    UNSOURCED_MAPPING(
            Level.WARN,
            "a manually curated mapping has neither see_also nor comment saying where the code was verified"),
    UNKNOWN_SLOT(Level.WARN, "a column or metadata key is not an SSSOM slot, so SSSOM tools drop it"),
    UNUSED_PREFIX(Level.INFO, "a curie_map prefix is used by no identifier");

    private final Level level;
    private final String description;

    MappingRule(Level level, String description) {
        this.level = level;
        this.description = description;
    }

    public Level level() {
        return level;
    }

    public String description() {
        return description;
    }

    /** The rule's name in reports: lower snake case, like ROBOT's report rules. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
