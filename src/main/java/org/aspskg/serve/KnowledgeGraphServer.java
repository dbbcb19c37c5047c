package org.aspskg.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.auth.AuthPolicy;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.JettySecurityLib;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.WebContent;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.Context;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.query.ServicePolicy;
import org.aspskg.serve.web.WebFront;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SPARQL endpoint: an embedded Fuseki serving one dataset, {@value #DATASET}:
 *
 * <ul>
 *   <li>{@code /asps/sparql}, {@code /asps/query} and {@code /asps} itself: SPARQL 1.1 Query (GET and
 *       POST, results by content negotiation), answered whole or not at all ({@link BoundedQueryService});
 *   <li>{@code /asps/get} (and {@code /asps/data} on a read-only server): Graph Store Protocol, read;
 *   <li>{@code /asps/ddx}: the differential diagnosis ({@link DifferentialEndpoint}), when added, and
 *       {@code /asps/ddx/batch}, its JSON Lines form ({@link DifferentialBatchEndpoint}), whose body is
 *       streamed: bounded per line and in lines, not received whole first;
 *   <li>{@code /}, {@code /asps-kg/…}, {@code /console}, {@code /ddx}, {@code /api/…}: the web front
 *       ({@link WebFront}): home page, term pages, SPARQL console, differential form, search;
 *   <li>with {@link Builder#writes}: SPARQL Update at {@code /asps/update} and Graph Store writes at
 *       {@code /asps/data}, for users of the password file only (Fuseki's authentication); an upload
 *       is received into a temporary file, not memory ({@link SpooledBody}), so its size is bounded by
 *       the body limit and the disk, not the heap.
 * </ul>
 *
 * Read-only and bound to 127.0.0.1 unless told otherwise. Every request goes through Jetty handlers
 * that bound the work it can cause ({@link ServerLimits}): TRACE refused, bodies received whole before a
 * thread is given (size limit, total read deadline), at most so many requests at once per client and
 * overall (a short queue, then 503), and for SPARQL queries turns of their own with a reserved share
 * ({@link QueryTurns}), each query aborted when its client goes away. {@code SERVICE} calls follow a
 * {@link ServicePolicy} (none by default).
 */
public final class KnowledgeGraphServer {
    /** The dataset's path on the server. */
    public static final String DATASET = "/asps";

    public static final int DEFAULT_PORT = 3030;
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The query time limit {@code asps-kg serve} sets by default ({@code arq:queryTimeout}): 10 s to the first result, 60 s overall. */
    public static final String DEFAULT_QUERY_TIMEOUT = "10000,60000";
    /** The realm of HTTP authentication (shown by browsers, part of Digest's hash). */
    public static final String REALM = "asps-kg";
    /** The endpoint name of the differential diagnosis service. */
    public static final String DDX = "ddx";
    /** The endpoint name of the batch differential diagnosis service (JSON Lines, streamed). */
    public static final String DDX_BATCH = DDX + "/batch";
    /**
     * The response buffer of each request. Fuseki sets 5 MiB, which is more than Jetty's buffer pool
     * keeps (64 KiB at most), so every response, a search hint as much as a ranking, allocated and
     * zeroed a fresh 5 MiB direct buffer; about 200 of them filled the JVM's direct memory (the heap
     * size), and the JDK then called {@code System.gc()}: a full collection of 0.6–1.2 s every few
     * hundred requests (issue 17). A pooled 32 KiB buffer (Jetty's own default) is reused; a longer
     * answer is sent in chunks. Nothing depends on the larger buffer: SPARQL answers are built whole
     * before their first byte ({@link BoundedQueryService}).
     */
    static final int OUTPUT_BUFFER_BYTES = 32 * 1024;

    /** The one path whose body is streamed rather than received whole before it is handled. */
    static final String STREAMED_PATH = DATASET + "/" + DDX_BATCH;

    /** The Graph Store write service; its uploads are spooled to disk, not kept in memory ({@link SpooledBody}). */
    static final String UPLOAD_PATH = DATASET + "/data";

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraphServer.class);

    private final FusekiServer fuseki;
    /** The password file's users, reread every few seconds; null on a read-only server. */
    private final UserStore userStore;

    private final ServerActivity activity;

    private KnowledgeGraphServer(FusekiServer fuseki, UserStore userStore, ServerActivity activity) {
        this.fuseki = fuseki;
        this.userStore = userStore;
        this.activity = activity;
    }

    public static Builder create(DatasetGraph dataset) {
        return new Builder(dataset);
    }

    /** Starts listening; fails with a hint when the port is taken. */
    public KnowledgeGraphServer start() {
        try {
            fuseki.start();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new AspsKgException(
                    "cannot start the server on port " + fuseki.getPort() + ": " + cause.getMessage(),
                    "Is another server on that port? Choose another with --port.",
                    e);
        }
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return fuseki.getHttpPort();
    }

    /** The dataset's base URL, e.g. {@code http://127.0.0.1:3030/asps}. */
    public String datasetUrl(String host) {
        return "http://" + host + ":" + port() + DATASET;
    }

    /** What the server is working on now (queries and batches running), for tests that check that work stops. */
    ServerActivity activity() {
        return activity;
    }

    /** The underlying Fuseki server, for tests that inspect its connectors. */
    FusekiServer fusekiForTests() {
        return fuseki;
    }

    public void join() {
        fuseki.join();
    }

    public void stop() {
        fuseki.stop();
        if (userStore != null) {
            try {
                userStore.stop();
            } catch (Exception e) {
                LOG.warn("could not stop the password file's user store: {}", e.getMessage());
            }
        }
    }

    /** Who may write, and how they log in: Fuseki's password file and HTTP authentication scheme. */
    public record Writes(Path passwordFile, AuthScheme scheme) {
        public Writes {
            if (scheme != AuthScheme.BASIC && scheme != AuthScheme.DIGEST) {
                throw new AspsKgException(
                        "unknown authentication scheme " + scheme, "Use --auth basic or --auth digest.");
            }
        }
    }

    public static final class Builder {
        private final DatasetGraph dataset;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String queryTimeout;
        private boolean verbose;
        private ServerLimits limits = ServerLimits.defaults();
        private ServicePolicy services = ServicePolicy.none();
        private Writes writes;
        private DifferentialPipeline differential;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder(DatasetGraph dataset) {
            this.dataset = dataset;
        }

        /** The address to bind: 127.0.0.1 (default), 0.0.0.0 for every interface, or one address. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Query time limit as Fuseki's {@code arq:queryTimeout} takes it: {@code "overall"} or
         * {@code "first-result,overall"} in milliseconds; null for none.
         */
        public Builder queryTimeout(String millis) {
            this.queryTimeout = millis;
            return this;
        }

        /** Fuseki's verbose request logging. */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        public Builder limits(ServerLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Which endpoints SERVICE may call (default: none). */
        public Builder services(ServicePolicy services) {
            this.services = services;
            return this;
        }

        /** Enables SPARQL Update, Graph Store writes and {@code ddx?store=true} for users of a password file. */
        public Builder writes(Writes writes) {
            this.writes = writes;
            return this;
        }

        /**
         * Where Graph Store uploads are kept while they arrive (default: {@code java.io.tmpdir}); each
         * file is deleted when its request completes.
         */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = directory;
            return this;
        }

        /** Adds {@code POST /asps/ddx}, ranking with {@code service} and storing in the dataset's cases graph. */
        public Builder differential(DifferentialPipeline service) {
            this.differential = service;
            return this;
        }

        /**
         * What this server exposes beyond the machine, for a warning: empty when it binds a loopback
         * address only. Names the configured port; with port 0 (chosen by the system when the server
         * starts) use {@link #exposure(int)} with the port it got.
         */
        public Optional<String> exposure() {
            return exposure(port);
        }

        /** {@link #exposure()} for a server listening on {@code boundPort}. */
        public Optional<String> exposure(int boundPort) {
            try {
                if (InetAddress.getByName(host).isLoopbackAddress()) return Optional.empty();
            } catch (UnknownHostException e) {
                // an unresolvable name cannot be bound either; warn all the same
            }
            List<String> exposed = new ArrayList<>(List.of(
                    DATASET + "/sparql, " + DATASET + "/query and " + DATASET + " (SPARQL query)",
                    DATASET + "/get (every graph, cases included)"));
            if (differential != null)
                exposed.add(DATASET + "/" + DDX + " and " + DATASET + "/" + DDX_BATCH + " (case ranking)");
            String who = "to anyone who can reach " + host + ":" + boundPort + ", without TLS";
            String writing = writes == null
                    ? "; the server is read-only"
                    : "; writes (" + DATASET + "/update, " + DATASET + "/data, " + DATASET + "/" + DDX
                            + "?store=true) need a login"
                            + (writes.scheme() == AuthScheme.BASIC
                                    ? ", and HTTP Basic sends the password in clear text: use --auth digest or a TLS proxy"
                                    : "");
            return Optional.of("--host " + host + " serves " + String.join(", ", exposed) + " " + who + writing);
        }

        public KnowledgeGraphServer build() {
            ServerActivity activity = new ServerActivity();
            Context queries = services.context();
            if (queryTimeout != null) queries.set(ARQ.queryTimeout, queryTimeout);

            DataService.Builder service = DataService.newBuilder(dataset);
            for (String name : List.of("", "sparql", "query")) {
                service.addEndpoint(endpoint(Operation.Query, name, null, queries));
            }
            service.addEndpoint(endpoint(Operation.GSP_R, "", null, null));
            service.addEndpoint(endpoint(Operation.GSP_R, "get", null, null));
            if (writes == null) {
                service.addEndpoint(endpoint(Operation.GSP_R, "data", null, null));
            } else {
                service.addEndpoint(
                        endpoint(Operation.GSP_RW, UPLOAD_PATH.substring(DATASET.length() + 1), Auth.ANY_USER, null));
                service.addEndpoint(endpoint(Operation.Update, "update", Auth.ANY_USER, queries));
            }

            FusekiServer.Builder b = FusekiServer.create()
                    .port(port)
                    .verbose(verbose)
                    .enablePing(true)
                    .enableStats(true)
                    .add(DATASET, service)
                    .registerOperation(
                            Operation.Query,
                            WebContent.contentTypeSPARQLQuery,
                            new BoundedQueryService(limits.maxRows(), activity, retryAfterSeconds(limits)))
                    .addFilter("/*", new ServletGuards());
            if (differential != null) {
                b.registerOperation(
                                DifferentialEndpoint.OPERATION,
                                new DifferentialEndpoint(
                                        differential, new CasesGraph(dataset), writes != null, limits.maxBodyBytes()))
                        // anonymous: ranking is open; ?store=true asks for a login itself
                        .addEndpoint(DATASET, DDX, DifferentialEndpoint.OPERATION, Auth.ANY_ANON)
                        // a servlet: Fuseki dispatches only one path segment after a dataset's name
                        .addServlet(
                                STREAMED_PATH,
                                new DifferentialBatchEndpoint(
                                        differential,
                                        new CasesGraph(dataset),
                                        writes != null,
                                        limits.maxBodyBytes(),
                                        limits.maxBatchCases(),
                                        limits.bodyReadTimeout().toMillis(),
                                        activity));
            }
            WebFront.install(b, dataset, differential != null, writes != null);
            UserStore users = null;
            if (writes != null) {
                // Fuseki's own password-file user store and security handler, built here to be stopped with the server
                users = JettySecurityLib.makeUserStore(writes.passwordFile().toString());
                b.securityHandler(JettySecurityLib.makeSecurityHandler(REALM, users, writes.scheme()))
                        .auth(writes.scheme())
                        .realm(REALM);
            }
            FusekiServer fuseki = b.build();

            Server jetty = fuseki.getJettyServer();
            for (Connector c : jetty.getConnectors()) {
                if (c instanceof ServerConnector sc) sc.setHost(host);
                HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) http.getHttpConfiguration().setOutputBufferSize(OUTPUT_BUFFER_BYTES);
            }
            ServerErrors errors = new ServerErrors(retryAfterSeconds(limits), DATASET + "/" + DDX, STREAMED_PATH);
            jetty.setErrorHandler(errors);
            ServletContextHandler context = (ServletContextHandler) jetty.getHandler();
            context.setErrorHandler(errors);
            jetty.setHandler(guard(context));
            return new KnowledgeGraphServer(fuseki, users, activity);
        }

        private static Endpoint endpoint(Operation op, String name, AuthPolicy auth, Context context) {
            Endpoint.Builder e =
                    Endpoint.create().operation(op).endpointName(name).authPolicy(auth);
            if (context != null) e.context(context);
            return e.build();
        }

        /**
         * The Jetty handlers in front of Fuseki, outermost first: TRACE refused; the body received in
         * full, within its size and time limits, before anything else; then a limit per client address,
         * then turns for all clients: {@link QueryTurns} for SPARQL queries, Jetty's QoSHandler for
         * every other request; waiting requests hold no thread. {@code /$/ping} skips the
         * request limits so that a health check answers even when the server is busy.
         */
        private Handler guard(Handler fuseki) {
            QoSHandler overall = new QoSHandler(fuseki);
            overall.setMaxRequestCount(limits.maxConcurrentRequests());
            overall.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
            overall.setMaxSuspend(limits.maxQueueWait());
            overall.excludePath("/$/ping");
            // queries have turns of their own, with a reserved share that runaways cannot hold for long
            overall.exclude(QueryTurns::isQuery);
            QueryTurns queries = new QueryTurns(overall, limits);

            ClientLimit perClient = new ClientLimit(queries, limits.maxRequestsPerClient(), limits.maxQueuedRequests());
            perClient.excludePath("/$/ping");

            Handler bodies = RequestBodies.handler(
                    limits.maxBodyBytes(),
                    limits.bodyReadTimeout(),
                    STREAMED_PATH,
                    writes == null ? null : UPLOAD_PATH,
                    spoolDirectory);
            ((Handler.Wrapper) bodies).setHandler(perClient);

            // Basic credentials that are not base64 are the client's mistake; Jetty's authenticator answered 500
            ConditionalHandler.Reject badCredentials =
                    new ConditionalHandler.Reject(bodies, HttpStatus.BAD_REQUEST_400);
            badCredentials.include(Builder::malformedBasicCredentials);

            ConditionalHandler.Reject trace =
                    new ConditionalHandler.Reject(badCredentials, HttpStatus.METHOD_NOT_ALLOWED_405);
            trace.includeMethod("TRACE", "TRACK");
            return trace;
        }

        /** What a busy 503 tells a client to wait: the queue's wait, in whole seconds. */
        private static long retryAfterSeconds(ServerLimits limits) {
            return Math.max(1, (limits.maxQueueWait().toMillis() + 999) / 1000);
        }

        /** An {@code Authorization: Basic …} header whose credentials are not base64. */
        private static boolean malformedBasicCredentials(org.eclipse.jetty.server.Request request) {
            String value = request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.AUTHORIZATION);
            if (value == null || value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) return false;
            try {
                java.util.Base64.getDecoder().decode(value.substring(6).trim());
                return false;
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
    }
}
