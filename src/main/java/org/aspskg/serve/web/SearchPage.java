package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** {@code GET /search?q=…}: the search box's results as a page, for browsers without JavaScript. */
final class SearchPage extends HttpServlet {
    private final TermFinder finder;

    SearchPage(TermFinder finder) {
        this.finder = finder;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String q = req.getParameter("q") == null ? "" : req.getParameter("q").strip();
        List<TermFinder.Hit> hits = q.isEmpty() ? List.of() : finder.search(q, SearchApi.MAX_ROWS, List.of());
        StringBuilder b = new StringBuilder();
        b.append("<h1>Search</h1>\n");
        if (q.isEmpty()) {
            b.append("<p>Type a label, a synonym, a CURIE (aspskg:…) or an external code in the search box.</p>");
        } else {
            b.append("<p>")
                    .append(hits.size())
                    .append(hits.size() == 1 ? " term" : " terms")
                    .append(" for <q>")
                    .append(Html.esc(q))
                    .append("</q>.</p>\n<ol class=\"hits\">\n");
            for (TermFinder.Hit h : hits) {
                b.append("<li>")
                        .append(Html.link(TermPages.pagePath(h.iri()), h.label()))
                        .append(" <span class=\"curie\">")
                        .append(Html.esc(h.curie()))
                        .append("</span> <span class=\"facet\">")
                        .append(Html.esc(h.facet()))
                        .append("</span>");
                if (!h.matchedName().equals(h.label())) {
                    b.append(" <span class=\"matched\">matched ")
                            .append(Html.esc(h.matchType() + ", " + h.nameType()))
                            .append(" <q>")
                            .append(Html.esc(h.matchedName()))
                            .append("</q></span>");
                }
                b.append("</li>\n");
            }
            b.append("</ol>");
        }
        Pages.send(resp, HttpServletResponse.SC_OK, Html.page("Search", Html.Nav.TERMS, b.toString()));
    }
}
