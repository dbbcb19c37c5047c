package org.aspskg.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.jena.query.Query;
import org.aspskg.AspsKgException;
import org.aspskg.query.OutputFormat;
import org.aspskg.query.SparqlQueries;
import org.aspskg.store.KnowledgeGraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asps-kg query}: SPARQL on the local store, no server needed. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a SPARQL query on the local TDB2 store (built first if there is none). The default "
                + "graph is the union of the named graphs; use GRAPH <…/graph/asserted> for what is asserted only.",
                "SELECT/ASK write a table (table, csv, tsv, json, xml); CONSTRUCT/DESCRIBE a graph "
                + "(ttl, nt, jsonld, rdfxml)."})
final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.rq", description = "File holding the query.")
    Path file;

    @Option(names = {"-q", "--query"}, paramLabel = "SPARQL", description = "The query text, instead of a file.")
    String text;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "table, csv, tsv, json, xml, ttl, nt, jsonld, rdfxml (default: ${DEFAULT-VALUE}).")
    String format = "table";

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat outputFormat = OutputFormat.parse(format);
        Query query = query();
        try (KnowledgeGraphStore kg = StoreBuilds.openOrBuild(storeOptions.ontology, storeOptions.store, spec.commandLine().getErr())) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long n = SparqlQueries.run(kg.dataset(), query, outputFormat, answer);
            PrintWriter out = spec.commandLine().getOut();
            out.print(answer.toString(StandardCharsets.UTF_8));
            out.flush();
            spec.commandLine().getErr().println(n + (query.isConstructType() || query.isDescribeType()
                    ? " triples" : query.isAskType() ? " (ask)" : " rows"));
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private Query query() {
        if ((file == null) == (text == null)) {
            throw new AspsKgException("give either a query file or --query, not " + (file == null ? "neither" : "both"),
                    "e.g. asps-kg query queries/01-….rq, or asps-kg query --query 'SELECT …'");
        }
        return file != null ? SparqlQueries.parse(file) : SparqlQueries.parse(text, "--query");
    }
}
