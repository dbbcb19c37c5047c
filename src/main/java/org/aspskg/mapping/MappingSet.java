package org.aspskg.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mapping set read from an SSSOM/TSV file: its metadata block (YAML, kept as a tree so that the
 * checker can report what is malformed), its prefix map, its columns in file order and its rows.
 */
public record MappingSet(
        Path source, JsonNode metadata, CurieMap curieMap, List<String> columns, List<Mapping> mappings) {
    public MappingSet {
        columns = List.copyOf(columns);
        mappings = List.copyOf(mappings);
    }

    /** A text value of the metadata block, or empty. */
    public Optional<String> metadataText(String key) {
        JsonNode n = metadata.get(key);
        return n != null && n.isValueNode() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** The values of a metadata key that may hold one value or a list. */
    public List<String> metadataValues(String key) {
        JsonNode n = metadata.get(key);
        if (n == null || n.isNull()) return List.of();
        if (n.isArray()) {
            List<String> out = new ArrayList<>();
            n.forEach(e -> {
                if (e.isValueNode() && !e.asText().isBlank()) out.add(e.asText());
            });
            return out;
        }
        return n.isValueNode() && !n.asText().isBlank() ? List.of(n.asText()) : List.of();
    }

    /**
     * The values of a slot for one mapping: the row's own, else the set's when the slot is one the
     * set may hold for all its mappings (propagation, SSSOM/TSV specification).
     */
    public List<String> values(Mapping mapping, String slot) {
        if (mapping.has(slot)) {
            return SssomSlots.MULTIVALUED.contains(slot) ? mapping.getAll(slot) : List.of(mapping.get(slot));
        }
        boolean setLevel = SssomSlots.PROPAGATABLE.contains(slot)
                || SssomSlots.CREATOR_ID.equals(slot)
                || SssomSlots.CREATOR_LABEL.equals(slot)
                || SssomSlots.LICENSE.equals(slot);
        return setLevel && mappings.stream().noneMatch(m -> m.has(slot)) ? metadataValues(slot) : List.of();
    }

    /** "file:line" of a row, as reports and errors show it. */
    public String where(Mapping mapping) {
        return source + ":" + mapping.line();
    }

    public String mappingSetId() {
        return metadataText(SssomSlots.MAPPING_SET_ID).orElse("");
    }
}
