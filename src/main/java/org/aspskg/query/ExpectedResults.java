package org.aspskg.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryException;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.aspskg.AspsKgException;

/**
 * The expected answer kept beside each library query: {@code NN-name.srj} (SPARQL 1.1 results JSON)
 * for SELECT and ASK, or {@code NN-name.tsv} (SPARQL results TSV) for SELECT, or {@code NN-name.ttl}
 * (Turtle) for CONSTRUCT and DESCRIBE. Each is written once by running the query
 * ({@code asps-kg query NN --format json > queries/NN-name.srj}) and then checked by hand against
 * the source article.
 */
public final class ExpectedResults {
    /** File extensions, in the order they are looked for. */
    public static final List<String> EXTENSIONS = List.of("srj", "tsv", "ttl");

    private ExpectedResults() {}

    /** The expected-results file beside {@code q}, if there is exactly one; several is an error. */
    public static Optional<Path> fileFor(LibraryQuery q) {
        List<Path> found = EXTENSIONS.stream()
                .map(ext -> q.file().resolveSibling(q.id() + "." + ext))
                .filter(Files::isRegularFile)
                .toList();
        if (found.size() > 1) {
            throw new AspsKgException(
                    q.file() + " has several expected-results files: " + found,
                    "Keep one: .srj for SELECT and ASK (or .tsv for SELECT), .ttl for CONSTRUCT and DESCRIBE.");
        }
        return found.stream().findFirst();
    }

    /** The expected-results file beside {@code q}; fails with what to do when there is none. */
    public static Path requireFileFor(LibraryQuery q) {
        return fileFor(q).orElseThrow(() -> {
            Query query = q.parse();
            boolean graph = query.isConstructType() || query.isDescribeType();
            Path suggested = q.file().resolveSibling(q.id() + (graph ? ".ttl" : ".srj"));
            return new AspsKgException(
                    q.file() + " has no expected-results file (" + q.id() + ".srj, .tsv or .ttl)",
                    "Run it (asps-kg query " + q.number() + " --format " + (graph ? "ttl" : "json") + " > " + suggested
                            + "), check every row against the source article by hand, then commit both files.");
        });
    }

    /** Reads the expected answer of {@code query} from {@code file}, in the form the query returns. */
    public static QueryAnswer read(Path file, Query query) {
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1);
        boolean graph = query.isConstructType() || query.isDescribeType();
        try (InputStream in = Files.newInputStream(file)) {
            if (graph) {
                if (!ext.equals("ttl")) throw wrongKind(file, "a graph", ".ttl");
                Model model = ModelFactory.createDefaultModel();
                RDFParser.source(in).lang(Lang.TURTLE).parse(model);
                return new QueryAnswer.Graph(model);
            }
            Lang lang = switch (ext) {
                case "srj" -> ResultSetLang.RS_JSON;
                case "tsv" -> ResultSetLang.RS_TSV;
                default -> throw wrongKind(file, query.isAskType() ? "a boolean" : "a result table", ".srj");
            };
            if (query.isAskType()) {
                if (!ext.equals("srj")) throw wrongKind(file, "a boolean", ".srj");
                return new QueryAnswer.Bool(ResultSetMgr.readBoolean(in, lang));
            }
            return QueryAnswer.Table.of(ResultSetMgr.read(in, lang));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RiotException | QueryException e) {
            throw new AspsKgException(
                    file + ": cannot read the expected results: " + e.getMessage(),
                    "Regenerate the file from the query and check it by hand.",
                    e);
        }
    }

    private static AspsKgException wrongKind(Path file, String what, String ext) {
        return new AspsKgException(
                file + ": the query returns " + what + ", which is kept in a " + ext + " file",
                "Rename or regenerate the expected-results file.");
    }
}
