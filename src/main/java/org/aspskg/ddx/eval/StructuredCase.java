package org.aspskg.ddx.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.read.JsonCaseReader;
import org.aspskg.ddx.render.RankingJson;

/** A structured case made from resolved terms, read through the JSON case reader (so the same checks and shapes apply). */
final class StructuredCase {
    private StructuredCase() {}

    static PatientCase of(
            JsonCaseReader reader,
            String id,
            String source,
            Integer age,
            String sex,
            Collection<String> present,
            Collection<String> absent) {
        ObjectNode json = RankingJson.MAPPER.createObjectNode();
        json.put("id", id);
        if (age != null) json.put("age", age);
        if (sex != null) json.put("sex", sex);
        ArrayNode findings = json.putArray("findings");
        new LinkedHashSet<>(present).forEach(findings::add);
        ArrayNode none = json.putArray("absent");
        new LinkedHashSet<>(absent).forEach(none::add);
        return reader.read(json.toString(), source);
    }
}
