package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.aspskg.cli.DocsText;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingDetail;
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

/**
 * POST /asps/ddx on a real server (ephemeral loopback port) over its own store, which the test user
 * of its password file may write.
 */
class DifferentialEndpointTest {
    private static final Path EXAMPLE = Path.of("ontology", "examples", "asps-thigh-young-woman.json");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String USER = "curator";
    static final String PASSWORD = "s3cret-pässword";

    @TempDir
    static Path dir;

    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static DifferentialPipeline service;
    private static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        Path tdb = dir.resolve("tdb2");
        StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, tdb).build();
        store = KnowledgeGraphStore.open(tdb);
        service = DifferentialPipeline.loadDefault();
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, USER + ": " + PASSWORD + "\n");
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(service)
                .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
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
        if (path.contains("store=true")) b.header("Authorization", basic(USER, PASSWORD));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postingAJsonCaseReturnsTheSameRankingAsTheServiceAndTheCommandLine() throws Exception {
        String json = Files.readString(EXAMPLE);
        HttpResponse<String> r = post("/ddx", "application/json", null, json);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                service.rank(service.read(CaseInput.json(json, DifferentialEndpoint.SOURCE)))
                        .render(RankingFormat.JSON),
                r.body());
        JsonNode cli = RankingJson.MAPPER.readTree(
                service.rank(service.read(CaseInput.file(EXAMPLE))).render(RankingFormat.JSON));
        JsonNode http = RankingJson.MAPPER.readTree(r.body());
        assertEquals(cli.get("hypotheses"), http.get("hypotheses"), "same ranking as `asps-kg ddx` on the file");
    }

    @Test
    void detailSummaryAnswersTheRankingsSummaryAndAnUnknownDetailIsRefused() throws Exception {
        String json = Files.readString(EXAMPLE);
        RankedCase ranked = service.rank(service.read(CaseInput.json(json, DifferentialEndpoint.SOURCE)));
        HttpResponse<String> summary = post("/ddx?detail=summary", "application/json", null, json);
        assertEquals(200, summary.statusCode(), summary.body());
        assertTrue(summary.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(ranked.json(RankingDetail.SUMMARY), summary.body(), "pretty, byte for byte the summary");
        HttpResponse<String> compact = post("/ddx?detail=summary&pretty=false", "application/json", null, json);
        assertEquals(
                new ObjectMapper().writeValueAsString(RankingJson.MAPPER.readTree(summary.body()))
                        + System.lineSeparator(),
                compact.body());
        // a short answer goes out whole, with its length
        assertEquals(
                String.valueOf(compact.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                compact.headers().firstValue("Content-Length").orElse("chunked"));
        assertEquals(
                post("/ddx", "application/json", null, json).body(),
                post("/ddx?detail=full", "application/json", null, json).body(),
                "full is the default");
        HttpResponse<String> unknown = post("/ddx?detail=brief", "application/json", null, json);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals(
                "unknown-detail",
                RankingJson.MAPPER.readTree(unknown.body()).get("code").asText());
    }

    @Test
    void prettyFalseSendsTheSameJsonOnOneLine() throws Exception {
        String json = Files.readString(EXAMPLE);
        HttpResponse<String> pretty = post("/ddx", "application/json", null, json);
        HttpResponse<String> compact = post("/ddx?pretty=false", "application/json", null, json);
        assertEquals(200, compact.statusCode(), compact.body());
        assertTrue(compact.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                RankingJson.MAPPER.readTree(pretty.body()),
                RankingJson.MAPPER.readTree(compact.body()),
                "the same content as the pretty answer");
        // exactly Jackson's unindented form of that content, on one line ending with a newline
        assertEquals(
                new ObjectMapper().writeValueAsString(RankingJson.MAPPER.readTree(pretty.body()))
                        + System.lineSeparator(),
                compact.body());
        assertFalse(compact.body().strip().contains("\n"), "one line");
        assertTrue(compact.body().length() < pretty.body().length(), "smaller than the pretty answer");
        // with ?next=false too, the same content as the pretty ?next=false answer
        assertEquals(
                RankingJson.MAPPER.readTree(
                        post("/ddx?next=false", "application/json", null, json).body()),
                RankingJson.MAPPER.readTree(post("/ddx?next=false&pretty=false", "application/json", null, json)
                        .body()));
    }

    @Test
    void nextFalseLeavesOutTheFindingsToCheckNextButNotTheRanking() throws Exception {
        String json = Files.readString(Path.of("ontology", "examples", "mfh-thigh-necrosis-oedema.json"));
        JsonNode with = RankingJson.MAPPER.readTree(
                post("/ddx", "application/json", null, json).body());
        HttpResponse<String> r = post("/ddx?next=false", "application/json", null, json);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode without = RankingJson.MAPPER.readTree(r.body());
        assertTrue(with.get("nextFindings").size() > 0, "the default answer suggests findings to check next");
        assertEquals(0, without.get("nextFindings").size(), r.body());
        assertEquals(with.get("hypotheses"), without.get("hypotheses"));
        assertEquals(
                service.rankWithoutNextFindings(service.read(CaseInput.json(json, DifferentialEndpoint.SOURCE)))
                        .render(RankingFormat.JSON),
                r.body());
    }

    @Test
    void freeTextByPlainTextOrJsonTextFieldRanksAsTheCommandLineDoes() throws Exception {
        String text = "24-year-old woman, deep thigh mass, T2 hyperintense with flow voids, no calcification";
        JsonNode cli = RankingJson.MAPPER.readTree(
                service.rank(service.read(CaseInput.text(text, DifferentialEndpoint.SOURCE)))
                        .render(RankingFormat.JSON));
        HttpResponse<String> plain = post("/ddx", "text/plain", null, text);
        assertEquals(200, plain.statusCode(), plain.body());
        HttpResponse<String> json = post("/ddx", "application/json", null, "{\"text\": \"" + text + "\"}");
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(
                cli.get("hypotheses"), RankingJson.MAPPER.readTree(plain.body()).get("hypotheses"));
        // in the JSON body the text starts later on its line: the same ranking, other columns
        assertEquals(
                withoutPositions(cli.get("hypotheses").deepCopy()),
                withoutPositions(RankingJson.MAPPER.readTree(json.body()).get("hypotheses")));
        assertTrue(plain.body().contains("\"reading\""), plain.body());
    }

    private static JsonNode withoutPositions(JsonNode n) {
        if (n.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("line", "column"));
        n.forEach(DifferentialEndpointTest::withoutPositions);
        return n;
    }

    @Test
    void strictOverHttpRefusesALooselyWrittenName() throws Exception {
        String body = "{\"findings\": [\"left thigh\"]}";
        assertEquals(200, post("/ddx", "application/json", null, body).statusCode());
        HttpResponse<String> strict = post("/ddx?strict=true", "application/json", null, body);
        assertEquals(400, strict.statusCode());
        assertTrue(strict.body().contains("unknown finding 'left thigh'"), strict.body());
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
                "/ddx?store=true&strict=true",
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
        assertEquals(415, post("/ddx", "application/xml", null, "<thigh/>").statusCode());
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
        service.rank(service.read(CaseInput.json(changed, DifferentialEndpoint.SOURCE)))
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

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status, the JSON {@code code} and whether {@code error} and {@code hint} are there. */
    private static String refusal(HttpResponse<String> r) throws Exception {
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.statusCode() + " " + r.headers().map() + " " + r.body());
        JsonNode json = RankingJson.MAPPER.readTree(r.body());
        assertTrue(json.path("error").asText().length() > 5, r.body());
        assertTrue(json.path("hint").asText().length() > 5, r.body());
        return r.statusCode() + " " + json.path("code").asText();
    }

    /**
     * A bug in the ranking (a classifier that throws, or recurses until the stack overflows) is a 500
     * with the same JSON as every refusal — {@code internal-error}, the hint to report it — and no
     * stack trace in the body; the server goes on ranking.
     */
    @Test
    void aFailureInsideTheRankingIsJson500InternalErrorAndTheServerGoesOn() throws Exception {
        DdxKnowledge k = TestKnowledge.knowledge();
        for (Throwable bug :
                List.<Throwable>of(new IllegalStateException("a bug in the classifier"), new StackOverflowError())) {
            DifferentialPipeline broken = new DifferentialPipeline(
                    k.reader(),
                    c -> {
                        if (bug instanceof RuntimeException e) throw e;
                        throw (Error) bug;
                    },
                    k::hermitClassifier,
                    k.ranker(),
                    k.renderer(),
                    k.exclusion(),
                    k.nextFindings());
            KnowledgeGraphServer failing = KnowledgeGraphServer.create(store.datasetGraph())
                    .port(0)
                    .differential(broken)
                    .build()
                    .start();
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(failing.datasetUrl("127.0.0.1") + "/ddx"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(EXAMPLE)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("500 internal-error", refusal(r), bug.toString());
                assertTrue(
                        RankingJson.MAPPER
                                .readTree(r.body())
                                .path("error")
                                .asText()
                                .contains(bug.getClass().getSimpleName()),
                        r.body());
                assertFalse(r.body().contains("\tat ") || r.body().contains("at org."), "no stack trace: " + r.body());
                // a batch line whose ranking fails so gets an internal-error line, and the batch goes on
                String line =
                        Files.readString(EXAMPLE).replaceAll("\\s*\n\\s*", " ").strip();
                HttpResponse<String> batch = HTTP.send(
                        HttpRequest.newBuilder(URI.create(failing.datasetUrl("127.0.0.1") + "/ddx/batch"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(line + "\n" + line + "\n"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, batch.statusCode(), batch.body());
                List<String> answers = batch.body().lines().toList();
                assertEquals(2, answers.size(), batch.body());
                for (String a : answers) {
                    JsonNode error = RankingJson.MAPPER.readTree(a);
                    assertEquals("internal-error", error.path("code").asText(), a);
                    assertTrue(
                            error.path("error").asText().contains(bug.getClass().getSimpleName()), a);
                }
                // and the server still answers
                HttpResponse<String> ask = HTTP.send(
                        HttpRequest.newBuilder(URI.create(failing.datasetUrl("127.0.0.1") + "/sparql?query=ASK%7B%7D"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ask.statusCode(), ask.body());
            } finally {
                failing.stop();
            }
        }
    }

    @Test
    void everyRefusalIsJsonWithAStableCode() throws Exception {
        String json = Files.readString(EXAMPLE);
        assertEquals("400 invalid-case", refusal(post("/ddx", "application/json", null, "{\"findings\": [\"thigh\"")));
        assertEquals("415 unsupported-media-type", refusal(post("/ddx", "application/xml", null, "<thigh/>")));
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<String> r = send(method, "/ddx", "application/json", method.equals("GET") ? null : json);
            assertEquals("405 method-not-allowed", refusal(r), method);
            assertEquals("POST", r.headers().firstValue("Allow").orElse(""), method);
        }
        HttpResponse<String> trace = send("TRACE", "/ddx", null, null);
        assertEquals(405, trace.statusCode());
        assertTrue(!trace.body().contains("TRACE /asps/ddx"), "TRACE must not echo the request: " + trace.body());
        String tooLarge = "{\"findings\": [\"thigh\"], \"note\": \"" + "x".repeat(1 << 20) + "\"}";
        assertEquals("413 body-too-large", refusal(post("/ddx", "application/json", null, tooLarge)));
    }

    @Test
    void storingWithoutALoginIs401AndStoresNothing() throws Exception {
        String json = "{\"id\": \"anonymous-store\", \"findings\": [\"thigh\", \"flow voids\"]}";
        long before = new CasesGraph(store.datasetGraph()).size();
        HttpResponse<String> anonymous = send("POST", "/ddx?store=true", "application/json", json);
        assertEquals("401 authentication-required", refusal(anonymous));
        assertEquals(
                "Basic realm=\"" + KnowledgeGraphServer.REALM + "\"",
                anonymous.headers().firstValue("WWW-Authenticate").orElse("").replace(", charset=\"UTF-8\"", ""));
        HttpResponse<String> wrong = HTTP.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/ddx?store=true"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic(USER, "not-the-password"))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("401 authentication-required", refusal(wrong));
        assertEquals(before, new CasesGraph(store.datasetGraph()).size());
        assertTrue(!new CasesGraph(store.datasetGraph()).contains(AspsVocabulary.CASE_NS + "anonymous-store"));
        // ranking without storing stays open to anyone
        assertEquals(200, send("POST", "/ddx", "application/json", json).statusCode());
    }

    @Test
    void aReadOnlyServerRefusesToStoreWith403AndStillRanks() throws Exception {
        KnowledgeGraphServer readOnly = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(service)
                .build()
                .start();
        try {
            String url = readOnly.datasetUrl("127.0.0.1") + "/ddx";
            String json = "{\"id\": \"read-only-store\", \"findings\": [\"thigh\"]}";
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "?store=true"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", basic(USER, PASSWORD))
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("403 writes-disabled", refusal(r));
            assertTrue(!new CasesGraph(store.datasetGraph()).contains(AspsVocabulary.CASE_NS + "read-only-store"));
            HttpResponse<String> ranked = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ranked.statusCode(), ranked.body());
        } finally {
            readOnly.stop();
        }
    }

    @Test
    void digestAuthenticationStoresARanking() throws Exception {
        Path passwords = dir.resolve("passwd-digest");
        Files.writeString(passwords, USER + ": plain-ascii\n");
        // its own dataset: the other tests compare the whole cases graph of the shared one
        org.apache.jena.sparql.core.DatasetGraph memory =
                org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        KnowledgeGraphServer digest = KnowledgeGraphServer.create(memory)
                .port(0)
                .differential(service)
                .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.DIGEST))
                .build()
                .start();
        try {
            String url = digest.datasetUrl("127.0.0.1") + "/ddx?store=true";
            String json = "{\"id\": \"digest-store\", \"findings\": [\"thigh\", \"flow voids\"]}";
            HttpResponse<String> anonymous = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("401 authentication-required", refusal(anonymous));
            assertTrue(anonymous
                    .headers()
                    .firstValue("WWW-Authenticate")
                    .orElse("")
                    .startsWith("Digest "));
            // the JDK's URL connection answers a Digest challenge (java.net.http's client only does Basic)
            java.net.HttpURLConnection c =
                    (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setAuthenticator(new java.net.Authenticator() {
                @Override
                protected java.net.PasswordAuthentication getPasswordAuthentication() {
                    return new java.net.PasswordAuthentication(USER, "plain-ascii".toCharArray());
                }
            });
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, c.getResponseCode());
            c.getInputStream().readAllBytes();
            assertTrue(new CasesGraph(memory).contains(AspsVocabulary.CASE_NS + "digest-store"));
        } finally {
            digest.stop();
        }
    }

    @Test
    /**
     * The README's curl command, sent as written plus the login that storing now needs (a server
     * started with --allow-writes; the new form of the command is in docs/_pending/serve-hardening.md).
     */
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

    static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
