package org.aspskg.ontology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aspskg.AspsKgException;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.PrefixManager;

/**
 * A tab-separated table of the edit source ({@code ontology/tables/*.tsv}): a header row naming the
 * columns, then one fact per row. Reading checks the header against the columns the table may have and
 * must have; every problem names the file, the line and the column, as a parser would.
 */
final class KnowledgeTable {
    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private KnowledgeTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    static KnowledgeTable read(Path file, List<String> known, List<String> required, PrefixManager prefixes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file exists.", e);
        }
        if (lines.isEmpty()) throw new AspsKgException(file + ":1: no header row", "Start with the column names.");
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        for (String column : header) {
            if (!known.contains(column)) {
                throw new AspsKgException(
                        file + ":1: unknown column '" + column + "'", "Known columns: " + String.join(", ", known));
            }
        }
        for (String column : required) {
            if (!header.contains(column)) {
                throw new AspsKgException(file + ":1: missing column '" + column + "'", "Add it to the header row.");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != header.size()) {
                throw new AspsKgException(
                        file + ":" + (i + 1) + ": " + cells.length + " cells, the header has " + header.size(),
                        "Separate the cells with one tab each; leave a cell empty rather than out.");
            }
            Row row = new Row(file, i + 1, header, cells, prefixes);
            required.forEach(row::required);
            rows.add(row);
        }
        return new KnowledgeTable(file, header, rows);
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** One row: its cells by column name, with the file and line for messages. */
    record Row(Path file, int line, List<String> header, String[] cells, PrefixManager prefixes) {
        String cell(String column) {
            int i = header.indexOf(column);
            return i < 0 ? "" : cells[i].trim();
        }

        boolean has(String column) {
            return !cell(column).isEmpty();
        }

        /** The cell's values, split on {@code |}. */
        List<String> values(String column) {
            if (!has(column)) return List.of();
            return Arrays.stream(cell(column).split("\\|"))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .toList();
        }

        IRI iri(String column, String curie) {
            if (curie.startsWith("<") && curie.endsWith(">")) return IRI.create(curie.substring(1, curie.length() - 1));
            int colon = curie.indexOf(':');
            if (colon < 0 || !prefixes.containsPrefixMapping(curie.substring(0, colon + 1))) {
                throw error(
                        column,
                        "'" + curie + "' is not a CURIE with a known prefix",
                        "Use one of the edit source's prefixes, e.g. aspskg:Thigh.");
            }
            return prefixes.getIRI(curie);
        }

        IRI iri(String column) {
            return iri(column, cell(column));
        }

        void required(String column) {
            if (!has(column)) throw error(column, "is empty", "Fill it in.");
        }

        AspsKgException error(String column, String what, String hint) {
            return new AspsKgException(file + ":" + line + ": column " + column + ": " + what, hint);
        }
    }
}
