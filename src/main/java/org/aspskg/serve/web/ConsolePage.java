package org.aspskg.serve.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /console}: YASGUI on this server's endpoint, with the query library as a grouped menu of
 * example questions ({@code console.js} does the wiring) and a chart view of the results beside YASR's
 * table ({@code yasr-chart.js}, drawn by Chart.js). {@code ?query=…} opens with that query and
 * runs it, so a link shares a query and its result.
 */
final class ConsolePage extends HttpServlet {
    static final String PATH = "/console";

    private volatile String menu;
    /** Each library query's id and the text shown under the menu when it is chosen. */
    private volatile java.util.Map<String, String> questions;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (menu == null) {
            JsonNode library = new ObjectMapper().readTree(QueryLibraryApi.json());
            questions = questions(library);
            menu = menu(library);
        }
        // ?example=ID: the question is on the page from the start (console.js writes the same text),
        // so nothing below it moves when the script runs the query
        String example = req.getParameter("example");
        String question = example == null ? null : questions.get(example);
        String options = question == null
                ? menu
                : menu.replace(
                        "<option value=\"" + Html.attr(example) + "\">",
                        "<option value=\"" + Html.attr(example) + "\" selected>");
        String body = "<h1>SPARQL console</h1>\n"
                + "<p>Queries go to this server's endpoint, <code>" + WebFront.SPARQL
                + "</code> (read-only; the default graph is "
                + "the union of the named graphs). Pick one of the library's questions or write your own; "
                + "<kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the query.</p>\n"
                + "<div class=\"examples\">\n<label for=\"examples\">Example questions</label>\n"
                + "<select id=\"examples\">\n<option value=\"\">Choose a question of the query library…</option>\n"
                + options + "</select>\n<p id=\"example-question\" class=\"question\" aria-live=\"polite\">"
                + Html.esc(question == null ? "" : question) + "</p>\n</div>\n"
                + "<link rel=\"stylesheet\" href=\"" + StaticFiles.PATH + "/vendor/yasgui/yasgui.min.css\">\n"
                + "<div id=\"yasgui\" data-endpoint=\"" + WebFront.SPARQL + "\"></div>\n"
                + "<noscript><p>The console needs JavaScript. The endpoint itself does not: <code>curl "
                + WebFront.SPARQL + " --data-urlencode query=…</code></p></noscript>\n";
        Pages.send(
                resp,
                200,
                Html.page(
                        "SPARQL console",
                        Html.Nav.CONSOLE,
                        body,
                        StaticFiles.PATH + "/vendor/yasgui/yasgui.min.js",
                        StaticFiles.PATH + "/vendor/chartjs/chart.umd.js",
                        StaticFiles.PATH + "/yasr-chart.js",
                        StaticFiles.PATH + "/console.js"));
    }

    /** What console.js shows under the menu for a chosen query: its question, then what it returns. */
    private static java.util.Map<String, String> questions(JsonNode library) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (JsonNode g : library.get("groups")) {
            for (JsonNode q : g.get("queries")) {
                String returns = q.path("returns").asText("");
                m.put(
                        q.get("id").asText(),
                        q.get("question").asText() + (returns.isEmpty() ? "" : " Returns: " + returns));
            }
        }
        return m;
    }

    /** The examples menu: an option group per library group, the question as each option's text. */
    private static String menu(JsonNode library) {
        StringBuilder b = new StringBuilder();
        for (JsonNode g : library.get("groups")) {
            if (g.get("queries").isEmpty()) continue;
            b.append("<optgroup label=\"")
                    .append(Html.attr(g.get("name").asText()))
                    .append("\">\n");
            for (JsonNode q : g.get("queries")) {
                b.append("<option value=\"")
                        .append(Html.attr(q.get("id").asText()))
                        .append("\">")
                        .append(Html.esc(q.get("number").asText() + ". "
                                + q.get("question").asText()))
                        .append("</option>\n");
            }
            b.append("</optgroup>\n");
        }
        return b.toString();
    }
}
