package org.aspskg.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.util.Context;
import org.aspskg.AspsKgException;
import org.aspskg.query.LibraryCheck;
import org.aspskg.query.LibraryQuery;
import org.aspskg.query.OutputFormat;
import org.aspskg.query.QueryLibrary;
import org.aspskg.query.ServicePolicy;
import org.aspskg.query.SparqlQueries;
import org.aspskg.store.KnowledgeGraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asps-kg query}: SPARQL on the local store, no server needed; also lists and checks the query library. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Run a SPARQL query on the local TDB2 store (built first if there is none). The default "
                    + "graph is the union of the named graphs; use GRAPH <…/graph/asserted> for what is asserted only.",
            "SELECT/ASK write a table (table, csv, tsv, json, xml); CONSTRUCT/DESCRIBE a graph "
                    + "(ttl, nt, jsonld, rdfxml).",
            "QUERY is a .rq file, or a query of the library (queries/) by number or name: "
                    + "'asps-kg query 07', 'asps-kg query asps-survival'. --list shows the library's questions; "
                    + "--check runs every library query and compares it with its expected results."
        })
final class QueryCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "QUERY",
            description = "A .rq file, or a library query's number or name.")
    String query;

    @Option(
            names = {"-q", "--query"},
            paramLabel = "SPARQL",
            description = "The query text, instead of a file.")
    String text;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, csv, tsv, json, xml, ttl, nt, jsonld, rdfxml (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--list", description = "List the library's queries: file name and question.")
    boolean list;

    @Option(
            names = "--check",
            description = "Run every library query on the store and compare it with its "
                    + "expected results; exit 1 if any differs.")
    boolean check;

    @Option(names = "--queries", paramLabel = "DIR", description = "The query library (default: ${DEFAULT-VALUE}).")
    Path queries = QueryLibrary.DEFAULT_DIR;

    @Option(
            names = "--timeout",
            paramLabel = "MS[,MS]",
            description = "Time limit in ms, 'overall' or 'first-result,overall', as serve's --query-timeout "
                    + "(default: ${DEFAULT-VALUE}: serve's overall limit; no first-result limit, since an aggregate "
                    + "over a large local store may take a while to its first row); a query that runs out of time "
                    + "prints nothing and exits 2.")
    String timeout = DEFAULT_TIMEOUT;

    /** A local command has no other users to protect: serve's overall limit, without its first-result limit. */
    static final String DEFAULT_TIMEOUT = "60000";

    @Option(
            names = "--allow-service",
            paramLabel = "URL",
            description = "Allow SPARQL SERVICE calls to endpoints whose URL starts with URL (repeatable); "
                    + "without it, a federated query is refused and no other host is contacted.")
    List<String> allowService = new ArrayList<>();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (list || check) {
            if (query != null || text != null || (list && check)) {
                throw new AspsKgException(
                        "--list and --check take no query and not each other",
                        "e.g. asps-kg query --list, then asps-kg query 07");
            }
            return list ? list() : check();
        }
        Query q = query();
        Context context = context();
        try (KnowledgeGraphStore kg = StoreBuilds.openOrBuild(
                storeOptions.ontology(), storeOptions.store, spec.commandLine().getErr())) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long n = SparqlQueries.run(kg.dataset(), q, format, answer, context);
            PrintWriter out = spec.commandLine().getOut();
            out.print(answer.toString(StandardCharsets.UTF_8));
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println(n
                            + (q.isConstructType() || q.isDescribeType()
                                    ? " triples"
                                    : q.isAskType() ? " (ask)" : " rows"));
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private int list() {
        List<LibraryQuery> all = QueryLibrary.load(queries).queries();
        int width = all.stream().mapToInt(q -> q.fileName().length()).max().orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        for (LibraryQuery q : all) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  %s", q.fileName(), q.question()));
        }
        out.flush();
        return 0;
    }

    private int check() {
        QueryLibrary library = QueryLibrary.load(queries);
        Context context = context();
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        try (KnowledgeGraphStore kg = StoreBuilds.openOrBuild(
                storeOptions.ontology(), storeOptions.store, spec.commandLine().getErr())) {
            for (LibraryQuery q : library.queries()) {
                LibraryCheck.Outcome outcome =
                        LibraryCheck.check(q, parsed -> SparqlQueries.answer(kg.dataset(), parsed, context));
                out.println((outcome.passed() ? "ok    " : "FAIL  ") + q.fileName());
                outcome.problem().ifPresent(p -> out.println("      " + p.replace("\n", "\n      ")));
                if (!outcome.passed()) failed++;
            }
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(library.queries().size() + " library queries: "
                + (library.queries().size() - failed) + " as expected, " + failed + " not");
        err.flush();
        return failed == 0 ? 0 : Main.EXIT_FAILED_CHECK;
    }

    private Context context() {
        return SparqlQueries.context(
                timeout, allowService.isEmpty() ? ServicePolicy.none() : ServicePolicy.allow(allowService));
    }

    private Query query() {
        if ((query == null) == (text == null)) {
            throw new AspsKgException(
                    "give either a query file or --query, not " + (query == null ? "neither" : "both"),
                    "e.g. asps-kg query queries/01-asps-sites-by-age-group.rq, asps-kg query 01, or asps-kg query --query 'SELECT …'");
        }
        if (text != null) return SparqlQueries.parse(text, "--query");
        Path file = Path.of(query);
        if (Files.isRegularFile(file) || query.contains("/") || query.contains(File.separator)) {
            return SparqlQueries.parse(file);
        }
        return QueryLibrary.load(queries).find(query).parse();
    }
}
