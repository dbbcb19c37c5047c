package org.aspskg.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.aspskg.AspsKgException;

/** How {@code asps-kg map CODE} prints a {@link CodeLookup.Result}: text for people or JSON for programs. */
public enum LookupFormat {
    TEXT {
        @Override
        public void write(CodeLookup.Result result, MappingSet set, PrintWriter out) {
            out.println(result.code().curie() + (result.codeLabel().isEmpty() ? "" : "  " + result.codeLabel()));
            out.println("  <" + result.code().iri() + ">");
            for (CodeLookup.MappedTerm t : result.terms()) {
                TermDescription d = t.term();
                out.println();
                String curie =
                        set.curieMap().compress(d.iri()).map(Curie::toString).orElse("<" + d.iri() + ">");
                out.println(
                        t.mapping() == null
                                ? curie + "  " + d.label()
                                : t.mapping().predicateId() + "  " + curie + "  " + d.label());
                if (t.mapping() != null) line(out, "mapping", List.of(provenance(t.mapping(), set)));
                line(out, "IRI", List.of(d.iri()));
                line(out, "definition", d.definitions());
                line(out, "synonyms", List.of(String.join("; ", d.synonyms())));
                line(
                        out,
                        "superclasses",
                        List.of(d.superclasses().stream()
                                .map(n -> n.label().isEmpty() ? n.iri() : n.label())
                                .collect(Collectors.joining("; "))));
                Map<String, List<String>> relations = new LinkedHashMap<>();
                for (TermDescription.Relation r : d.relations()) {
                    relations
                            .computeIfAbsent(or(r.propertyLabel(), r.property()), k -> new ArrayList<>())
                            .add(or(r.fillerLabel(), r.filler()));
                }
                line(
                        out,
                        "relations",
                        relations.entrySet().stream()
                                .map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
                                .toList());
                line(
                        out,
                        "statements",
                        d.statements().stream()
                                .map(s -> or(s.featureLabel(), s.feature())
                                        + (s.ageGroupLabel().isEmpty() ? "" : " (" + s.ageGroupLabel() + ")")
                                        + (s.weightLabel().isEmpty() ? "" : ": " + s.weightLabel()))
                                .toList());
                line(
                        out,
                        "feature of",
                        d.mentions().stream()
                                .map(m -> or(m.diseaseLabel(), m.disease())
                                        + (m.ageGroupLabel().isEmpty() ? "" : " (" + m.ageGroupLabel() + ")")
                                        + (m.weightLabel().isEmpty() ? "" : ": " + m.weightLabel()))
                                .toList());
                line(
                        out,
                        "codes",
                        t.codes().stream()
                                .map(c -> c.objectId() + " " + c.predicateId()
                                        + (c.objectLabel().isEmpty() ? "" : " (" + c.objectLabel() + ")"))
                                .toList());
            }
            for (Mapping n : result.negated()) {
                out.println();
                out.println("NOT " + n.predicateId() + "  " + n.subjectId() + "  " + n.subjectLabel());
                line(out, "mapping", List.of(provenance(n, set)));
            }
            out.flush();
        }
    },
    JSON {
        @Override
        public void write(CodeLookup.Result result, MappingSet set, PrintWriter out) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("code", result.code().curie().toString());
            root.put("iri", result.code().iri());
            root.put("label", result.codeLabel());
            ArrayNode terms = root.putArray("terms");
            for (CodeLookup.MappedTerm t : result.terms()) {
                ObjectNode term = terms.addObject();
                if (t.mapping() != null) term.set("mapping", mapping(json, t.mapping()));
                term.set("term", json.valueToTree(t.term()));
                ArrayNode codes = term.putArray("codes");
                t.codes().forEach(c -> codes.add(mapping(json, c)));
            }
            ArrayNode negated = root.putArray("notMatching");
            result.negated().forEach(n -> negated.add(mapping(json, n)));
            try {
                out.println(json.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        }

        private ObjectNode mapping(ObjectMapper json, Mapping m) {
            ObjectNode node = json.createObjectNode();
            node.put("line", m.line());
            m.values().forEach(node::put);
            return node;
        }
    };

    public abstract void write(CodeLookup.Result result, MappingSet set, PrintWriter out);

    public static LookupFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown output format '" + text + "'", "Use text or json.");
        }
    }

    /** "semapv:ManualMappingCuration by person:1 on 2026-01-02; see https://…; comment". */
    private static String provenance(Mapping m, MappingSet set) {
        StringBuilder sb = new StringBuilder(m.justification());
        List<String> authors = set.values(m, SssomSlots.AUTHOR_ID);
        if (authors.isEmpty()) authors = set.values(m, SssomSlots.CREATOR_ID);
        if (!authors.isEmpty()) sb.append(" by ").append(String.join(", ", authors));
        List<String> dates = set.values(m, SssomSlots.MAPPING_DATE);
        if (!dates.isEmpty()) sb.append(" on ").append(dates.get(0));
        if (m.has(SssomSlots.SEE_ALSO)) sb.append("; see ").append(String.join(" ", m.getAll(SssomSlots.SEE_ALSO)));
        if (m.has(SssomSlots.COMMENT))
            sb.append("; ").append(m.get(SssomSlots.COMMENT).replace('\n', ' '));
        return sb.toString();
    }

    private static void line(PrintWriter out, String name, List<String> values) {
        List<String> shown = values.stream().filter(v -> !v.isBlank()).toList();
        for (int i = 0; i < shown.size(); i++) {
            out.printf(Locale.ROOT, "  %-14s%s%n", i == 0 ? name + ":" : "", shown.get(i));
        }
    }

    private static String or(String preferred, String fallback) {
        return preferred.isEmpty() ? fallback : preferred;
    }
}
