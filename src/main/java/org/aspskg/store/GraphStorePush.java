package org.aspskg.store;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;

/**
 * Copies named graphs of the local store to any SPARQL 1.1 Graph Store Protocol endpoint (Fuseki's
 * {@code /ds/data}, or another triple store's GSP service), one HTTP PUT per graph, so each remote
 * graph is replaced by exactly the local one. Credentials go as HTTP Basic authentication, sent with
 * every request (as {@code curl -u} does); use https for anything but loopback. Each graph is
 * serialized as N-Triples in memory before it is sent.
 */
public final class GraphStorePush {
    /** A user name and password for HTTP Basic authentication. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]"; // never the password
        }
    }

    private final String endpoint;
    private final Credentials credentials;

    /** @param credentials null for an endpoint without authentication */
    public GraphStorePush(String endpoint, Credentials credentials) {
        this.endpoint = requireHttpUrl(endpoint);
        this.credentials = credentials;
    }

    public String endpoint() {
        return endpoint;
    }

    /** PUTs each graph (an empty one too, which empties the remote graph); returns triples sent per graph. */
    public Map<String, Long> push(KnowledgeGraphStore store, List<String> graphs) {
        DatasetGraph dsg = store.datasetGraph();
        Map<String, Long> sent = new LinkedHashMap<>();
        for (String iri : graphs) {
            Txn.executeRead(dsg, () -> {
                Graph graph = dsg.getGraph(NodeFactory.createURI(iri));
                put(iri, graph);
                sent.put(iri, (long) graph.size());
            });
        }
        return sent;
    }

    private void put(String graphIri, Graph graph) {
        GSP gsp = GSP.service(endpoint).graphName(graphIri).contentType(RDFFormat.NTRIPLES);
        if (credentials != null) gsp.httpHeader("Authorization", basic(credentials));
        try {
            gsp.PUT(graph);
        } catch (HttpException e) {
            throw explain(e, graphIri);
        }
    }

    private AspsKgException explain(HttpException e, String graphIri) {
        int status = e.getStatusCode();
        String where = "pushing <" + graphIri + "> to " + endpoint;
        if (status == 401) {
            return new AspsKgException(
                    where + ": the endpoint refused the credentials (HTTP 401 Unauthorized)",
                    credentials == null
                            ? "The endpoint needs a login: pass --user and --password."
                            : "Check --user and --password for this endpoint (HTTP Basic authentication).",
                    e);
        }
        if (status == 403) {
            return new AspsKgException(
                    where + ": user '" + (credentials == null ? "(anonymous)" : credentials.user())
                            + "' may not write there (HTTP 403 Forbidden)",
                    "Ask the endpoint's administrator for write access.",
                    e);
        }
        if (status == 404 || status == 405) {
            return new AspsKgException(
                    where + ": no writable Graph Store Protocol service at that URL (HTTP " + status + ")",
                    "Give the endpoint's GSP URL, e.g. http://host:3030/ds/data for a Fuseki dataset /ds with updates enabled.",
                    e);
        }
        if (status < 0 || e.getCause() instanceof ConnectException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new AspsKgException(
                    where + ": cannot connect (" + cause + ")", "Check the URL and that the endpoint is running.", e);
        }
        return new AspsKgException(
                where + ": HTTP " + status + " " + e.getMessage(), "See the endpoint's log for the reason.", e);
    }

    private static String basic(Credentials c) {
        String token = c.user() + ":" + c.password();
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null
                    && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new AspsKgException(
                "not an http(s) URL: '" + url + "'",
                "Give the Graph Store Protocol endpoint, e.g. http://127.0.0.1:3030/ds/data.");
    }
}
