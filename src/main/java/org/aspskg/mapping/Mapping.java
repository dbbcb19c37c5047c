package org.aspskg.mapping;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a mapping set: the values of its columns (quotes removed, empty cells left out)
 * and the line of the file where the row starts.
 */
public record Mapping(int line, Map<String, String> values) {
    public Mapping {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of a column, or "" when the cell is empty or the column absent. */
    public String get(String slot) {
        return values.getOrDefault(slot, "");
    }

    public boolean has(String slot) {
        return !get(slot).isBlank();
    }

    /** The values of a multivalued column, split at '|'. */
    public List<String> getAll(String slot) {
        String v = get(slot);
        if (v.isBlank()) return List.of();
        return Arrays.stream(v.split("\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public String subjectId() {
        return get(SssomSlots.SUBJECT_ID);
    }

    public String subjectLabel() {
        return get(SssomSlots.SUBJECT_LABEL);
    }

    public String predicateId() {
        return get(SssomSlots.PREDICATE_ID);
    }

    public String objectId() {
        return get(SssomSlots.OBJECT_ID);
    }

    public String objectLabel() {
        return get(SssomSlots.OBJECT_LABEL);
    }

    public String justification() {
        return get(SssomSlots.MAPPING_JUSTIFICATION);
    }

    /** True when the row states that subject and object do not match (predicate_modifier "Not"). */
    public boolean negated() {
        return SssomSlots.NEGATED.equals(get(SssomSlots.PREDICATE_MODIFIER));
    }
}
