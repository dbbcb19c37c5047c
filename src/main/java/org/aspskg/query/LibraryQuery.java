package org.aspskg.query;

import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.query.Query;

/**
 * One competency question of the query library: the file {@code queries/NN-short-name.rq} and the
 * fields of its leading comment block ({@code # Question:}, {@code # Returns:}, {@code # Binds:}, …).
 *
 * @param file     the {@code .rq} file
 * @param number   its two-digit number, e.g. {@code "07"}
 * @param name     its short name, e.g. {@code "asps-survival"}
 * @param header   the comment block's fields in file order; continuation lines joined with newlines
 */
public record LibraryQuery(Path file, String number, String name, Map<String, String> header) {
    public static final String QUESTION = "Question";
    public static final String RETURNS = "Returns";
    public static final String BINDS = "Binds";

    public LibraryQuery {
        header = Map.copyOf(header);
    }

    /** The file name without {@code .rq}: {@code NN-short-name}. */
    public String id() {
        return number + "-" + name;
    }

    /** The file name, e.g. {@code 07-asps-survival.rq}. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** The question in plain English, on one line. */
    public String question() {
        return oneLine(header.get(QUESTION));
    }

    /** The parsed query; a syntax error names the file, line and column. */
    public Query parse() {
        return SparqlQueries.parse(file);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
