package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.system.Txn;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A real server on an ephemeral loopback port, spoken to by real HTTP clients. */
class KnowledgeGraphServerTest {
    private static final String PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";
    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static String endpoint;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .build()
                .start();
        endpoint = server.datasetUrl("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static String subsumption(String graphPattern) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(PREFIXES + graphPattern);
        q.setIri("asps", AspsVocabulary.iri("AlveolarSoftPartSarcoma"));
        q.setIri("hv", AspsVocabulary.iri("HypervascularLesion"));
        q.setIri("g", AspsVocabulary.GRAPH_ASSERTED);
        return q.toString();
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(endpoint + path)).GET();
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long tripleCount() {
        return Txn.calculateRead(
                store.datasetGraph(), () -> store.datasetGraph().stream().count());
    }

    @Test
    void selectOverTheDefaultGraphSeesAnInferredSubsumptionThatTheAssertedGraphDoesNot() {
        String select = subsumption("SELECT ?super WHERE { ?asps rdfs:subClassOf ?super } ");
        List<String> supers;
        try (QueryExecutionHTTP qe =
                QueryExecutionHTTP.service(endpoint + "/sparql").query(select).build()) {
            supers = new java.util.ArrayList<>();
            qe.execSelect()
                    .forEachRemaining(s -> supers.add(s.getResource("super").getURI()));
        }
        assertTrue(supers.contains(AspsVocabulary.iri("HypervascularLesion")), supers.toString());
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(endpoint + "/query")
                .query(subsumption("ASK { GRAPH ?g { ?asps rdfs:subClassOf+ ?hv } }"))
                .build()) {
            assertFalse(qe.execAsk());
        }
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(endpoint + "/sparql")
                .query(subsumption("ASK { ?asps rdfs:subClassOf ?hv }"))
                .build()) {
            assertTrue(qe.execAsk());
        }
    }

    @Test
    void constructReturnsTheInferredTriplesAsAGraph() {
        String construct = subsumption("CONSTRUCT { ?asps rdfs:subClassOf ?s } WHERE { " + "GRAPH <"
                + AspsVocabulary.GRAPH_INFERRED + "> { ?asps rdfs:subClassOf ?s } }");
        Model m;
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(endpoint + "/sparql")
                .query(construct)
                .build()) {
            m = qe.execConstruct();
        }
        Model expected = ModelFactory.createDefaultModel();
        Txn.executeRead(store.datasetGraph(), () -> {
            Model inferred = store.dataset().getNamedModel(AspsVocabulary.GRAPH_INFERRED);
            expected.add(inferred.listStatements(
                    inferred.createResource(AspsVocabulary.iri("AlveolarSoftPartSarcoma")),
                    null,
                    (org.apache.jena.rdf.model.RDFNode) null));
        });
        assertTrue(expected.size() > 0);
        assertTrue(expected.isIsomorphicWith(m));
    }

    @ParameterizedTest
    @CsvSource({
        "application/sparql-results+json, application/sparql-results+json, \"bindings\"",
        "text/csv,                        text/csv,                         n",
        "text/tab-separated-values,       text/tab-separated-values,        ?n",
        "application/sparql-results+xml,  application/sparql-results+xml,   <sparql"
    })
    void resultFormatsComeBackWithTheirMediaTypes(String accept, String mediaType, String bodyStart) throws Exception {
        HttpResponse<String> r = get("/sparql?query=" + enc("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"), accept);
        assertEquals(200, r.statusCode());
        assertEquals(
                mediaType, r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(r.body().contains(bodyStart), r.body());
        assertTrue(r.body().contains(Long.toString(tripleCount())), r.body());
    }

    @Test
    void malformedQueryGets400WithTheParsersMessage() throws Exception {
        HttpResponse<String> r = post("/sparql", "query=" + enc("SELECT ?x WHERE { ?x ?p }"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Parse error") && r.body().contains("line 1"), r.body());
    }

    @Test
    void sparqlUpdateIsRefusedAndChangesNothing() throws Exception {
        long before = tripleCount();
        String update = "update=" + enc("CLEAR ALL");
        for (String path : List.of("", "/sparql", "/query", "/update")) {
            int status = post(path, update).statusCode();
            assertTrue(status == 400 || status == 404 || status == 405, path + " answered " + status);
        }
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/get?default"))
                        .header("Content-Type", "text/turtle")
                        .PUT(HttpRequest.BodyPublishers.ofString(""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(put.statusCode() >= 400, "PUT answered " + put.statusCode());
        assertEquals(before, tripleCount());
    }

    @Test
    void aSyntaxErrorQuotingANonAsciiCharacterIs400WithTheParsersMessage() throws Exception {
        // the parser's message quotes the prefixed name as written: a length in characters, not bytes
        HttpResponse<String> r = post("/sparql", "query=" + enc("SELECT * WHERE { ?s ?p ü:sarcome }"));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("Unresolved prefixed name: ü:sarcome"), r.body());
        HttpResponse<String> body = http.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/query"))
                        .header("Content-Type", "application/sparql-query; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT (COUNT(*) AS ?é) (COUNT(*) AS ?é) {}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, body.statusCode(), body.body());
        assertTrue(body.body().contains("Duplicate variable in result projection '?é'"), body.body());
    }

    @Test
    void traceIsRefusedOnEveryPath() throws Exception {
        for (String path : List.of("", "/sparql", "/query", "/get", "/data", "/update", "/no-such-service")) {
            assertEquals(405, send("TRACE", endpoint + path).statusCode(), path);
        }
        String root = "http://127.0.0.1:" + server.port();
        for (String path : List.of("/", "/$/ping", "/$/stats", "/no-such-dataset")) {
            HttpResponse<String> r = send("TRACE", root + path);
            assertEquals(405, r.statusCode(), path);
            assertFalse(r.body().contains("TRACE " + path), "echoed: " + r.body());
        }
    }

    @Test
    void aQueryBodyOverTheLimitIs413WhateverItsForm() throws Exception {
        String big = "SELECT * { ?s ?p ?o } # " + "x".repeat((int) ServerLimits.DEFAULT_MAX_BODY_BYTES);
        HttpResponse<String> asQuery = http.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/sparql"))
                        .header("Content-Type", "application/sparql-query")
                        .POST(HttpRequest.BodyPublishers.ofString(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, asQuery.statusCode());
        assertEquals(413, post("/sparql", "query=" + enc(big)).statusCode());
        // no Content-Length: a chunked body is cut once it passes the limit; the 413 goes out at once, so a
        // client still sending may see the connection closed instead, but never an answer
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<String> chunked = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/sparql"))
                            .header("Content-Type", "application/sparql-query")
                            .POST(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new java.io.ByteArrayInputStream(bytes)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode());
        } catch (IOException closedWhileSending) {
            // the server refused and closed before the client finished sending
        }
        // just under the limit is a query like any other
        String fits = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o } # " + "x".repeat(1000);
        assertEquals(200, post("/sparql", "query=" + enc(fits)).statusCode());
    }

    @Test
    void anAnswerOverTheRowLimitIsRefusedNotTruncated() throws Exception {
        KnowledgeGraphServer small = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .limits(ServerLimits.defaults().withMaxRows(5))
                .build()
                .start();
        try {
            String url = small.datasetUrl("127.0.0.1") + "/sparql?query=";
            HttpResponse<String> five = send("GET", url + enc("SELECT ?s { ?s ?p ?o } LIMIT 5"), "text/csv");
            assertEquals(200, five.statusCode());
            assertEquals(6, five.body().lines().count(), five.body());
            for (String q : List.of(
                    "SELECT ?s { ?s ?p ?o } LIMIT 6",
                    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 6",
                    "DESCRIBE <" + AspsVocabulary.iri("AlveolarSoftPartSarcoma") + ">")) {
                HttpResponse<String> r = send("GET", url + enc(q), null);
                assertEquals(422, r.statusCode(), q + ": " + r.body());
                assertTrue(r.body().contains("more than 5") && r.body().contains("--max-rows"), r.body());
            }
        } finally {
            small.stop();
        }
    }

    @Test
    void aQueryCutByTheTimeLimitIs503NeverATruncated200() throws Exception {
        KnowledgeGraphServer hurried = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .queryTimeout("400")
                .build()
                .start();
        try {
            String url = hurried.datasetUrl("127.0.0.1") + "/sparql?query=";
            // rows come steadily (each needs a scan of the store) until the time limit cuts the query
            String streaming = "SELECT ?s ?o { ?s ?p ?o OPTIONAL { ?x ?y ?z FILTER(?z = ?o && ?x != ?x) } }";
            String counting = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
            for (String q : List.of(streaming, counting)) {
                for (String accept : List.of("text/csv", "application/sparql-results+json")) {
                    HttpResponse<String> r = send("GET", url + enc(q), accept);
                    assertEquals(503, r.statusCode(), q + " as " + accept + ": " + r.body());
                    assertTrue(r.body().startsWith("Query timed out"), r.body());
                }
            }
        } finally {
            hurried.stop();
        }
    }

    @Test
    void writesNeedALoginAndReadsStayOpen() throws Exception {
        java.nio.file.Path passwords = java.nio.file.Files.createTempFile("asps-kg-passwd", "");
        // a password may be stored hashed, in the forms Jetty's password tool prints (MD5:, CRYPT:, OBF:)
        java.nio.file.Files.writeString(
                passwords,
                "editor: pw-123\nhashed: " + org.eclipse.jetty.util.security.Credential.MD5.digest("pw-456") + "\n");
        org.apache.jena.sparql.core.DatasetGraph memory =
                org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        KnowledgeGraphServer writable = KnowledgeGraphServer.create(memory)
                .port(0)
                .writes(new KnowledgeGraphServer.Writes(passwords, org.apache.jena.atlas.web.AuthScheme.BASIC))
                .build()
                .start();
        try {
            String url = writable.datasetUrl("127.0.0.1");
            String insert = "update=" + enc("INSERT DATA { <urn:x:s> <urn:x:p> \"written\" }");
            String login = DifferentialEndpointTest.basic("editor", "pw-123");
            assertEquals(401, send("POST", url + "/update", null, insert, null).statusCode());
            assertEquals(
                    401,
                    send("POST", url + "/update", null, insert, DifferentialEndpointTest.basic("editor", "wrong"))
                            .statusCode());
            assertEquals(0L, Txn.calculateRead(memory, () -> memory.stream().count()));
            assertEquals(200, send("POST", url + "/update", null, insert, login).statusCode());
            assertEquals(1L, Txn.calculateRead(memory, () -> memory.stream().count()));
            String hashedInsert = "update=" + enc("INSERT DATA { <urn:x:s> <urn:x:p> \"hashed\" }");
            assertEquals(
                    200,
                    send(
                                    "POST",
                                    url + "/update",
                                    null,
                                    hashedInsert,
                                    DifferentialEndpointTest.basic("hashed", "pw-456"))
                            .statusCode());
            assertEquals(2L, Txn.calculateRead(memory, () -> memory.stream().count()));

            String turtle = "<http://example.org/a> <http://example.org/b> <http://example.org/c> .";
            assertEquals(
                    401,
                    put(url + "/data?graph=http://example.org/g", turtle, null).statusCode());
            assertTrue(
                    put(url + "/data?graph=http://example.org/g", turtle, login).statusCode() / 100 == 2);
            assertEquals(3L, Txn.calculateRead(memory, () -> memory.stream().count()));

            HttpResponse<String> read = send(
                    "GET",
                    url + "/sparql?query=" + enc("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
                    "text/csv");
            assertEquals(200, read.statusCode());
            assertEquals("n\r\n1\r\n", read.body(), "one triple in a named graph");
            assertEquals(
                    200,
                    send("GET", url + "/get?graph=http://example.org/g", "text/turtle")
                            .statusCode());
        } finally {
            writable.stop();
            java.nio.file.Files.delete(passwords);
        }
    }

    private static HttpResponse<String> send(String method, String url) throws IOException, InterruptedException {
        return send(method, url, null);
    }

    private static HttpResponse<String> send(String method, String url, String accept)
            throws IOException, InterruptedException {
        return send(method, url, accept, null, null);
    }

    private static HttpResponse<String> send(
            String method, String url, String accept, String form, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (accept != null) b.header("Accept", accept);
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String url, String turtle, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString(turtle));
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void graphAnswersComeInTheTripleSyntaxAsked() throws Exception {
        for (String q : List.of(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
                "DESCRIBE <" + AspsVocabulary.iri("AlveolarSoftPartSarcoma") + ">")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/sparql"))
                            .header("Content-Type", "application/sparql-query; charset=utf-8")
                            .header("Accept", "application/n-triples")
                            .POST(HttpRequest.BodyPublishers.ofString(q))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), q + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/n-triples"), q);
            Model m = ModelFactory.createDefaultModel();
            RDFParser.create()
                    .source(new StringReader(r.body()))
                    .lang(Lang.NTRIPLES)
                    .parse(m);
            assertTrue(m.size() >= 3, q + ": " + r.body());
        }
    }

    @Test
    void graphStoreProtocolReturnsTheInferredNamedGraph() throws Exception {
        HttpResponse<String> r = get("/get?graph=" + enc(AspsVocabulary.GRAPH_INFERRED), "text/turtle");
        assertEquals(200, r.statusCode());
        Model served = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.body())).lang(Lang.TURTLE).parse(served);
        Model stored = Txn.calculateRead(
                store.datasetGraph(),
                () -> ModelFactory.createDefaultModel()
                        .add(store.dataset().getNamedModel(AspsVocabulary.GRAPH_INFERRED)));
        assertTrue(stored.size() > 0);
        assertTrue(stored.isIsomorphicWith(served));
    }

    @Test
    void bindsTheLoopbackAddressByDefault() {
        var other = KnowledgeGraphServer.create(store.datasetGraph()).port(0).build();
        ServerConnector c =
                (ServerConnector) other.fusekiForTests().getJettyServer().getConnectors()[0];
        assertEquals("127.0.0.1", c.getHost());
    }

    @Test
    void countQueryOverHttpAgreesWithTheStore() {
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(endpoint + "/sparql")
                .query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
                .build()) {
            QuerySolution s = qe.execSelect().next();
            assertEquals(tripleCount(), s.getLiteral("n").getLong());
        }
    }

    /**
     * Fuseki asks Jetty for a 5 MiB response buffer, larger than Jetty's pool keeps: every answer then
     * allocated a fresh direct buffer, and once they filled the JVM's direct memory the JDK forced a
     * full collection (issue 17). Responses must come from the pool: a few dozen answers leave
     * direct memory where it was, give or take a few pooled buffers.
     */
    @Test
    void answersReusePooledResponseBuffersInsteadOfAllocatingDirectMemoryEachTime() throws Exception {
        java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory.getPlatformMXBeans(
                        java.lang.management.BufferPoolMXBean.class)
                .stream()
                .filter(b -> b.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        get("/sparql?query=" + enc("ASK {}"), "application/sparql-results+json"); // the pool's first buffers
        long before = direct.getTotalCapacity();
        int answers = 40;
        for (int i = 0; i < answers; i++) {
            assertEquals(
                    200,
                    get("/sparql?query=" + enc("ASK {}"), "application/sparql-results+json")
                            .statusCode());
        }
        long grown = direct.getTotalCapacity() - before;
        // 40 unpooled 5 MiB buffers would be 200 MiB; the pool needs at most a few 32 KiB ones
        assertTrue(grown < 8L << 20, "direct memory grew by " + (grown >> 20) + " MiB over " + answers + " answers");
    }
}
