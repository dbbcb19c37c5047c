package org.aspskg.mapping;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aspskg.AspsKgException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads an SSSOM/TSV file (embedded metadata mode): a metadata block of {@code #}-prefixed YAML
 * lines, then a header line of column names and one mapping per line, tab-separated, with the
 * specification's quoting rules (values may be enclosed in double quotes; a quoted value may hold
 * tabs, line breaks and doubled quotes).
 *
 * <p>A file that cannot be read as SSSOM/TSV at all fails with {@code file:line: what is wrong}:
 * not UTF-8, a byte order mark, YAML that does not parse or is not a map, no header line, a
 * repeated or empty column name, an unterminated quote, a row with the wrong number of cells.
 * Everything else (missing columns, undeclared prefixes, unknown predicates …) is content, which
 * {@link MappingSetChecker} reports.
 */
public final class SssomReader {
    /** The project's mapping set, relative to the project root. */
    public static final Path DEFAULT_MAPPING_SET = Path.of("ontology", "mappings", "asps.sssom.tsv");

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * The mapping set that goes with an ontology file: {@code mappings/asps.sssom.tsv} in the
     * ontology's directory (so {@code ontology/asps-edit.ofn} goes with {@link #DEFAULT_MAPPING_SET}).
     */
    public static Path mappingSetFor(Path ontology) {
        Path beside = Path.of("mappings", "asps.sssom.tsv");
        return ontology.getParent() == null ? beside : ontology.getParent().resolve(beside);
    }

    private SssomReader() {}

