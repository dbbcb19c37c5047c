package org.aspskg.mapping;

import java.util.List;
import java.util.Set;

/**
 * What the SSSOM schema (sssom_schema.yaml, version 1.1) says about its slots, as far as reading
 * and checking a mapping set needs: which slots exist on a mapping and on a mapping set, which
 * hold identifiers (CURIEs), URIs, dates or scores, and which hold several values separated by '|'.
 */
public final class SssomSlots {
    private SssomSlots() {}

    public static final String SUBJECT_ID = "subject_id";
    public static final String SUBJECT_LABEL = "subject_label";
    public static final String PREDICATE_ID = "predicate_id";
    public static final String PREDICATE_MODIFIER = "predicate_modifier";
    public static final String OBJECT_ID = "object_id";
    public static final String OBJECT_LABEL = "object_label";
    public static final String MAPPING_JUSTIFICATION = "mapping_justification";
    public static final String AUTHOR_ID = "author_id";
    public static final String AUTHOR_LABEL = "author_label";
    public static final String CREATOR_ID = "creator_id";
    public static final String CREATOR_LABEL = "creator_label";
    public static final String MAPPING_DATE = "mapping_date";
    public static final String SEE_ALSO = "see_also";
    public static final String COMMENT = "comment";
    public static final String CURIE_MAP = "curie_map";
    public static final String MAPPING_SET_ID = "mapping_set_id";
    public static final String MAPPING_SET_VERSION = "mapping_set_version";
    public static final String MAPPING_SET_TITLE = "mapping_set_title";
    public static final String LICENSE = "license";

    /** Columns every mapping row must have (the core of a mapping). */
    public static final List<String> REQUIRED_COLUMNS =
            List.of(SUBJECT_ID, PREDICATE_ID, OBJECT_ID, MAPPING_JUSTIFICATION);
    /** Metadata every mapping set must have: SSSOM requires the id and the license, SSSOM/TSV the curie_map. */
    public static final List<String> REQUIRED_SET_METADATA = List.of(CURIE_MAP, MAPPING_SET_ID, LICENSE);

    /** Slots of the Mapping class: the columns a mapping row may have. */
    public static final List<String> MAPPING = List.of(
            "record_id",
            SUBJECT_ID,
            SUBJECT_LABEL,
            "subject_category",
            PREDICATE_ID,
            "predicate_label",
            PREDICATE_MODIFIER,
            OBJECT_ID,
            OBJECT_LABEL,
            "object_category",
            MAPPING_JUSTIFICATION,
            AUTHOR_ID,
            AUTHOR_LABEL,
            "reviewer_id",
            "reviewer_label",
            CREATOR_ID,
            CREATOR_LABEL,
            LICENSE,
            "subject_type",
            "subject_source",
            "subject_source_version",
            "object_type",
            "object_source",
            "object_source_version",
            "predicate_type",
            "mapping_provider",
            "mapping_source",
            "mapping_cardinality",
            "cardinality_scope",
            "mapping_tool",
            "mapping_tool_id",
            "mapping_tool_version",
            MAPPING_DATE,
            "publication_date",
            "review_date",
            "confidence",
            "curation_rule",
            "curation_rule_text",
            "subject_match_field",
            "object_match_field",
            "match_string",
            "subject_preprocessing",
            "object_preprocessing",
            "similarity_score",
            "similarity_measure",
            SEE_ALSO,
            "issue_tracker_item",
            "other",
            COMMENT);

    /** Slots of the MappingSet class: the keys the metadata block may have ("mappings" is the TSV part). */
    public static final List<String> MAPPING_SET = List.of(
            "sssom_version",
            CURIE_MAP,
            MAPPING_SET_ID,
            MAPPING_SET_VERSION,
            "mapping_set_source",
            MAPPING_SET_TITLE,
            "mapping_set_description",
            "mapping_set_confidence",
            CREATOR_ID,
            CREATOR_LABEL,
            LICENSE,
            "subject_type",
            "subject_source",
            "subject_source_version",
            "object_type",
            "object_source",
            "object_source_version",
            "predicate_type",
            "mapping_provider",
            "cardinality_scope",
            "mapping_tool",
            "mapping_tool_id",
            "mapping_tool_version",
            MAPPING_DATE,
            "publication_date",
            "subject_match_field",
            "object_match_field",
            "subject_preprocessing",
            "object_preprocessing",
            "similarity_measure",
            "curation_rule",
            "curation_rule_text",
            SEE_ALSO,
            "issue_tracker",
            "other",
            COMMENT,
            "extension_definitions");

    /** Slots whose values are identifiers (EntityReference), written as CURIEs in SSSOM/TSV. */
    public static final Set<String> IDENTIFIERS = Set.of(
            "record_id",
            SUBJECT_ID,
            PREDICATE_ID,
            OBJECT_ID,
            MAPPING_JUSTIFICATION,
            AUTHOR_ID,
            "reviewer_id",
            CREATOR_ID,
            "subject_source",
            "object_source",
            "mapping_source",
            "curation_rule",
            "subject_match_field",
            "object_match_field",
            "subject_preprocessing",
            "object_preprocessing",
            "issue_tracker_item");

    /** Slots whose values are absolute URIs (NonRelativeURI). */
    public static final Set<String> URIS =
            Set.of(LICENSE, "mapping_provider", SEE_ALSO, MAPPING_SET_ID, "mapping_set_source", "issue_tracker");

    /** Slots whose values are dates (YYYY-MM-DD). */
    public static final Set<String> DATES = Set.of(MAPPING_DATE, "publication_date", "review_date");

    /** Slots whose values are numbers from 0 to 1. */
    public static final Set<String> SCORES = Set.of("confidence", "similarity_score", "mapping_set_confidence");

    /** Slots that hold several values, separated by '|' in the TSV part. */
    public static final Set<String> MULTIVALUED = Set.of(
            AUTHOR_ID,
            AUTHOR_LABEL,
            "reviewer_id",
            "reviewer_label",
            CREATOR_ID,
            CREATOR_LABEL,
            "curation_rule",
            "curation_rule_text",
            "subject_match_field",
            "object_match_field",
            "subject_preprocessing",
            "object_preprocessing",
            SEE_ALSO,
            "mapping_set_source",
            "cardinality_scope");

    /** Slots a mapping set may hold for all its mappings (SSSOM "propagatable" slots). */
    public static final Set<String> PROPAGATABLE = Set.of(
            "subject_type",
            "subject_source",
            "subject_source_version",
            "object_type",
            "object_source",
            "object_source_version",
            "predicate_type",
            "mapping_provider",
            "cardinality_scope",
            "mapping_tool",
            "mapping_tool_id",
            "mapping_tool_version",
            MAPPING_DATE,
            "subject_match_field",
            "object_match_field",
            "subject_preprocessing",
            "object_preprocessing",
            "similarity_measure",
            "curation_rule",
            "curation_rule_text");

    /** The only value of predicate_modifier: the mapping states that subject and object do NOT match. */
    public static final String NEGATED = "Not";
}
