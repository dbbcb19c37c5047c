package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aspskg.query.LoopbackListener;
import org.aspskg.query.ServicePolicy;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SERVICE on the served endpoint: a listener on loopback stands for any host the server could be
 * made to contact (a request forgery, or a port scan by the difference between answers); it must
 * receive nothing unless --allow-service names it.
 */
class ServiceCallsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KnowledgeGraphStore store;

    @BeforeAll
    static void open() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static HttpResponse<String> query(KnowledgeGraphServer server, String sparql) throws Exception {
        String url =
                server.datasetUrl("127.0.0.1") + "/sparql?query=" + URLEncoder.encode(sparql, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> forms(String url) {
        return List.of(
                "SELECT * { SERVICE <" + url + "> { ?s ?p ?o } }",
                "SELECT * { VALUES ?endpoint { <" + url + "> } SERVICE ?endpoint { ?s ?p ?o } }",
                "SELECT * { BIND(IRI(CONCAT(\"" + url + "\", \"\")) AS ?endpoint) SERVICE ?endpoint { ?s ?p ?o } }");
    }

    @Test
    void byDefaultNoServiceFormReachesAnyHost() throws Exception {
        KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .build()
                .start();
        try (LoopbackListener target = new LoopbackListener()) {
            for (String q : forms(target.url("/sparql"))) {
                HttpResponse<String> r = query(server, q);
                assertEquals(422, r.statusCode(), q + ": " + r.body());
                assertTrue(r.body().contains("--allow-service"), r.body());
                HttpResponse<String> silent = query(server, q.replace("SERVICE", "SERVICE SILENT"));
                assertEquals(200, silent.statusCode(), silent.body());
            }
            Thread.sleep(300); // a connection, if any was made, has been accepted by now
            assertEquals(0, target.connections());
        } finally {
            server.stop();
        }
    }

    @Test
    void anAllowedPrefixIsCalledAndNothingElse() throws Exception {
        try (LoopbackListener allowed = new LoopbackListener();
                LoopbackListener other = new LoopbackListener()) {
            KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                    .port(0)
                    .services(ServicePolicy.allow(List.of(allowed.url("/sparql"))))
                    .build()
                    .start();
            try {
                for (String q : forms(allowed.url("/sparql"))) {
                    HttpResponse<String> r = query(server, q);
                    assertEquals(200, r.statusCode(), q + ": " + r.body());
                }
                assertEquals(3, allowed.connections());
                for (String q : forms(other.url("/sparql"))) {
                    assertEquals(422, query(server, q).statusCode(), q);
                }
                // a prefix is matched at a path boundary: /sparql does not allow /sparql-admin
                assertEquals(
                        422,
                        query(server, forms(allowed.url("/sparql-admin")).get(0))
                                .statusCode());
                Thread.sleep(300);
                assertEquals(0, other.connections());
                assertEquals(3, allowed.connections());
            } finally {
                server.stop();
            }
        }
    }
}
