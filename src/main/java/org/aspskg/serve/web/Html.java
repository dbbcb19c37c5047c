package org.aspskg.serve.web;

import org.apache.commons.text.StringEscapeUtils;

/** The pages' shared frame (header, navigation, search box, footer) and HTML escaping. */
final class Html {
    /** The navigation entries: path and name. */
    enum Nav {
        HOME("/", "Home"),
        TERMS(TermPages.PATH + "/AlveolarSoftPartSarcoma", "Terms"),
        CONSOLE(ConsolePage.PATH, "SPARQL console"),
        DDX(DifferentialPage.PATH, "Differential diagnosis");

        final String path;
        final String name;

        Nav(String path, String name) {
            this.path = path;
            this.name = name;
        }
    }

    private Html() {}

    static String esc(String text) {
        return text == null ? "" : StringEscapeUtils.escapeHtml4(text);
    }

    /** An attribute value, quotes included in the escaping. */
    static String attr(String text) {
        return esc(text).replace("'", "&#39;");
    }

    static String link(String href, String text) {
        return "<a href=\"" + attr(href) + "\">" + esc(text) + "</a>";
    }

    /**
     * A whole page: {@code body} is trusted HTML, {@code title} plain text; {@code scripts} are paths
     * under {@value StaticFiles#PATH} (module scripts, deferred, so the page renders without them).
     */
    static String page(String title, Nav active, String body, String... scripts) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(title))
                .append(" · asps-kg</title>\n")
                .append("<link rel=\"stylesheet\" href=\"")
                .append(StaticFiles.PATH)
                .append("/site.css\">\n");
        for (String s : scripts) {
            h.append("<script defer src=\"").append(attr(s)).append("\"></script>\n");
        }
        h.append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"site\"><div class=\"site-bar\">\n")
                .append("<a class=\"brand\" href=\"/\">asps-kg</a>\n<nav aria-label=\"Main\"><ul>\n");
        for (Nav n : Nav.values()) {
            h.append("<li><a href=\"").append(attr(n.path)).append('"');
            if (n == active) h.append(" aria-current=\"page\"");
            h.append('>').append(esc(n.name)).append("</a></li>\n");
        }
        h.append("</ul></nav>\n")
                .append("<form class=\"search\" role=\"search\" action=\"")
                .append(SearchApi.PAGE)
                .append("\" method=\"get\">\n")
                .append("<label for=\"term-search\" class=\"visually-hidden\">Search terms</label>\n")
                .append("<input id=\"term-search\" name=\"q\" type=\"search\" autocomplete=\"off\" ")
                .append("placeholder=\"Search terms, synonyms, codes\" ")
                .append("role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" ")
                .append("aria-controls=\"term-search-list\">\n")
                .append("<ul id=\"term-search-list\" role=\"listbox\" class=\"suggestions\" hidden></ul>\n")
                .append("<button type=\"submit\">Search</button>\n</form>\n")
                .append("</div></header>\n<main id=\"main\">\n")
                .append(body)
                .append("\n</main>\n<footer class=\"site\"><p>asps-kg ")
                .append(esc(WebFront.productVersion()))
                .append(" · served by ")
                .append(esc(WebFront.serverName()))
                .append(" · <a href=\"")
                .append(WebFront.SPARQL)
                .append("\">SPARQL endpoint</a></p></footer>\n")
                .append("<script defer src=\"")
                .append(StaticFiles.PATH)
                .append("/search.js\"></script>\n</body>\n</html>\n");
        return h.toString();
    }
}
