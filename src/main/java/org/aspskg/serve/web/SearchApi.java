package org.aspskg.serve.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/search?q=…}: terms by label, synonym, CURIE or external code, as JSON with OLS-like
 * fields ({@code iri}, {@code label}, {@code curie}, {@code short_form}, {@code matched_name},
 * {@code match_type}, {@code name_type}, {@code facet}, {@code page}). {@code rows} (1–50, default 10) limits the hits,
 * {@code facet} (comma-separated) keeps only those facets. A missing {@code q} is a 400 with a JSON body.
 */
final class SearchApi extends HttpServlet {
    static final String PATH = "/api/search";
    /** The HTML results page the search box submits to without JavaScript. */
    static final String PAGE = "/search";

    static final int MAX_ROWS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private final TermFinder finder;

    SearchApi(TermFinder finder) {
        this.finder = finder;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String q = req.getParameter("q");
        int rows;
        try {
            rows = req.getParameter("rows") == null ? 10 : Integer.parseInt(req.getParameter("rows"));
        } catch (NumberFormatException e) {
            rows = -1;
        }
        if (q == null || q.isBlank() || rows < 1 || rows > MAX_ROWS) {
            ObjectNode error = JSON.createObjectNode()
                    .put("status", 400)
                    .put("code", "bad-search")
                    .put(
                            "message",
                            q == null || q.isBlank()
                                    ? "give the text to search for as ?q="
                                    : "rows must be a whole number from 1 to " + MAX_ROWS);
            send(resp, HttpServletResponse.SC_BAD_REQUEST, error);
            return;
        }
        List<TermFinder.Hit> hits = finder.search(q, rows, facets(req));
        ObjectNode body = JSON.createObjectNode().put("query", q).put("numFound", hits.size());
        ArrayNode docs = body.putArray("docs");
        for (TermFinder.Hit h : hits) {
            docs.addObject()
                    .put("iri", h.iri())
                    .put("label", h.label())
                    .put("curie", h.curie())
                    .put(
                            "short_form",
                            h.curie() == null
                                    ? null
                                    : h.curie().substring(h.curie().indexOf(':') + 1))
                    .put("matched_name", h.matchedName())
                    .put("match_type", h.matchType())
                    .put("name_type", h.nameType())
                    .put("facet", h.facet())
                    .put("page", TermPages.pagePath(h.iri()));
        }
        send(resp, HttpServletResponse.SC_OK, body);
    }

    static List<String> facets(HttpServletRequest req) {
        String f = req.getParameter("facet");
        if (f == null || f.isBlank()) return List.of();
        return Arrays.stream(f.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void send(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        byte[] bytes = PRETTY.writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
