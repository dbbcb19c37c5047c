package org.aspskg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.serve.DifferentialServlet;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg serve}: the store behind an embedded Fuseki; builds the store first if there is none. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the knowledge graph over SPARQL with an embedded Fuseki (read-only): "
                    + "/asps/sparql and /asps/query (SPARQL 1.1 Query), /asps/get (Graph Store Protocol, read), "
                    + "and POST /asps/ddx (a case in, its ranked differential diagnosis out; ?store=true keeps it "
                    + "in the cases graph).",
            "Builds the store first when there is none. Stop with Ctrl-C."
        })
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
    String host = KnowledgeGraphServer.DEFAULT_HOST;

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = KnowledgeGraphServer.DEFAULT_PORT;

    @Option(
            names = "--query-timeout",
            paramLabel = "MS[,MS]",
            description = "Query time limit in ms, 'overall' or 'first-result,overall' (default: ${DEFAULT-VALUE}).")
    String queryTimeout = KnowledgeGraphServer.DEFAULT_QUERY_TIMEOUT;

    @Option(names = "--verbose-requests", description = "Log each request in detail (Fuseki's verbose mode).")
    boolean verboseRequests;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        KnowledgeGraphStore kg = StoreBuilds.openOrBuild(storeOptions.ontology, storeOptions.store, err);
        DifferentialPipeline ddx = DdxKnowledge.cached(storeOptions.ontology, DdxKnowledge.DEFAULT_SHAPES)
                .pipeline();
        KnowledgeGraphServer server = KnowledgeGraphServer.create(kg.datasetGraph())
                .host(host)
                .port(port)
                .queryTimeout(queryTimeout)
                .verbose(verboseRequests)
                .servlet("ddx", new DifferentialServlet(ddx, kg.datasetGraph()))
                .build()
                .start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            kg.close();
                        },
                        "asps-kg-shutdown"));
        String url = server.datasetUrl(host.equals("0.0.0.0") ? "127.0.0.1" : host);
        err.println("asps-kg: serving " + kg.path() + " at " + url + "/sparql (query), " + url + "/get (graphs)");
        err.println("asps-kg: try  curl -s '" + url
                + "/sparql' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) { ?s ?p ?o }'");
        err.println("asps-kg: rank a case with  curl -s " + url + "/ddx -H 'Content-Type: application/json' "
                + "--data-binary @ontology/examples/asps-thigh-young-woman.json");
        err.println("asps-kg: Ctrl-C stops the server");
        err.flush();
        server.join();
        return 0;
    }
}
