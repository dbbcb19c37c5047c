package org.aspskg.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionDatasetBuilder;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.sparql.engine.Timeouts;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.Utf8Text;

/**
 * Runs SPARQL on a dataset without a server: parses with file:line:col errors, executes inside a read
 * transaction, and writes the answer in the chosen {@link OutputFormat}.
 */
public final class SparqlQueries {
    private static final Pattern POSITION = Pattern.compile("\\s*at line (\\d+), column (\\d+)\\.?");

    private SparqlQueries() {}

    /** Reads and parses a query file; a syntax error names the file, line and column. */
    public static Query parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AspsKgException(file + ": no such query file", "Give the path of a .rq file, or use --query.");
        }
        Utf8Text.requireValid(file); // file:line:col of a byte that is not UTF-8, not a MalformedInputException
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file.", e);
        }
    }

    /** Parses query text; {@code source} names it in errors (a file name, or "--query"). */
    public static Query parse(String text, String source) {
        try {
            return QueryFactory.create(text, Syntax.syntaxSPARQL_11);
        } catch (QueryParseException e) {
            // The message's "at line L, column C" points at the offending token; getLine/getColumn may not.
            String message = firstLine(e.getMessage());
            Matcher m = POSITION.matcher(message);
            String where;
            if (m.find()) {
                where = source + ":" + m.group(1) + ":" + m.group(2);
                message = (message.substring(0, m.start()) + message.substring(m.end())).strip();
            } else {
                where = e.getLine() > 0 ? source + ":" + e.getLine() + ":" + e.getColumn() : source;
            }
            throw new AspsKgException(where + ": " + message, "Fix the query and run again.", e);
        } catch (QueryException e) {
            // parsed, but not a query SPARQL allows (a variable projected twice, a BIND over a bound one)
            throw new AspsKgException(
                    source + ": " + firstLine(String.valueOf(e.getMessage())), "Fix the query and run again.", e);
        }
    }

    /** Executes {@code query} in a read transaction and returns the whole answer, detached from the store. */
    public static QueryAnswer answer(Dataset dataset, Query query) {
        return answer(dataset, query, new Context());
    }

    /** As {@link #answer(Dataset, Query)}, with a time limit and SERVICE policy ({@link #context}). */
    public static QueryAnswer answer(Dataset dataset, Query query, Context context) {
        return withinTimeLimit(() ->
                Txn.calculateRead(dataset, () -> QueryAnswer.execute(execution(dataset, query, context), query)));
    }

    /**
     * A query execution context with a time limit ({@code "overall"} or {@code "first-result,overall"}
     * in milliseconds, as Fuseki's {@code arq:queryTimeout}; null for none) and a SERVICE policy.
     */
    public static Context context(String timeout, ServicePolicy services) {
        Context context = services.context();
        if (timeout != null) {
            Pair<Long, Long> limits =
                    timeout.isBlank() ? null : Timeouts.parseTimeoutStr(timeout.strip(), TimeUnit.MILLISECONDS);
            if (limits == null || limits.getRight() <= 0 || limits.getLeft() == 0) {
                throw new AspsKgException(
                        "time limit '" + timeout + "' is not MS or FIRST-RESULT-MS,OVERALL-MS",
                        "e.g. --timeout 60000, or --timeout 10000,60000 (10 s to the first result, 60 s in all).");
            }
            context.set(ARQ.queryTimeout, timeout.strip());
        }
        return context;
    }

    /** Executes {@code query} at a SPARQL endpoint over HTTP and returns the whole answer. */
    public static QueryAnswer answer(String endpoint, Query query) {
        return QueryAnswer.fromEndpoint(endpoint, query);
    }

    /** Executes and writes the answer; returns the number of rows (SELECT), triples (graph) or 1/0 (ASK). */
    public static long run(Dataset dataset, Query query, OutputFormat format, OutputStream out) {
        return run(dataset, query, format, out, new Context());
    }

    /**
     * As {@link #run(Dataset, Query, OutputFormat, OutputStream)}, with a time limit and SERVICE policy
     * ({@link #context}). The whole answer is computed before any of it is written, so a query that
     * runs out of time writes nothing and fails with a hint.
     */
    public static long run(Dataset dataset, Query query, OutputFormat format, OutputStream out, Context context) {
        return withinTimeLimit(() -> Txn.calculateRead(dataset, () -> {
            try (QueryExecution qe = execution(dataset, query, context)) {
                if (query.isSelectType()) {
                    requireResultsFormat(format, "SELECT");
                    ResultSetRewindable rs = qe.execSelect().rewindable();
                    if (format == OutputFormat.TABLE) {
                        ResultSetFormatter.out(out, rs, query.getPrologue());
                    } else {
                        ResultSetMgr.write(out, rs, format.resultsLang());
                    }
                    return (long) rs.size();
                }
                if (query.isAskType()) {
                    requireResultsFormat(format, "ASK");
                    boolean answer = qe.execAsk();
                    if (format == OutputFormat.TABLE) {
                        writeText(out, answer ? "yes\n" : "no\n");
                    } else {
                        ResultSetMgr.write(out, answer, format.resultsLang());
                    }
                    return answer ? 1L : 0L;
                }
                if (!format.writesGraphs()) {
                    throw new AspsKgException(
                            "a " + (query.isConstructType() ? "CONSTRUCT" : "DESCRIBE")
                                    + " query returns a graph, which --format "
                                    + format.name().toLowerCase(Locale.ROOT) + " cannot write",
                            "Use ttl, nt, jsonld, rdfxml (or json/xml for JSON-LD/RDF-XML).");
                }
                Model model = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                RDFDataMgr.write(out, model, format.graphLang());
                return model.size();
            }
        }));
    }

    /** An execution with {@code context}'s settings added to the dataset's own (TDB2's union default graph). */
    private static QueryExecution execution(Dataset dataset, Query query, Context context) {
        QueryExecutionDatasetBuilder builder = QueryExecution.dataset(dataset).query(query);
        context.keys().forEach(symbol -> builder.set(symbol, context.get(symbol)));
        return builder.build();
    }

    private static <T> T withinTimeLimit(Supplier<T> execution) {
        try {
            return execution.get();
        } catch (QueryCancelledException e) {
            throw new AspsKgException(
                    "the query ran out of time and was stopped; nothing was written",
                    "Narrow the query (LIMIT, more specific patterns) or allow more time with --timeout MS.",
                    e);
        } catch (QueryDeniedException e) {
            throw new AspsKgException(
                    e.getMessage(), "Federated queries need --allow-service URL for each endpoint.", e);
        } catch (ExprEvalException | QueryExecException e) {
            // an expression that cannot be evaluated at all, such as a constant regex that does not compile
            throw new AspsKgException(
                    "the query cannot be evaluated: " + firstLine(String.valueOf(e.getMessage())),
                    "Fix the expression the message names and run again.",
                    e);
        }
    }

    private static void requireResultsFormat(OutputFormat format, String form) {
        if (!format.writesResults()) {
            throw new AspsKgException(
                    "a " + form + " query returns a result table, which --format "
                            + format.name().toLowerCase(Locale.ROOT) + " cannot write",
                    "Use table, csv, tsv, json or xml.");
        }
    }

    private static void writeText(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
