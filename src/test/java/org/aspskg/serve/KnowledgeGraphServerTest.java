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
}
