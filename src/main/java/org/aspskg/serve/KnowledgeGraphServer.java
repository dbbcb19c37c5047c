package org.aspskg.serve;

import jakarta.servlet.http.HttpServlet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.aspskg.AspsKgException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The SPARQL endpoint: an embedded Fuseki serving one dataset, {@value #DATASET}, read-only, with
 * Fuseki's standard read services — {@code /asps/sparql} and {@code /asps/query} (SPARQL 1.1 Query,
 * GET and POST, results by content negotiation) and {@code /asps/get} (Graph Store Protocol, read) —
 * and no update service. Extra HTTP services (such as the differential diagnosis) are servlets added
 * under the dataset's path.
 */
public final class KnowledgeGraphServer {
    /** The dataset's path on the server. */
    public static final String DATASET = "/asps";

    public static final int DEFAULT_PORT = 3030;
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The query time limit {@code asps-kg serve} sets by default ({@code arq:queryTimeout}): 10 s to the first result, 60 s overall. */
    public static final String DEFAULT_QUERY_TIMEOUT = "10000,60000";

    private final FusekiServer fuseki;

    private KnowledgeGraphServer(FusekiServer fuseki) {
        this.fuseki = fuseki;
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

    /** The underlying Fuseki server, for tests that inspect its connectors. */
    FusekiServer fusekiForTests() {
        return fuseki;
    }

    public void join() {
        fuseki.join();
    }

    public void stop() {
        fuseki.stop();
    }

    public static final class Builder {
        private final DatasetGraph dataset;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String queryTimeout;
        private boolean verbose;
        private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();

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

        /** Adds an HTTP service below the dataset, e.g. {@code servlet("ddx", …)} at {@code /asps/ddx}. */
        public Builder servlet(String name, HttpServlet servlet) {
            servlets.put(DATASET + "/" + name, servlet);
            return this;
        }

        public KnowledgeGraphServer build() {
            if (queryTimeout != null) dataset.getContext().set(ARQ.queryTimeout, queryTimeout);
            FusekiServer.Builder b = FusekiServer.create()
                    .port(port)
                    .verbose(verbose)
                    .enablePing(true)
                    .enableStats(true)
                    .add(DATASET, dataset, false);
            servlets.forEach(b::addServlet);
            FusekiServer fuseki = b.build();
            for (Connector c : fuseki.getJettyServer().getConnectors()) {
                if (c instanceof ServerConnector sc) sc.setHost(host);
            }
            return new KnowledgeGraphServer(fuseki);
        }
    }
}
