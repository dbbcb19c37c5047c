package org.aspskg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.aspskg.AspsKgException;

/**
 * The queries the serve benchmark replays: the top-level {@code *.rq} files of the project's query
 * library ({@code queries/}), in name order, or, while that has none, a few built-in representative
 * queries (lookups, joins over statement nodes, an aggregate, a property path, a text filter, a
 * CONSTRUCT). Every query is parsed up front, so a broken file fails before any server starts.
 */
public final class QueryLibrary {
    private static final String BUILT_IN = "/org/aspskg/bench/queries/";

    /** One query: its name (file name without {@code .rq}), text and form. */
    public record LibraryQuery(String name, String text, boolean graphResult) {}

    private final List<LibraryQuery> queries;
    private final String source;

    private QueryLibrary(List<LibraryQuery> queries, String source) {
        this.queries = List.copyOf(queries);
        this.source = source;
    }

    public static QueryLibrary load(Path dir) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".rq") && Files.isRegularFile(p)).sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!files.isEmpty()) {
            List<LibraryQuery> queries = new ArrayList<>();
            for (Path f : files) {
                try {
                    queries.add(parse(f.toString(), baseName(f.getFileName().toString()), Files.readString(f)));
                } catch (IOException e) {
                    throw new AspsKgException(f + ": cannot read: " + e.getMessage(), "Check the file's permissions.", e);
                }
            }
            return new QueryLibrary(queries, dir.toString());
        }
        return builtIn();
    }

    /** The built-in representative queries. */
    public static QueryLibrary builtIn() {
        List<LibraryQuery> queries = new ArrayList<>();
        for (String file : resource("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            queries.add(parse("built-in " + file, baseName(file), resource(file)));
        }
        return new QueryLibrary(queries, "built-in");
    }

    public List<LibraryQuery> queries() {
        return queries;
    }

    /** Where the queries came from: the directory, or {@code built-in}. */
    public String source() {
        return source;
    }

    private static LibraryQuery parse(String where, String name, String text) {
        try {
            Query q = QueryFactory.create(text);
            return new LibraryQuery(name, text, q.isConstructType() || q.isDescribeType());
        } catch (QueryParseException e) {
            throw new AspsKgException(where + ":" + e.getLine() + ":" + e.getColumn() + ": " + e.getMessage(),
                    "Fix the query; the benchmark replays every top-level .rq file of the library.", e);
        }
    }

    private static String baseName(String fileName) {
        return fileName.endsWith(".rq") ? fileName.substring(0, fileName.length() - 3) : fileName;
    }

    private static String resource(String name) {
        try (InputStream in = QueryLibrary.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + BUILT_IN + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
