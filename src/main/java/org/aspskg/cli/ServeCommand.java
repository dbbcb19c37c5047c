package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.jena.atlas.web.AuthScheme;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ontology.BundledOntology;
import org.aspskg.query.ServicePolicy;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.serve.ServerLimits;
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
            "Serve the knowledge graph over SPARQL with an embedded Fuseki, read-only unless --allow-writes: "
                    + "/asps/sparql and /asps/query (SPARQL 1.1 Query), /asps/get (Graph Store Protocol, read), "
                    + "and POST /asps/ddx (a case in, its ranked differential diagnosis out).",
            "With --allow-writes --password-file FILE, users of FILE may also write: /asps/update (SPARQL Update), "
                    + "/asps/data (Graph Store Protocol) and POST /asps/ddx?store=true (keep the ranking in the "
                    + "cases graph); reading stays open to anyone.",
            "Builds the store first when there is none. Stop with Ctrl-C."
        })
final class ServeCommand implements Callable<Integer> {
    @Option(
            names = "--host",
            description =
                    "Address to bind; 0.0.0.0 for all interfaces, which prints a warning (default: ${DEFAULT-VALUE}).")
    String host = KnowledgeGraphServer.DEFAULT_HOST;

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = KnowledgeGraphServer.DEFAULT_PORT;

    @Option(
            names = "--query-timeout",
            paramLabel = "MS[,MS]",
            description = "Query time limit in ms, 'overall' or 'first-result,overall' (default: ${DEFAULT-VALUE}).")
    String queryTimeout = KnowledgeGraphServer.DEFAULT_QUERY_TIMEOUT;

