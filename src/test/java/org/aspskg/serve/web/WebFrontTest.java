package org.aspskg.serve.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The web front's HTTP conventions on a real server: pages, content negotiation, CORS, service description, search. */
class WebFrontTest {
    private static final String ASPS = AspsVocabulary.iri("AlveolarSoftPartSarcoma");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static String base;

    @BeforeAll
    static void start() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(TestKnowledge.pipeline())
                .build()
                .start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Model parse(String text, Lang lang) {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(text, lang).parse(m);
        return m;
    }

    @Test
    void termUrlGivesTurtleThatParsesAndDescribesTheTerm() throws Exception {
        HttpResponse<String> r = get("/asps-kg/AlveolarSoftPartSarcoma", Map.of("Accept", "text/turtle"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        assertTrue(r.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept")));
        Model m = parse(r.body(), Lang.TURTLE);
        Resource asps = m.getResource(ASPS);
        assertEquals("alveolar soft part sarcoma", asps.getProperty(RDFS.label).getString());
        // the inferred superclass is part of the description (the union of the graphs)
        assertTrue(m.contains(asps, RDFS.subClassOf, m.getResource(AspsVocabulary.iri("SoftTissueSarcoma"))));
    }

    @ParameterizedTest
    @CsvSource({
        "application/ld+json, JSONLD",
        "application/rdf+xml, RDFXML",
        "application/n-triples, NTRIPLES",
    })
    void everyRdfSyntaxCarriesTheSameDescriptionAsTurtle(String accept, String lang) throws Exception {
        Model turtle = parse(
                get("/asps-kg/AlveolarSoftPartSarcoma", Map.of("Accept", "text/turtle"))
                        .body(),
                Lang.TURTLE);
        HttpResponse<String> r = get("/asps-kg/AlveolarSoftPartSarcoma", Map.of("Accept", accept));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(accept));
        Lang l = switch (lang) {
            case "JSONLD" -> Lang.JSONLD;
            case "RDFXML" -> Lang.RDFXML;
            default -> Lang.NTRIPLES;
        };
        assertTrue(parse(r.body(), l).isIsomorphicWith(turtle), accept + " differs from Turtle");
    }

    @Test
    void browsersGetTheTermPageRenderedWithItsInferredParentMarked() throws Exception {
        HttpResponse<String> r =
                get("/asps-kg/AlveolarSoftPartSarcoma", Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = r.body();
        assertTrue(html.contains("<h1>alveolar soft part sarcoma</h1>"), "no title");
        String sts = ">soft tissue sarcoma</a> <span class=\"badge inferred\"";
        assertTrue(html.contains(sts), "soft tissue sarcoma is not marked inferred");
        assertTrue(
                html.contains(">malignant neoplasm</a> <span class=\"badge asserted\""), "asserted parent not marked");
        assertTrue(html.contains("MONDO:0011655"), "external code missing");
        assertTrue(html.contains("SPARQL for the facts"), "the facts' query is not shown");
        assertTrue(html.contains("EquivalentTo") || html.contains("SubClassOf</dt>"), "no Manchester syntax");
    }

    @Test
    void unknownTermIsNotFoundAndAnUnknownFormatIsABadRequest() throws Exception {
        assertEquals(
                404, get("/asps-kg/NoSuchTerm", Map.of("Accept", "text/html")).statusCode());
        assertEquals(
                404, get("/asps-kg/NoSuchTerm", Map.of("Accept", "text/turtle")).statusCode());
        assertEquals(
                400,
                get("/asps-kg/AlveolarSoftPartSarcoma?format=docx", Map.of()).statusCode());
    }

    @Test
    void readEndpointsAndSearchAnswerOtherOriginsButTheDdxServiceDoesNot() throws Exception {
        String origin = "http://elsewhere.example";
        String ask = "/asps/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8);
        for (String path : List.of(
                ask,
                "/asps/query?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8),
                "/asps/get?default",
                "/api/search?q=thigh")) {
            HttpResponse<String> r = get(path, Map.of("Origin", origin));
            assertEquals(200, r.statusCode(), path);
            // Fuseki's filter names the asking origin (and says Vary: Origin) where "*" would do as well
            assertTrue(
                    List.of("*", origin)
                            .contains(r.headers()
                                    .firstValue("Access-Control-Allow-Origin")
                                    .orElse("")),
                    path);
            assertFalse(
                    r.headers().firstValue("Access-Control-Allow-Credentials").isPresent(), path);
        }
        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/asps/sparql"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(List.of("*", origin)
                .contains(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Origin")
                        .orElse("")));
        assertTrue(preflight
                .headers()
                .firstValue("Access-Control-Allow-Methods")
                .orElse("")
                .contains("POST"));
        HttpResponse<String> ddx = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/asps/ddx"))
                        .header("Origin", origin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"findings\":[\"thigh\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ddx.statusCode());
        assertNull(ddx.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void sparqlEndpointWithoutAQueryDescribesItselfAndItsNamedGraphs() throws Exception {
        HttpResponse<String> r = get("/asps/sparql", Map.of("Accept", "text/turtle"));
        assertEquals(200, r.statusCode());
        Model sd = parse(r.body(), Lang.TURTLE);
        String sdNs = "http://www.w3.org/ns/sparql-service-description#";
        Resource service = sd.getResource(base + "/asps/sparql");
        assertTrue(service.hasProperty(sd.createProperty(sdNs + "endpoint"), service));
        assertTrue(service.hasProperty(
                sd.createProperty(sdNs + "supportedLanguage"), sd.createResource(sdNs + "SPARQL11Query")));
        List<String> graphs = new ArrayList<>();
        sd.listObjectsOfProperty(sd.createProperty(sdNs + "name"))
                .forEach(n -> graphs.add(n.asResource().getURI()));
        assertTrue(
                graphs.containsAll(List.of(
                        AspsVocabulary.GRAPH_ASSERTED, AspsVocabulary.GRAPH_INFERRED, AspsVocabulary.GRAPH_MAPPINGS)),
                graphs.toString());
        HttpResponse<String> browser = get("/asps/sparql", Map.of("Accept", "text/html"));
        assertEquals(303, browser.statusCode());
        assertEquals(ConsolePage.PATH, browser.headers().firstValue("Location").orElse(null));
    }

    @Test
    void serverHeaderNamesFusekiAndItsOwnVersion() throws Exception {
        for (String path : List.of("/", "/asps/sparql?query=ASK%7B%7D", "/api/search?q=thigh")) {
            String server = get(path, Map.of()).headers().firstValue("Server").orElse("");
            assertEquals(
                    "Apache Jena Fuseki (" + org.aspskg.LibraryVersions.of("org.apache.jena", "jena-fuseki-core") + ")",
                    server);
            assertTrue(server.matches("Apache Jena Fuseki \\(\\d+\\.\\d+\\.\\d+\\)"), server);
        }
        assertTrue(Fuseki.NAME.startsWith("Apache Jena Fuseki"));
    }

    @Test
    void searchFindsTermsByLabelSynonymAndCodeSayingWhatMatched() throws Exception {
        JsonNode asps = search("alveolar soft part sarcoma");
        assertEquals(ASPS, asps.get("docs").get(0).get("iri").asText());
        assertEquals("exact label", asps.get("docs").get(0).get("match_type").asText());

        JsonNode first = search("ASPS").get("docs").get(0);
        assertEquals(ASPS, first.get("iri").asText());
        assertEquals("exact synonym", first.get("match_type").asText());
        assertEquals("ASPS", first.get("matched_name").asText());
        assertEquals("aspskg:AlveolarSoftPartSarcoma", first.get("curie").asText());
        assertEquals("lesion", first.get("facet").asText());

        JsonNode code = search("MONDO:0011655").get("docs").get(0);
        assertEquals(ASPS, code.get("iri").asText());
        assertEquals("external code", code.get("name_type").asText());

        JsonNode typed = search("alveol").get("docs");
        assertTrue(typed.size() > 1);
        assertTrue(typed.findValuesAsText("label").contains("alveolar soft part sarcoma"), typed.toString());

        JsonNode sites = search("thigh", "&facet=anatomical%20site");
        assertTrue(sites.get("numFound").asInt() >= 1);
        for (JsonNode d : sites.get("docs"))
            assertEquals("anatomical site", d.get("facet").asText());

        HttpResponse<String> missing = get("/api/search", Map.of());
        assertEquals(400, missing.statusCode());
        assertEquals("bad-search", JSON.readTree(missing.body()).get("code").asText());
        assertEquals(400, get("/api/search?q=x&rows=500", Map.of()).statusCode());
    }

    private static JsonNode search(String q, String... more) throws Exception {
        HttpResponse<String> r =
                get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + String.join("", more), Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void homePageCountsEachNamedGraphAndLinksTheViews() throws Exception {
        String html = get("/", Map.of()).body();
        for (Map.Entry<String, Long> g : GraphCounts.of(store.datasetGraph()).entrySet()) {
            assertTrue(
                    html.contains("<code>" + g.getKey() + "</code></td><td class=\"num\">"
                            + String.format(java.util.Locale.ROOT, "%,d", g.getValue())),
                    g.toString());
        }
        for (String link : List.of("href=\"/console\"", "href=\"/ddx\"", "href=\"/asps-kg/AlveolarSoftPartSarcoma\"")) {
            assertTrue(html.contains(link), link);
        }
    }

    @Test
    void homePageLinksEveryReleaseFileWhichParsesAndMatchesItsChecksum() throws Exception {
        String home = get("/", Map.of()).body();
        for (String name : ReleaseFiles.NAMES) {
            assertTrue(home.contains("href=\"" + ReleaseFiles.PATH + "/" + name + "\""), name + " not linked");
        }
        // the version shown is the ontology's owl:versionInfo, and the release files carry the same header
        Model ttl = parse(get(ReleaseFiles.PATH + "/asps.ttl", Map.of()).body(), Lang.TURTLE);
        Resource ontology = ttl.listSubjectsWithProperty(
                        org.apache.jena.vocabulary.RDF.type, org.apache.jena.vocabulary.OWL.Ontology)
                .next();
        String version =
                ontology.getProperty(org.apache.jena.vocabulary.OWL.versionInfo).getString();
        assertTrue(home.contains("<dt>ontology version</dt><dd>" + version), "version " + version + " not shown");
        assertTrue(
                ttl.contains(ttl.getResource(ASPS), RDFS.label, ttl.createLiteral("alveolar soft part sarcoma", "en")));
        Model full = parse(get(ReleaseFiles.PATH + "/asps-full.owl", Map.of()).body(), Lang.RDFXML);
        // asps-full holds the inferred superclass, asps.owl does not
        Resource sts = full.getResource(AspsVocabulary.iri("SoftTissueSarcoma"));
        assertTrue(full.contains(full.getResource(ASPS), RDFS.subClassOf, sts));
        Model main = parse(get(ReleaseFiles.PATH + "/asps.owl", Map.of()).body(), Lang.RDFXML);
        assertFalse(main.contains(main.getResource(ASPS), RDFS.subClassOf, main.getResource(sts.getURI())));
        // SHA256SUMS names every other file with the digest of the bytes served
        String sums =
                get(ReleaseFiles.PATH + "/" + ReleaseFiles.CHECKSUMS, Map.of()).body();
        for (String name : ReleaseFiles.NAMES) {
            if (name.equals(ReleaseFiles.CHECKSUMS)) continue;
            byte[] bytes = HTTP.send(
                            HttpRequest.newBuilder(URI.create(base + ReleaseFiles.PATH + "/" + name))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            String digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertTrue(sums.contains(digest + "  " + name + "\n"), name + " in " + sums);
        }
        assertEquals(404, get(ReleaseFiles.PATH + "/asps.docx", Map.of()).statusCode());
    }

    @Test
    void theFormOffersToStoreACaseOnlyWhereTheServerAllowsWrites() throws Exception {
        HttpResponse<String> form = get(DifferentialPage.PATH, Map.of("Accept", "text/html"));
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("id=\"rank\""), "no form");
        assertFalse(form.body().contains("id=\"store\""), "a read-only server offers to store the case");
    }

    @Test
    void consoleMenuHoldsEveryLibraryQueryInAGroup() throws Exception {
        JsonNode library = JSON.readTree(get("/api/queries", Map.of()).body());
        List<String> ids = new ArrayList<>();
        for (JsonNode g : library.get("groups")) {
            assertFalse(g.get("name").asText().equals(QueryLibraryApi.OTHER), "a library query has no group");
            for (JsonNode q : g.get("queries")) ids.add(q.get("id").asText());
        }
        List<String> expected =
                org.aspskg.query.QueryLibrary.load(org.aspskg.query.QueryLibrary.DEFAULT_DIR).queries().stream()
                        .map(org.aspskg.query.LibraryQuery::id)
                        .sorted()
                        .toList();
        assertEquals(expected, ids.stream().sorted().toList());
        String console = get("/console", Map.of()).body();
        assertTrue(console.contains("<option value=\"18-asps-superclasses-asserted-and-inferred\">"));
    }

    @Test
    void staticFilesServeTheConsoleAndRefuseOtherPaths() throws Exception {
        assertEquals(200, get("/static/vendor/yasgui/yasgui.min.js", Map.of()).statusCode());
        assertEquals(200, get("/static/site.css", Map.of()).statusCode());
        assertEquals(404, get("/static/../query-groups.tsv", Map.of()).statusCode());
        assertEquals(
                404, get("/static/vendor/yasgui/package.json.map", Map.of()).statusCode());
    }

    /**
     * Term pages and the search index are kept between requests; on a server that allows writes, a
     * SPARQL Update through the authenticated endpoint must show on the next page and search.
     */
    @Test
    void aWriteThroughTheAuthenticatedEndpointShowsOnTheTermPageAndInTheSearchAfterwards(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (WritableServer writable = WritableServer.start(dir, "editor", "pw-123")) {
            String url = writable.url();
            String page = url + "/asps-kg/AlveolarSoftPartSarcoma";
            // this server stores cases: the form offers it
            assertTrue(send(HttpRequest.newBuilder(URI.create(url + DifferentialPage.PATH)))
                    .body()
                    .contains("<input id=\"store\" type=\"checkbox\""));
            String search = url + "/api/search?q=" + URLEncoder.encode("zanzibar", StandardCharsets.UTF_8);
            // both made and kept before the write
            HttpResponse<String> before =
                    send(HttpRequest.newBuilder(URI.create(page)).header("Accept", "text/html"));
            assertEquals(200, before.statusCode());
            assertFalse(before.body().contains("zanzibar tumour"));
            assertEquals(
                    0,
                    JSON.readTree(send(HttpRequest.newBuilder(URI.create(search)))
                                    .body())
                            .get("numFound")
                            .asInt());

            String update = "PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>\n"
                    + "INSERT DATA { GRAPH <" + AspsVocabulary.GRAPH_ASSERTED + "> { <" + ASPS
                    + "> oboInOwl:hasExactSynonym \"zanzibar tumour\" } }";
            HttpResponse<String> written = send(HttpRequest.newBuilder(URI.create(url + "/asps/update"))
                    .header("Content-Type", "application/sparql-update")
                    .header("Authorization", writable.basicAuthorization())
                    .POST(HttpRequest.BodyPublishers.ofString(update)));
            assertEquals(2, written.statusCode() / 100, written.statusCode() + " " + written.body());

            HttpResponse<String> after =
                    send(HttpRequest.newBuilder(URI.create(page)).header("Accept", "text/html"));
            assertTrue(after.body().contains("zanzibar tumour"), "the page shows the synonym written");
            JsonNode hits = JSON.readTree(
                    send(HttpRequest.newBuilder(URI.create(search))).body());
            assertEquals(ASPS, hits.get("docs").get(0).get("iri").asText(), hits.toString());
            assertEquals(
                    "zanzibar tumour",
                    hits.get("docs").get(0).get("matched_name").asText());
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
