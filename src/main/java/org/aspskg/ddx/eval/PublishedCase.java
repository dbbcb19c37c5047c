package org.aspskg.ddx.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aspskg.AspsKgException;

/**
 * One published case report of the evaluation set ({@code eval/published/README.md}): its final
 * diagnosis (the local name of an ontology class), the age and sex as the report writes them, and the
 * case text in the report's own words.
 *
 * @param file      the JSON file
 * @param id        the case id
 * @param diagnosis the final diagnosis, e.g. {@code AlveolarSoftPartSarcoma}
 * @param age       the age as written ("3-year-old", "in his 30s"), or null
 * @param sex       the sex as written ("boy", "Female"), or null
 * @param text      the case presentation
 */
public record PublishedCase(Path file, String id, String diagnosis, String age, String sex, String text) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a case file; a missing key or a wrong type is an error naming the file. */
    public static PublishedCase read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new AspsKgException(
                    file + ":" + e.getLocation().getLineNr() + ":"
                            + e.getLocation().getColumnNr() + ": not JSON: " + e.getOriginalMessage(),
                    "Fix the file; the format is in eval/published/README.md.");
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file's permissions.", e);
        }
        if (root == null || !root.isObject()) {
            throw new AspsKgException(file + ": a published case is a JSON object", "See eval/published/README.md.");
        }
        return new PublishedCase(
                file,
                required(root, "id", file),
                required(root, "diagnosis", file),
                optional(root, "age", file),
                optional(root, "sex", file),
                required(root, "text", file));
    }

    /** The free-text case as the annotator reads it: age, sex, then the text. */
    public String freeText() {
        StringBuilder b = new StringBuilder();
        if (age != null) b.append(age).append(' ');
        if (sex != null) b.append(sex);
        if (b.length() > 0) b.append(". ");
        return b.append(text).toString();
    }

    private static String required(JsonNode root, String key, Path file) {
        String v = optional(root, key, file);
        if (v == null || v.isBlank()) {
            throw new AspsKgException(
                    file + ": \"" + key + "\" is missing", "Every published case has id, diagnosis and text.");
        }
        return v;
    }

    private static String optional(JsonNode root, String key, Path file) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            throw new AspsKgException(file + ": \"" + key + "\" is not a string", "See eval/published/README.md.");
        }
        return v.asText();
    }
}
