package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.aspskg.ontology.AspsVocabulary;

/**
 * {@code GET /}: what the graph is, its named graphs with their sizes, the three views, the endpoint
 * URLs, the release files and the versions. Graph sizes are counted at most once a minute.
 */
final class HomePage extends HttpServlet {
    private static final long COUNTS_TTL_MILLIS = 60_000;
    private static final Map<String, String> GRAPHS = Map.of(
            AspsVocabulary.GRAPH_ASSERTED,
                    "the ontology as the editors wrote it, with every statement node and its sources",
            AspsVocabulary.GRAPH_INFERRED, "what HermiT inferred beyond it: new superclasses and types",
            AspsVocabulary.GRAPH_MAPPINGS, "the SSSOM mapping set: codes in other vocabularies, with their provenance",
            AspsVocabulary.GRAPH_CASES,
                    "patient cases and their rankings, loaded by build --cases or stored by the ddx service");
    /** What each release file is. */
    private static final Map<String, String> RELEASE_FILES = Map.of(
            "asps.owl", "the ontology with its cross-references (RDF/XML)",
            "asps-base.owl", "the axioms about asps-kg's own terms only (RDF/XML)",
            "asps-full.owl", "with HermiT's inferences materialized (RDF/XML)",
            "asps.ttl", "the ontology in Turtle",
            "asps.jsonld", "the ontology in JSON-LD",
            "asps.obo", "OBO flat file format 1.4",
            "asps.json", "OBO Graphs JSON",
            "asps.sssom.tsv", "the SSSOM mapping set: codes in other vocabularies",
            "SHA256SUMS", "the checksums of these files");

    private static final String ABOUT = """
            SELECT ?title ?description ?version ?versionIri ?license WHERE {
              ?ontology a owl:Ontology .
              OPTIONAL { ?ontology dcterms:title ?title }
              OPTIONAL { ?ontology dcterms:description ?description }
              OPTIONAL { ?ontology owl:versionInfo ?version }
              OPTIONAL { ?ontology owl:versionIRI ?versionIri }
              OPTIONAL { ?ontology dcterms:license ?license }
            } LIMIT 1
            """;

    private final DatasetGraph dataset;
    private final boolean differential;
    private Map<String, Long> counts;
    private long countedAt;

    HomePage(DatasetGraph dataset, boolean differential) {
        this.dataset = dataset;
        this.differential = differential;
    }

