package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.aspskg.cli.DocsText;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StandardBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /asps/ddx on a real server (ephemeral loopback port) over its own store, which it may write. */
class DifferentialServletTest {
    private static final Path EXAMPLE = Path.of("ontology", "examples", "asps-thigh-young-woman.json");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static DifferentialPipeline service;
    private static String endpoint;

    @BeforeAll
    static void start() {
        Path tdb = dir.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, tdb).build();
        store = KnowledgeGraphStore.open(tdb);
        service = DifferentialPipeline.loadDefault();
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .servlet("ddx", new DifferentialServlet(service, store.datasetGraph()))
                .build()
                .start();
        endpoint = server.datasetUrl("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String accept, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) b.header("Accept", accept);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postingAJsonCaseReturnsTheSameRankingAsTheServiceAndTheCommandLine() throws Exception {
        String json = Files.readString(EXAMPLE);
        HttpResponse<String> r = post("/ddx", "application/json", null, json);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                service.rank(service.read(CaseInput.json(json, DifferentialServlet.SOURCE)))
                        .render(RankingFormat.JSON),
                r.body());
        JsonNode cli = RankingJson.MAPPER.readTree(
                service.rank(service.read(CaseInput.file(EXAMPLE))).render(RankingFormat.JSON));
        JsonNode http = RankingJson.MAPPER.readTree(r.body());
        assertEquals(cli.get("hypotheses"), http.get("hypotheses"), "same ranking as `asps-kg ddx` on the file");
    }

    @Test
    void postingATurtleCaseRanksItAndCanAnswerInTurtle() throws Exception {
        Path ttl = Path.of("ontology", "examples", "asps-buttock-lung-metastases.ttl");
        HttpResponse<String> r = post("/ddx", "text/turtle", "text/turtle", Files.readString(ttl));
        assertEquals(200, r.statusCode(), r.body());
        Model answer = ModelFactory.createDefaultModel().read(new StringReader(r.body()), null, "TTL");
        assertTrue(answer.isIsomorphicWith(
                service.rank(service.read(CaseInput.file(ttl))).rdf()));
    }

    @Test
    void badCaseGets400WithLocatedProblemsAndStoresNothing() throws Exception {
        long before = new CasesGraph(store.datasetGraph()).size();
        HttpResponse<String> r = post(
                "/ddx?store=true",
                "application/json",
                null,
                "{\"id\": \"bad\",\n \"findings\": [\"flow viods\"], \"age\": -3}");
        assertEquals(400, r.statusCode());
        JsonNode error = RankingJson.MAPPER.readTree(r.body());
        List<String> problems = new ArrayList<>();
        error.get("problems")
                .forEach(p -> problems.add(
                        p.get("line").asInt() + ":" + p.get("column").asInt() + " "
                                + p.get("message").asText().replaceAll(";.*", "")));
        assertEquals(List.of("2:15 unknown finding 'flow viods'"), problems);
        assertTrue(error.get("hint").asText().startsWith("Fix the case"), r.body());
        assertEquals(before, new CasesGraph(store.datasetGraph()).size());

        HttpResponse<String> clash =
                post("/ddx", "application/json", null, "{\"findings\": [\"TFE3 positive\", \"TFE3 negative\"]}");
        assertEquals(400, clash.statusCode());
        JsonNode sides =
                RankingJson.MAPPER.readTree(clash.body()).get("problems").get(0).get("clashingStatements");
        assertEquals("TFE3 positive", sides.get(0).get(0).get("written").asText());
        assertEquals("TFE3 negative", sides.get(1).get(0).get("written").asText());

        assertEquals(
                400,
                post("/ddx", "application/json", null, "{\"findings\": [\"thigh\"")
                        .statusCode());
        assertEquals(415, post("/ddx", "text/plain", null, "thigh").statusCode());
        HttpResponse<String> get = HTTP.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/ddx")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void storeTrueKeepsTheRankingInTheCasesGraphForSparqlAndReplacesItOnTheNextPost() throws Exception {
        String json = "{\"id\": \"stored-case\", \"age\": 24, \"sex\": \"female\", "
                + "\"findings\": [\"thigh\", \"deep soft tissue\", \"flow voids\"]}";
        assertEquals(
                200, post("/ddx?store=true", "application/json", null, json).statusCode());
        CasesGraph cases = new CasesGraph(store.datasetGraph());
        long once = cases.size();
        assertTrue(cases.contains(AspsVocabulary.CASE_NS + "stored-case"));
        assertEquals(
                200, post("/ddx?store=true", "application/json", null, json).statusCode());
        assertEquals(once, cases.size(), "storing the same case again replaces its ranking");

        ParameterizedSparqlString q = new ParameterizedSparqlString("""
                SELECT ?rank ?diagnosis WHERE { GRAPH ?cases {
                  ?r aspskg:rankingOfCase ?case ; aspskg:hasRankedHypothesis [ aspskg:rank ?rank ; aspskg:hypothesisDiagnosis ?diagnosis ] .
                } } ORDER BY ?rank""");
        q.setNsPrefix("aspskg", AspsVocabulary.NS);
        q.setIri("cases", AspsVocabulary.GRAPH_CASES);
        q.setIri("case", AspsVocabulary.CASE_NS + "stored-case");
        List<String> ranked = new ArrayList<>();
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(endpoint + "/sparql")
                .query(q.asQuery())
                .build()) {
            qe.execSelect()
                    .forEachRemaining(s -> ranked.add(s.getLiteral("rank").getInt() + " "
                            + s.getResource("diagnosis").getURI()));
        }
        List<String> expected = service.rank(service.read(CaseInput.json(json, "x"))).ranking().hypotheses().stream()
                .map(h -> h.rank() + " " + h.disease())
                .toList();
        assertEquals(expected, ranked);

        String changed = json.replace("\"flow voids\"", "\"necrosis on MRI\"");
        assertEquals(
                200, post("/ddx?store=true", "application/json", null, changed).statusCode());
        Model stored = ModelFactory.createModelForGraph(org.apache.jena.system.Txn.calculateRead(
                store.datasetGraph(),
                () -> copy(store.datasetGraph()
                        .getGraph(org.apache.jena.graph.NodeFactory.createURI(AspsVocabulary.GRAPH_CASES)))));
        Model expectedModel = ModelFactory.createDefaultModel();
        service.rank(service.read(CaseInput.json(changed, DifferentialServlet.SOURCE)))
                .rdf()
                .listStatements()
                .forEachRemaining(expectedModel::add);
        Model mine = ModelFactory.createDefaultModel();
        stored.listStatements().forEachRemaining(st -> {
            if (st.getSubject().isAnon()
                    || st.getSubject().getURI().startsWith(AspsVocabulary.CASE_NS + "stored-case")) {
                mine.add(st.getSubject(), st.getPredicate(), sameValue(mine, st.getObject()));
            }
        });
        assertTrue(
                mine.isIsomorphicWith(expectedModel),
                () -> "the stored case is the latest one, nothing of the earlier left; only stored: "
                        + mine.difference(expectedModel).listStatements().toList() + "; only expected: "
                        + expectedModel.difference(mine).listStatements().toList());
    }

    // Named as when the command was in the README: JUnit orders methods by a hash of their names, and
    // this test stores a case in the cases graph that the store=true test above reads.
    @Test
    void readmeCurlCommandForTheEndpointWorksAsWritten() throws Exception {
        String line = DocsText.page("docs/ddx.md").section("Over HTTP").codeLines().stream()
                .filter(l -> l.startsWith("curl") && l.contains("/asps/ddx"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no curl command for /asps/ddx in docs/ddx.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "'http://127\\.0\\.0\\.1:3030/asps(/ddx[^']*)' -H 'Content-Type: ([^']+)' --data-binary @(\\S+)")
                .matcher(line);
        assertTrue(m.find(), line);
        HttpResponse<String> r = post(m.group(1), m.group(2), null, Files.readString(Path.of(m.group(3))));
        assertEquals(200, r.statusCode(), r.body());
        String caseIri =
                RankingJson.MAPPER.readTree(r.body()).get("case").get("iri").asText();
        assertEquals(m.group(1).contains("store=true"), new CasesGraph(store.datasetGraph()).contains(caseIri));
    }

    /** TDB2 keeps doubles in canonical form ("0.5e0"): compare values, not lexical forms. */
    private static org.apache.jena.rdf.model.RDFNode sameValue(Model m, org.apache.jena.rdf.model.RDFNode o) {
        if (o.isLiteral() && o.asLiteral().getDatatypeURI().equals(org.apache.jena.vocabulary.XSD.xdouble.getURI())) {
            return m.createTypedLiteral(o.asLiteral().getDouble());
        }
        return o;
    }

    private static org.apache.jena.graph.Graph copy(org.apache.jena.graph.Graph g) {
        org.apache.jena.graph.Graph out = org.apache.jena.graph.GraphMemFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        return out;
    }
}
