package org.aspskg.serve.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.fuseki.servlets.CrossOriginFilter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.serve.KnowledgeGraphServer;

/**
 * What other tools expect of a public SPARQL endpoint: CORS on the read endpoints and the search API
 * (Fuseki's own {@link CrossOriginFilter}, with the settings Fuseki's command line enables, but
 * without credentials and only on those paths: writes stay same-origin), and a SPARQL 1.1 Service
 * Description on {@code GET /asps/sparql} without a query.
 */
final class EndpointConventions {
    /** The paths that answer other origins: read-only query, graph read and search. */
    static final List<String> CORS_PATHS =
            List.of(KnowledgeGraphServer.DATASET, WebFront.SPARQL, WebFront.QUERY, WebFront.GET, SearchApi.PATH);

    private static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    private static final String FORMATS = "http://www.w3.org/ns/formats/";
    private static final String VOID = "http://rdfs.org/ns/void#";

    private EndpointConventions() {}

    /** Fuseki's CORS filter with its command line's settings, credentials not allowed. */
    static Filter cors() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CrossOriginFilter.ALLOWED_ORIGINS_PARAM, "*");
        params.put(CrossOriginFilter.ALLOWED_METHODS_PARAM, "GET,POST,HEAD,OPTIONS");
        params.put(
                CrossOriginFilter.ALLOWED_HEADERS_PARAM,
                "X-Requested-With, Content-Type, Accept, Origin, Last-Modified");
        params.put(
                CrossOriginFilter.EXPOSED_HEADERS_PARAM,
                "Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma");
        params.put(CrossOriginFilter.ALLOW_CREDENTIALS_PARAM, "false");
        params.put(CrossOriginFilter.CHAIN_PREFLIGHT_PARAM, "false");
        return new Configured(new CrossOriginFilter(), params);
    }

    /** A filter initialised with fixed parameters (the builder's addFilter takes no init parameters). */
    private static final class Configured implements Filter {
        private final Filter filter;
        private final Map<String, String> params;

        Configured(Filter filter, Map<String, String> params) {
            this.filter = filter;
            this.params = params;
        }

        @Override
        public void init(FilterConfig config) throws ServletException {
            filter.init(new FilterConfig() {
                @Override
                public String getFilterName() {
                    return config.getFilterName();
                }

                @Override
                public ServletContext getServletContext() {
                    return config.getServletContext();
                }

                @Override
                public String getInitParameter(String name) {
                    return params.get(name);
                }

                @Override
                public Enumeration<String> getInitParameterNames() {
                    return Collections.enumeration(params.keySet());
                }
            });
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            filter.doFilter(request, response, chain);
        }

        @Override
        public void destroy() {
            filter.destroy();
        }
    }

    /**
     * {@code GET} or {@code HEAD} on a query endpoint without a {@code query} parameter: the endpoint's
     * service description (Turtle unless JSON-LD, RDF/XML or N-Triples is asked for); a browser asking
     * for HTML is sent to the SPARQL console instead.
     */
    static final class ServiceDescription implements Filter {
        private final DatasetGraph dataset;

        ServiceDescription(DatasetGraph dataset) {
            this.dataset = dataset;
        }

        private static final List<String> RESULT_FORMATS = List.of(
                "SPARQL_Results_JSON",
                "SPARQL_Results_XML",
                "SPARQL_Results_CSV",
                "SPARQL_Results_TSV",
                "Turtle",
                "N-Triples",
                "RDF_XML",
                "JSON-LD",
                "TriG",
                "N-Quads");

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest req
                    && response instanceof HttpServletResponse resp
                    && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))
                    && req.getParameter("query") == null) {
                describe(req, resp);
                return;
            }
            chain.doFilter(request, response);
        }

        private void describe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String accept = req.getHeader("Accept");
            RdfFormats.Choice choice = RdfFormats.choose(accept);
            if (choice.html()) {
                resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
                resp.setHeader("Location", ConsolePage.PATH);
                resp.setHeader("Vary", "Accept");
                return;
            }
            Model sd = describe(req.getRequestURL().toString(), dataset);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, sd, choice.lang());
            byte[] bytes = out.toByteArray();
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType(choice.contentType());
            resp.setHeader("Vary", "Accept");
            resp.setContentLength(bytes.length);
            if (!"HEAD".equals(req.getMethod())) resp.getOutputStream().write(bytes);
        }

        /** The service description of the endpoint at {@code url}: what it speaks and the dataset it serves. */
        static Model describe(String url, DatasetGraph dataset) {
            Model m = ModelFactory.createDefaultModel();
            m.setNsPrefix("sd", SD);
            m.setNsPrefix("formats", FORMATS);
            m.setNsPrefix("void", VOID);
            Resource service = m.createResource(url);
            service.addProperty(RDF.type, m.createResource(SD + "Service"))
                    .addProperty(m.createProperty(SD + "endpoint"), service)
                    .addProperty(m.createProperty(SD + "supportedLanguage"), m.createResource(SD + "SPARQL11Query"))
                    .addProperty(m.createProperty(SD + "feature"), m.createResource(SD + "UnionDefaultGraph"));
            for (String f : RESULT_FORMATS) {
                service.addProperty(m.createProperty(SD + "resultFormat"), m.createResource(FORMATS + f));
            }
            Resource ds = m.createResource()
                    .addProperty(RDF.type, m.createResource(SD + "Dataset"))
                    .addProperty(
                            m.createProperty(SD + "defaultGraph"),
                            m.createResource().addProperty(RDF.type, m.createResource(SD + "Graph")));
            {
                for (Map.Entry<String, Long> g : GraphCounts.of(dataset).entrySet()) {
                    ds.addProperty(
                            m.createProperty(SD + "namedGraph"),
                            m.createResource()
                                    .addProperty(RDF.type, m.createResource(SD + "NamedGraph"))
                                    .addProperty(m.createProperty(SD + "name"), m.createResource(g.getKey()))
                                    .addProperty(
                                            m.createProperty(SD + "graph"),
                                            m.createResource()
                                                    .addProperty(RDF.type, m.createResource(SD + "Graph"))
                                                    .addLiteral(m.createProperty(VOID + "triples"), g.getValue())));
                }
            }
            service.addProperty(m.createProperty(SD + "defaultDataset"), ds);
            service.addProperty(
                    m.createProperty(AspsVocabulary.DCTERMS + "title"),
                    "asps-kg: alveolar soft part sarcoma knowledge graph");
            return m;
        }
    }
}
