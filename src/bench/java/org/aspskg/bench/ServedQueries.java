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
import org.aspskg.query.LibraryQuery;
import org.aspskg.query.QueryLibrary;
import org.aspskg.query.SparqlQueries;

/**
 * The queries the serve benchmark replays: the project's query library ({@code queries/*.rq}, top
 * level only, read by {@link QueryLibrary} with its checks) in file-name order, or, where a directory
 * holds no query files, a few built-in representative queries (lookups, a join over statement nodes,
 * an aggregate, a property path, a text filter, a CONSTRUCT). Every query is parsed up front, so a
 * broken file fails before any server starts.
 */
public final class ServedQueries {
    private static final String BUILT_IN = "/org/aspskg/bench/queries/";

    /** One query: its name ({@code NN-short-name}), text, parsed form and whether it answers with a graph. */
    public record ServedQuery(String name, String text, Query query) {
        public boolean graphResult() {
            return query.isConstructType() || query.isDescribeType();
        }
    }

    private final List<ServedQuery> queries;
    private final String source;

    private ServedQueries(List<ServedQuery> queries, String source) {
        this.queries = List.copyOf(queries);
        this.source = source;
    }

    public static ServedQueries load(Path dir) {
        if (!hasQueryFiles(dir)) return builtIn();
        List<ServedQuery> queries = new ArrayList<>();
        for (LibraryQuery q : QueryLibrary.load(dir).queries()) {
            try {
                queries.add(new ServedQuery(q.id(), Files.readString(q.file(), StandardCharsets.UTF_8), q.parse()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ServedQueries(queries, dir.toString());
    }

    /** The built-in representative queries. */
    public static ServedQueries builtIn() {
        List<ServedQuery> queries = new ArrayList<>();
        for (String file : resource("index.txt")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList()) {
            String text = resource(file);
            queries.add(new ServedQuery(
                    file.replaceFirst("\\.rq$", ""), text, SparqlQueries.parse(text, "built-in " + file)));
        }
        return new ServedQueries(queries, "built-in");
    }

    public List<ServedQuery> queries() {
        return queries;
    }

    /** Where the queries came from: the library's directory, or {@code built-in}. */
    public String source() {
        return source;
    }

    private static boolean hasQueryFiles(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".rq") && Files.isRegularFile(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ServedQueries.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + BUILT_IN + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