    private synchronized Map<String, Long> counts() {
        long now = System.currentTimeMillis();
        if (counts == null || now - countedAt > COUNTS_TTL_MILLIS) {
            counts = GraphCounts.of(dataset);
            countedAt = now;
        }
        return counts;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String base = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
        QuerySolution about = about();
        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>").append(Html.esc(value(about, "title", "asps-kg"))).append("</h1>\n");
        b.append("<p class=\"lead\">")
                .append(Html.esc(value(about, "description", "")))
                .append("</p>\n");
        b.append("<p>Classified by HermiT, stored in Apache Jena TDB2 and served here by an embedded Fuseki.</p>\n");
        b.append("<ul class=\"cards\">\n");
        card(
                b,
                TermPages.PATH + "/AlveolarSoftPartSarcoma",
                "Browse the terms",
                "Start at alveolar soft part sarcoma, or type any name, synonym or code in the search box: each term "
                        + "has a page with its hierarchy (asserted and inferred), its facts with their sources, its "
                        + "differentials and its codes.");
        card(
                b,
                ConsolePage.PATH,
                "Query with SPARQL",
                "A SPARQL console on this endpoint, with the questions of the query library as examples.");
        if (differential) {
            card(
                    b,
                    DifferentialPage.PATH,
                    "Rank a differential diagnosis",
                    "Enter a patient's age, sex and findings: ASPS and its differentials ranked by post-test probability, "
                            + "with the evidence for and against each.");
        }
        b.append("</ul>\n");

        b.append("<section aria-labelledby=\"h-graphs\"><h2 id=\"h-graphs\">Named graphs</h2>\n");
        b.append(
                "<p>The default graph is the union of these.</p>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">graph</th>"
                        + "<th scope=\"col\" class=\"num\">triples</th><th scope=\"col\">holds</th></tr></thead>\n<tbody>\n");
        long total = 0;
        for (Map.Entry<String, Long> g : counts().entrySet()) {
            total += g.getValue();
            b.append("<tr><td><code>")
                    .append(Html.esc(g.getKey()))
                    .append("</code></td><td class=\"num\">")
                    .append(String.format(java.util.Locale.ROOT, "%,d", g.getValue()))
                    .append("</td><td>")
                    .append(Html.esc(GRAPHS.getOrDefault(g.getKey(), "")))
                    .append("</td></tr>\n");
        }
        b.append("<tr><th scope=\"row\">all</th><td class=\"num\">")
                .append(String.format(java.util.Locale.ROOT, "%,d", total))
                .append("</td><td></td></tr>\n</tbody></table></div></section>\n");

        b.append(
                "<section aria-labelledby=\"h-endpoints\"><h2 id=\"h-endpoints\">Endpoints</h2>\n<dl class=\"endpoints\">\n");
        endpoint(
                b,
                base + WebFront.SPARQL,
                "SPARQL 1.1 query (GET or POST); without a query, its service description. Open to other origins (CORS).");
        endpoint(b, base + WebFront.QUERY, "the same, under Fuseki's other name");
        endpoint(b, base + WebFront.GET, "Graph Store Protocol, read: ?graph=… or ?default");
        if (differential) {
            endpoint(b, base + WebFront.DDX, "POST a case (JSON or Turtle): its ranked differential diagnosis");
            endpoint(
                    b,
                    base + WebFront.DDX_BATCH,
                    "POST many cases as JSON Lines (application/x-ndjson): one ranking a line, streamed");
        }
        endpoint(b, base + SearchApi.PATH + "?q=alveolar", "term search as JSON (label, synonym, CURIE, code)");
        endpoint(
                b,
                base + TermPages.PATH + "/AlveolarSoftPartSarcoma",
                "a term: HTML for browsers; Turtle, JSON-LD, RDF/XML or N-Triples by the Accept header");
        b.append("</dl></section>\n");

        b.append("<section aria-labelledby=\"h-release\"><h2 id=\"h-release\">Release files</h2>\n");
        b.append("<p>The files <code>asps-kg release</code> writes, made here from this store's graphs:</p>\n"
                + "<ul class=\"release\">\n");
        for (String name : ReleaseFiles.NAMES) {
            b.append("<li>")
                    .append(Html.link(ReleaseFiles.PATH + "/" + name, name))
                    .append(" — ")
                    .append(Html.esc(RELEASE_FILES.getOrDefault(name, "")))
                    .append("</li>\n");
        }
        b.append("</ul>\n");
        b.append("<dl class=\"versions\">\n<dt>ontology version</dt><dd>")
                .append(Html.esc(value(about, "version", "unknown")));
        if (about != null && about.contains("versionIri")) {
            b.append(" (<code>")
                    .append(Html.esc(about.getResource("versionIri").getURI()))
                    .append("</code>)");
        }
        b.append("</dd>\n<dt>licence</dt><dd>")
                .append(Html.esc(value(about, "license", "")))
                .append("</dd>\n<dt>asps-kg</dt><dd>")
                .append(Html.esc(WebFront.productVersion()))
                .append("</dd>\n<dt>server</dt><dd>")
                .append(Html.esc(WebFront.serverName()))
                .append("</dd>\n</dl></section>\n");
        Pages.send(resp, 200, Html.page("Home", Html.Nav.HOME, b.toString()));
    }

    private static void card(StringBuilder b, String href, String title, String text) {
        b.append("<li class=\"card\"><h2>")
                .append(Html.link(href, title))
                .append("</h2><p>")
                .append(Html.esc(text))
                .append("</p></li>\n");
    }

    private static void endpoint(StringBuilder b, String url, String what) {
        b.append("<dt>")
                .append(Html.link(url, url))
                .append("</dt><dd>")
                .append(Html.esc(what))
                .append("</dd>\n");
    }

    private QuerySolution about() {
        ParameterizedSparqlString q = new ParameterizedSparqlString(ABOUT);
        q.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        List<QuerySolution> rows = TermReports.select(dataset, q);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String value(QuerySolution row, String var, String otherwise) {
        if (row == null || !row.contains(var)) return otherwise;
        return row.get(var).isLiteral()
                ? row.getLiteral(var).getLexicalForm()
                : row.getResource(var).getURI();
    }
}
