package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Graph Store Protocol's read endpoint gives: {@code ?default} is the store's own default graph
 * (empty: every triple is in a named graph), and {@code ?graph=urn:x-arq:UnionGraph} is the union that
 * SPARQL queries see as their default graph.
 */
class GraphStoreReadTest {
    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    private static Graph get(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.datasetUrl("127.0.0.1") + "/get?" + query))
                .header("Accept", "application/n-triples")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(response.body(), Lang.NTRIPLES).parse(g);
        return g;
    }

    @Test
    void theUnionGraphIsEveryNamedGraphTogether() throws Exception {
        Graph served = get("graph=" + URLEncoder.encode(Quad.unionGraph.getURI(), StandardCharsets.UTF_8));
        Graph union = Txn.calculateRead(store.datasetGraph(), () -> {
            Graph g = GraphFactory.createDefaultGraph();
            store.datasetGraph().find(Quad.unionGraph, null, null, null).forEachRemaining(q -> g.add(q.asTriple()));
            return g;
        });
        assertTrue(union.size() > 1000, "the store holds the ontology");
        assertTrue(union.isIsomorphicWith(served), "GET ?graph=urn:x-arq:UnionGraph differs from the union");
    }

    @Test
    void theDefaultGraphOfTheGraphStoreProtocolIsTheStoresOwnEmptyDefaultGraph() throws Exception {
        assertEquals(0, get("default").size());
    }
}
