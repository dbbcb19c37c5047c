package org.aspskg.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.aspskg.AspsKgException;
import org.aspskg.mapping.MappingCoverage.Coverage;
import org.aspskg.mapping.MappingCoverage.Row;
import org.aspskg.mapping.MappingCoverage.Vocabulary;
import org.aspskg.report.Level;

/** How {@code map --coverage} is written: a table for people, TSV with one row per pair, or JSON. */
public enum CoverageFormat {
    /** The per-vocabulary table, then the WARN rows. */
    TEXT {
        @Override
        public void write(Coverage c, PrintWriter out) {
            String format = "%-10s  %-6s  %-10s  %-12s  %s%n";
            out.printf(Locale.ROOT, format, "vocabulary", "mapped", "not mapped", "unverifiable", "expected for");
            for (Vocabulary v : c.vocabularies()) {
                out.printf(
                        Locale.ROOT,
                        format,
                        v.prefix(),
                        v.mapped().size(),
                        v.notMapped().size(),
                        v.unverifiable().size(),
                        v.expectedFor().isEmpty() ? "-" : String.join(", ", v.expectedFor()));
            }
            List<Row> warn = c.rows(Level.WARN);
            if (!warn.isEmpty()) out.println();
            for (Row r : warn) {
                out.printf(
                        Locale.ROOT,
                        "WARN  %-10s  %-9s  %s '%s': %s%n",
                        r.status().label(),
                        r.vocabulary(),
                        r.term().curie(),
                        r.term().label(),
                        r.detail());
            }
            out.flush();
        }
    },
    /** {@code level, vocabulary, term, label, kinds, status, detail}: one row per (vocabulary, term). */
    TSV {
        @Override
        public void write(Coverage c, PrintWriter out) {
            out.println("level\tvocabulary\tterm\tlabel\tkinds\tstatus\tdetail");
            for (Row r : c.rows()) {
                out.println(String.join(
                        "\t",
                        r.level().name(),
                        r.vocabulary(),
                        r.term().curie(),
                        clean(r.term().label()),
                        String.join("|", r.term().kinds()),
                        r.status().label(),
                        clean(r.detail())));
            }
            out.flush();
        }
    },
    /** {@code {"mapping_set", "counts", "vocabularies":[{prefix, expected_for, mapped, not_mapped, unverifiable}], "rows"}}. */
    JSON {
        @Override
        public void write(Coverage c, PrintWriter out) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("mapping_set", c.source());
            ObjectNode counts = root.putObject("counts");
            for (Level level : Level.values())
                counts.put(level.name(), c.rows(level).size());
            ArrayNode vocabularies = root.putArray("vocabularies");
            for (Vocabulary v : c.vocabularies()) {
                ObjectNode n = vocabularies.addObject();
                n.put("prefix", v.prefix());
                v.expectedFor().forEach(n.putArray("expected_for")::add);
                v.mapped().forEach(n.putArray("mapped")::add);
                v.notMapped().forEach(n.putArray("not_mapped")::add);
                v.unverifiable().forEach(n.putArray("unverifiable")::add);
            }
            ArrayNode rows = root.putArray("rows");
            for (Row r : c.rows()) {
                ObjectNode n = rows.addObject();
                n.put("level", r.level().name());
                n.put("vocabulary", r.vocabulary());
                n.put("term", r.term().curie());
                n.put("label", r.term().label());
                r.term().kinds().forEach(n.putArray("kinds")::add);
                n.put("status", r.status().label());
                n.put("detail", r.detail());
            }
            try {
                out.println(json.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        }
    };

    public abstract void write(Coverage coverage, PrintWriter out);

    /** Parses text, tsv or json in any case. */
    public static CoverageFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown coverage format '" + text + "'", "Use text, tsv or json.");
        }
    }

    private static String clean(String s) {
        return s.replace("\t", " ").replace("\n", " ").replace("\r", " ");
    }
}