    public static MappingSet read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new AspsKgException(
                    file + ": no such readable file",
                    "Run from the project root or pass the path of an SSSOM/TSV mapping set.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot be read: " + e.getMessage(), null, e);
        }
        String text = decode(file, bytes);
        List<String> lines = text.lines().toList();

        int firstData = 0;
        while (firstData < lines.size() && lines.get(firstData).startsWith("#")) firstData++;
        JsonNode metadata = parseMetadata(file, lines.subList(0, firstData));

        int headerIndex = firstData;
        if (headerIndex >= lines.size() || lines.get(headerIndex).isBlank()) {
            throw new AspsKgException(
                    file + ":" + (headerIndex + 1) + ": no header line after the metadata block",
                    "The line after the last '#' line must name the columns, e.g. subject_id<TAB>predicate_id<TAB>object_id<TAB>mapping_justification.");
        }
        List<String> columns = header(file, headerIndex + 1, lines.get(headerIndex));
        List<Mapping> mappings = rows(file, lines, headerIndex + 1, columns);
        return new MappingSet(file, metadata, new CurieMap(curieMap(metadata)), columns, mappings);
    }

    private static String decode(Path file, byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new AspsKgException(
                    file + ":1: starts with a byte order mark, which SSSOM/TSV forbids",
                    "Save the file as UTF-8 without BOM.");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            // find the first undecodable byte's line by decoding prefixes line by line
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        break;
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw new AspsKgException(file + ":" + line + ": not valid UTF-8", "SSSOM/TSV files must be UTF-8.", e);
        }
    }

    /** Strips '#' and the common run of spaces from each metadata line, then parses the YAML. */
    private static JsonNode parseMetadata(Path file, List<String> block) {
        if (block.isEmpty()) return JsonNodeFactory.instance.objectNode();
        int indent = Integer.MAX_VALUE;
        for (String line : block) {
            String body = line.substring(1);
            if (body.isBlank()) continue;
            int spaces = 0;
            while (spaces < body.length() && body.charAt(spaces) == ' ') spaces++;
            indent = Math.min(indent, spaces);
        }
        if (indent == Integer.MAX_VALUE) indent = 0;
        StringBuilder yaml = new StringBuilder();
        for (String line : block) {
            String body = line.substring(1);
            yaml.append(body.length() >= indent ? body.substring(indent) : body.strip())
                    .append('\n');
        }
        JsonNode node;
        try {
            node = YAML.readTree(yaml.toString());
        } catch (JacksonException e) {
            throw new AspsKgException(
                    file + ":" + yamlLine(e) + ": the metadata block is not valid YAML: " + yamlProblem(e),
                    "Each metadata line is '#' followed by YAML, e.g. '#mapping_set_id: https://…'.",
                    e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) return JsonNodeFactory.instance.objectNode();
        if (!node.isObject()) {
            throw new AspsKgException(
                    file + ":1: the metadata block is not a YAML map of slot names to values",
                    "Write one 'slot: value' per line, e.g. '#license: https://creativecommons.org/licenses/by/4.0/'.");
        }
        return node;
    }

    /** The line where SnakeYAML saw the problem start (its context), else where it noticed it. */
    private static int yamlLine(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException y) {
            Mark mark = y.getContextMark() != null ? y.getContextMark() : y.getProblemMark();
            if (mark != null) return mark.getLine() + 1;
        }
        JsonLocation loc = e.getLocation();
        return loc != null && loc.getLineNr() > 0 ? loc.getLineNr() : 1;
    }

    /** SnakeYAML's context and problem on one line, without its source excerpt. */
    private static String yamlProblem(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException y) {
            return (y.getContext() != null ? y.getContext() + ": " : "") + y.getProblem();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static Map<String, String> curieMap(JsonNode metadata) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode cm = metadata.get(SssomSlots.CURIE_MAP);
        if (cm != null && cm.isObject()) {
            cm.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) map.put(e.getKey(), e.getValue().asText());
            });
        }
        return map;
    }

    private static List<String> header(Path file, int lineNumber, String line) {
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] cells = line.split("\t", -1);
        for (int i = 0; i < cells.length; i++) {
            String name = unquote(cells[i].strip());
            if (name.isEmpty()) {
                throw new AspsKgException(
                        file + ":" + lineNumber + ": column " + (i + 1) + " of the header has no name",
                        "Remove the empty column or name it.");
            }
            if (!seen.add(name)) {
                throw new AspsKgException(
                        file + ":" + lineNumber + ": column '" + name + "' appears twice in the header",
                        "Each SSSOM slot is one column; join several values with '|'.");
            }
            columns.add(name);
        }
        return columns;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\""))
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        return s;
    }

    /** Splits the TSV part into rows of cells, honouring quoted cells that span tabs and lines. */
    private static List<Mapping> rows(Path file, List<String> lines, int from, List<String> columns) {
        List<Mapping> mappings = new ArrayList<>();
        int i = from;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int startLine = i + 1;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean cellStarted = false;
            String line = lines.get(i);
            int pos = 0;
            while (true) {
                if (pos >= line.length()) {
                    if (quoted) {
                        i++;
                        if (i >= lines.size()) {
                            throw new AspsKgException(
                                    file + ":" + startLine + ": a quoted value is not closed",
                                    "Close the value with '\"'; write a double quote inside a quoted value as '\"\"'.");
                        }
                        cell.append('\n');
                        line = lines.get(i);
                        pos = 0;
                        continue;
                    }
                    cells.add(cell.toString());
                    break;
                }
                char c = line.charAt(pos);
                if (quoted) {
                    if (c == '"') {
                        if (pos + 1 < line.length() && line.charAt(pos + 1) == '"') {
                            cell.append('"');
                            pos += 2;
                            continue;
                        }
                        quoted = false;
                        pos++;
                        if (pos < line.length() && line.charAt(pos) != '\t') {
                            throw new AspsKgException(
                                    file + ":" + (i + 1) + ": text after a closing quote in column "
                                            + (cells.size() + 1),
                                    "Quote the whole value, e.g. \"a \"\"quoted\"\" word\".");
                        }
                        continue;
                    }
                    cell.append(c);
                    pos++;
                } else if (c == '\t') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    cellStarted = false;
                    pos++;
                } else if (c == '"' && !cellStarted) {
                    quoted = true;
                    cellStarted = true;
                    pos++;
                } else {
                    cell.append(c);
                    cellStarted = true;
                    pos++;
                }
            }
            if (cells.size() != columns.size()) {
                throw new AspsKgException(
                        file + ":" + startLine + ": " + cells.size() + " cells, but the header names " + columns.size()
                                + " columns",
                        "Every row has one cell per column, separated by tabs; leave a cell empty rather than drop it.");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String v = cells.get(c).strip();
                if (!v.isEmpty()) values.put(columns.get(c), v);
            }
            mappings.add(new Mapping(startLine, values));
            i++;
        }
        return mappings;
    }
}
