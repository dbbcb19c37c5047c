package org.aspskg.serve.web;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.aspskg.LibraryVersions;
import org.aspskg.serve.KnowledgeGraphServer;

/**
 * The web front on the SPARQL server: the home page, a page per term at the path of its IRI (HTML
 * or RDF by content negotiation), the search API, the SPARQL console and the differential form —
 * servlets and filters added to the same embedded Fuseki, every file served from the jar.
 *
 * <p>Entry point: {@link #install(FusekiServer.Builder, DatasetGraph, boolean, boolean)}.
 */
public final class WebFront {
    public static final String SPARQL = KnowledgeGraphServer.DATASET + "/sparql";
    public static final String QUERY = KnowledgeGraphServer.DATASET + "/query";
    public static final String GET = KnowledgeGraphServer.DATASET + "/get";
    public static final String DDX = KnowledgeGraphServer.DATASET + "/" + KnowledgeGraphServer.DDX;
    public static final String DDX_BATCH = KnowledgeGraphServer.DATASET + "/" + KnowledgeGraphServer.DDX_BATCH;

    /** Where SPARQL Update and Graph Store writes arrive (only with {@code --allow-writes}). */
    static final java.util.List<String> WRITE_PATHS =
            java.util.List.of(KnowledgeGraphServer.DATASET + "/update", KnowledgeGraphServer.DATASET + "/data");

    private static final String FUSEKI_VERSION = LibraryVersions.of("org.apache.jena", "jena-fuseki-core");

    private WebFront() {}

    /**
     * Adds the pages, APIs and endpoint conventions (CORS on the read endpoints, the service
     * description) to a Fuseki server being built over {@code dataset}.
     *
     * @param differential whether the server has {@code POST /asps/ddx} (the form needs it)
     * @param writesAllowed whether the server stores cases ({@code --allow-writes}): only then does the
     *     form offer to store the case it ranks
     */
    public static void install(
            FusekiServer.Builder fuseki, DatasetGraph dataset, boolean differential, boolean writesAllowed) {
        StoreVersion version = new StoreVersion();
        TermFinder finder = StoreTermSearch.lazy(dataset, version);
        TermReports reports = new TermReports(dataset);
        fuseki.addServlet("", new HomePage(dataset, differential))
                .addServlet(TermPages.PATH + "/*", new TermPages(dataset, reports, version))
                .addServlet(SearchApi.PATH, new SearchApi(finder))
                .addServlet(SearchApi.PAGE, new SearchPage(finder))
                .addServlet(QueryLibraryApi.PATH, new QueryLibraryApi())
                .addServlet(ConsolePage.PATH, new ConsolePage())
                .addServlet(DifferentialPage.PATH, new DifferentialPage(differential, writesAllowed))
                .addServlet(ReleaseFiles.PATH + "/*", new ReleaseFiles(dataset, version))
                .addServlet(StaticFiles.PATH + "/*", new StaticFiles());
        for (String path : EndpointConventions.CORS_PATHS) {
            fuseki.addFilter(path, EndpointConventions.cors());
        }
        // the endpoints that write when the server allows writes (read-only GET elsewhere)
        for (String path : WRITE_PATHS) fuseki.addFilter(path, version);
        fuseki.addFilter(SPARQL, new EndpointConventions.ServiceDescription(dataset));
        fuseki.addFilter(QUERY, new EndpointConventions.ServiceDescription(dataset));
    }

    /** What the {@code Server} header says: Fuseki's name and its own version (not the jar's). */
    public static String serverName() {
        return "Apache Jena Fuseki (" + FUSEKI_VERSION + ")";
    }

    /** This product's version, from the jar's manifest; "development" when run from classes. */
    public static String productVersion() {
        String v = WebFront.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
