package org.aspskg.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.aspskg.AspsKgException;

/** How a {@link QualityReport} is written: an aligned table for people, TSV like `robot report`, or JSON. */
public enum ReportFormat {
    /** Aligned columns; a justification's axioms follow their row, indented. */
    TABLE {
        @Override
        public void write(QualityReport report, PrintWriter out) {
            int[] width = {5, 9, 7, 8};
            for (ReportRow r : report.rows()) {
                width[0] = Math.max(width[0], r.level().name().length());
                width[1] = Math.max(width[1], r.rule().length());
                width[2] = Math.max(width[2], oneLine(r.subject()).length());
                width[3] = Math.max(width[3], oneLine(r.property()).length());
            }
            String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %-" + width[3] + "s  %s%n";
            out.printf(Locale.ROOT, format, "Level", "Rule Name", "Subject", "Property", "Value");
            for (ReportRow r : report.rows()) {
                out.printf(
                        Locale.ROOT,
                        format,
                        r.level(),
                        r.rule(),
                        oneLine(r.subject()),
                        oneLine(r.property()),
                        oneLine(r.value()));
                for (String line : r.explanation()) out.println("    " + oneLine(line));
            }
            out.flush();
        }
    },
    /** ROBOT's report columns plus an Explanation column (axioms separated by " ; "). */
    TSV {
        @Override
        public void write(QualityReport report, PrintWriter out) {
            out.println("Level\tRule Name\tSubject\tProperty\tValue\tExplanation");
            for (ReportRow r : report.rows()) {
                out.println(String.join(
                        "\t",
                        r.level().name(),
                        r.rule(),
                        oneLine(r.subject()),
                        oneLine(r.property()),
                        oneLine(r.value()),
                        oneLine(String.join(" ; ", r.explanation()))));
            }
            out.flush();
        }
    },
    /** {@code {"ontology":…, "counts":{…}, "rows":[{level, rule, subject, property, value, explanation[]}]}}. */
    JSON {
        @Override
        public void write(QualityReport report, PrintWriter out) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("ontology", report.ontology());
            ObjectNode counts = root.putObject("counts");
            for (Level level : Level.values()) counts.put(level.name(), report.count(level));
            ArrayNode rows = root.putArray("rows");
            for (ReportRow r : report.rows()) {
                ObjectNode row = rows.addObject();
                row.put("level", r.level().name());
                row.put("rule", r.rule());
                row.put("subject", r.subject());
                row.put("property", r.property());
                row.put("value", r.value());
                ArrayNode explanation = row.putArray("explanation");
                r.explanation().forEach(explanation::add);
            }
            try {
                out.println(json.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        }
    };

    public abstract void write(QualityReport report, PrintWriter out);

    /** Parses table, tsv or json in any case. */
    public static ReportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown report format '" + text + "'", "Use one of " + names() + ".");
        }
    }

    static List<String> names() {
        return Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Tabs and line breaks shown as \t and \n so that one row stays one line. */
    private static String oneLine(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