    @Option(
            names = "--allow-writes",
            description = "Enable SPARQL Update, Graph Store writes and POST /asps/ddx?store=true for the users of "
                    + "--password-file (anonymous reads stay open).")
    boolean allowWrites;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "Users who may write, one 'user: password' a line (Jetty's password file, as Fuseki's "
                    + "--passwd takes it; MD5:/CRYPT:/OBF: forms accepted). Needs --allow-writes.")
    Path passwordFile;

    @Option(
            names = "--auth",
            paramLabel = "basic|digest",
            description = "HTTP authentication scheme for writes (default: ${DEFAULT-VALUE}).")
    String auth = "basic";

    @Option(
            names = "--max-body",
            paramLabel = "BYTES",
            description = "Largest request body: SPARQL query or update, Graph Store upload, case (default: "
                    + "${DEFAULT-VALUE}); larger ones get 413.")
    long maxBody = ServerLimits.DEFAULT_MAX_BODY_BYTES;

    @Option(
            names = "--upload-dir",
            paramLabel = "DIR",
            description = "Where Graph Store uploads (PUT/POST to /asps/data, with --allow-writes) are kept on disk "
                    + "while they arrive, each deleted when its request ends (default: the system's temporary "
                    + "directory).")
    Path uploadDir;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            description = "Most cases (lines) in one POST /asps/ddx/batch (default: ${DEFAULT-VALUE}); each line "
                    + "is at most --max-body bytes. Lines beyond it get one error line and the batch ends.")
    long maxBatch = ServerLimits.DEFAULT_MAX_BATCH_CASES;

    @Option(
            names = "--body-timeout",
            paramLabel = "MS",
            description = "Time from a request's headers to the end of its body (default: ${DEFAULT-VALUE}); "
                    + "a slower body gets 408.")
    long bodyTimeout = ServerLimits.DEFAULT_BODY_READ_TIMEOUT.toMillis();

    @Option(
            names = "--max-rows",
            paramLabel = "N",
            description = "Most rows (or triples) one query may answer (default: ${DEFAULT-VALUE}); a larger answer "
                    + "gets 422: page it with LIMIT/OFFSET.")
    long maxRows = ServerLimits.DEFAULT_MAX_ROWS;

    @Option(
            names = "--max-concurrent",
            paramLabel = "N",
            description = "Requests other than SPARQL queries handled at once, all clients together "
                    + "(default: ${DEFAULT-VALUE}); queries have --max-queries.")
    int maxConcurrent = ServerLimits.DEFAULT_MAX_CONCURRENT_REQUESTS;

    @Option(
            names = "--max-per-client",
            paramLabel = "N",
            description = "Requests from one client address handled at once (default: ${DEFAULT-VALUE}); "
                    + "more from it wait their turn.")
    int maxPerClient = ServerLimits.DEFAULT_MAX_REQUESTS_PER_CLIENT;

    @Option(
            names = "--max-queries",
            paramLabel = "N",
            description = "SPARQL queries executed at once, all clients together, with the full time limit "
                    + "(default: ${DEFAULT-VALUE}); they are not counted under --max-concurrent.")
    int maxQueries = ServerLimits.DEFAULT_MAX_QUERIES;

    @Option(
            names = "--reserved-queries",
            paramLabel = "N",
            description = "More queries at once when --max-queries are all running, each for at most "
                    + "--reserved-timeout, so that a cheap query still answers (default: ${DEFAULT-VALUE}).")
    int reservedQueries = ServerLimits.DEFAULT_RESERVED_QUERIES;

    @Option(
            names = "--reserved-timeout",
            paramLabel = "MS",
            description = "How long a query may run on a reserved turn while no other query waits (after 50 ms a "
                    + "newer waiting query takes the turn); then it goes on if a full turn is free, or gets 503 "
                    + "(default: ${DEFAULT-VALUE}).")
    long reservedTimeout = ServerLimits.DEFAULT_RESERVED_QUERY_TIME.toMillis();

    @Option(
            names = "--queue-timeout",
            paramLabel = "MS",
            description = "How long a request may wait for a turn before it gets 503 with Retry-After "
                    + "(default: ${DEFAULT-VALUE}).")
    long queueTimeout = ServerLimits.DEFAULT_MAX_QUEUE_WAIT.toMillis();

    @Option(
            names = "--max-queued",
            paramLabel = "N",
            description = "Requests waiting for a turn, for queries, for other requests and per client "
                    + "(default: ${DEFAULT-VALUE}); beyond that, or after --queue-timeout, a request gets 503.")
    int maxQueued = ServerLimits.DEFAULT_MAX_QUEUED_REQUESTS;

    @Option(
            names = "--allow-service",
            paramLabel = "URL",
            description = "Allow SPARQL SERVICE calls to endpoints whose URL starts with URL (repeatable). "
                    + "Without it, federated queries are refused and the server contacts no other host.")
    List<String> allowService = new ArrayList<>();

    @Option(names = "--verbose-requests", description = "Log each request in detail (Fuseki's verbose mode).")
    boolean verboseRequests;

    @Mixin
    KnowledgeCacheOption knowledgeCache = new KnowledgeCacheOption();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        KnowledgeGraphServer.Writes writes = writes();
        ServerLimits limits = ServerLimits.defaults()
                .withMaxBodyBytes(maxBody)
                .withBodyReadTimeout(Duration.ofMillis(bodyTimeout))
                .withMaxRows(maxRows)
                .withMaxBatchCases(maxBatch)
                .withConcurrency(maxConcurrent, maxPerClient, maxQueued)
                .withQueries(maxQueries, reservedQueries, Duration.ofMillis(reservedTimeout))
                .withMaxQueueWait(Duration.ofMillis(queueTimeout));
        ServicePolicy services = allowService.isEmpty() ? ServicePolicy.none() : ServicePolicy.allow(allowService);
        KnowledgeGraphStore kg = StoreBuilds.openOrBuild(storeOptions.ontology(), storeOptions.store, err);
        DifferentialPipeline ddx = DdxKnowledge.cached(
                        storeOptions.ontology(),
                        BundledOntology.locate(DdxKnowledge.DEFAULT_SHAPES),
                        knowledgeCache.cache())
                .pipeline();
        KnowledgeGraphServer.Builder builder = KnowledgeGraphServer.create(kg.datasetGraph())
                .host(host)
                .port(port)
                .queryTimeout(queryTimeout)
                .verbose(verboseRequests)
                .limits(limits)
                .services(services)
                .writes(writes)
                .differential(ddx);
        if (uploadDir != null) {
            if (!Files.isDirectory(uploadDir) || !Files.isWritable(uploadDir))
                throw new AspsKgException(
                        "--upload-dir " + uploadDir + " is not a writable directory",
                        "Name an existing directory with room for the largest upload (--max-body).");
            builder.spoolDirectory(uploadDir);
        }
        // warned before the server starts; with --port 0 the system chooses the port as it starts, so
        // the warning waits for it (and still comes before the "serving" lines)
        if (port != 0) warn(err, builder.exposure());
        KnowledgeGraphServer server = builder.build().start();
        if (port == 0) warn(err, builder.exposure(server.port()));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            kg.close();
                        },
                        "asps-kg-shutdown"));
        String url = server.datasetUrl(host.equals("0.0.0.0") ? "127.0.0.1" : host);
        err.println("asps-kg: serving " + kg.path() + " at " + url + "/sparql (query), " + url + "/get (graphs)"
                + (writes == null ? ", read-only" : ", writes for the users of " + writes.passwordFile()));
        err.println("asps-kg: open  " + url.substring(0, url.length() - KnowledgeGraphServer.DATASET.length())
                + "/  in a browser: term pages, search, SPARQL console, differential diagnosis form");
        err.println("asps-kg: try  curl -s '" + url
                + "/sparql' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) { ?s ?p ?o }'");
        err.println("asps-kg: rank a case with  curl -s " + url + "/ddx -H 'Content-Type: application/json' "
                + "--data-binary @ontology/examples/asps-thigh-young-woman.json");
        err.println("asps-kg: Ctrl-C stops the server");
        err.flush();
        server.join();
        return 0;
    }

    private static void warn(PrintWriter err, Optional<String> warning) {
        warning.ifPresent(w -> {
            err.println("asps-kg: WARNING: " + w);
            err.flush();
        });
    }

    private KnowledgeGraphServer.Writes writes() {
        AuthScheme scheme = AuthScheme.scheme(auth);
        if (scheme != AuthScheme.BASIC && scheme != AuthScheme.DIGEST) {
            throw new AspsKgException(
                    "--auth " + auth + " is not basic or digest", "Use --auth basic or --auth digest.");
        }
        if (!allowWrites) {
            if (passwordFile != null) {
                throw new AspsKgException(
                        "--password-file is only used with --allow-writes (reading needs no login)",
                        "Add --allow-writes to let the users of the file write, or leave --password-file out.");
            }
            return null;
        }
        if (passwordFile == null) {
            throw new AspsKgException(
                    "--allow-writes needs --password-file: writes are for logged-in users only",
                    "Write 'user: password' lines to a file readable only by you, then add --password-file FILE.");
        }
        if (!Files.isRegularFile(passwordFile)) {
            throw new AspsKgException(
                    "--password-file " + passwordFile + ": no such file",
                    "Write 'user: password' lines to a file readable only by you.");
        }
        return new KnowledgeGraphServer.Writes(passwordFile, scheme);
    }
}
