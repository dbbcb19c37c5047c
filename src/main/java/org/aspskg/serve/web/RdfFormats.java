package org.aspskg.serve.web;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.riot.Lang;

/** Content negotiation between an HTML page and the RDF syntaxes a term or a description is offered in. */
final class RdfFormats {
    /** What to send: HTML, or RDF in {@code lang} as {@code contentType}. */
    record Choice(boolean html, Lang lang, String contentType) {}

    private static final AcceptList OFFER = AcceptList.create(
            "text/html",
            "text/turtle",
            "application/ld+json",
            "application/rdf+xml",
            "application/n-triples",
            "application/xhtml+xml");
    private static final AcceptList RDF_ONLY =
            AcceptList.create("text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples");

    private RdfFormats() {}

    /** The best of HTML and the RDF syntaxes for an {@code Accept} header; Turtle without one. */
    static Choice choose(String accept) {
        return choose(accept, OFFER);
    }

    /** The best RDF syntax only (for a {@code ?format=} or an API that never answers HTML). */
    static Choice chooseRdf(String accept) {
        return choose(accept, RDF_ONLY);
    }

    private static Choice choose(String accept, AcceptList offer) {
        MediaType m = accept == null || accept.isBlank() ? null : AcceptList.match(new AcceptList(accept), offer);
        String type = m == null ? "text/turtle" : m.getContentTypeStr();
        return switch (type) {
            case "text/html", "application/xhtml+xml" -> new Choice(true, null, "text/html;charset=utf-8");
            case "application/ld+json" -> new Choice(false, Lang.JSONLD, "application/ld+json");
            case "application/rdf+xml" -> new Choice(false, Lang.RDFXML, "application/rdf+xml;charset=utf-8");
            case "application/n-triples" -> new Choice(false, Lang.NTRIPLES, "application/n-triples;charset=utf-8");
            default -> new Choice(false, Lang.TURTLE, "text/turtle;charset=utf-8");
        };
    }

    /** The syntax named by a file extension or {@code ?format=} value, for links that cannot set headers. */
    static Choice named(String name) {
        return switch (name) {
            case "ttl", "turtle" -> chooseRdf("text/turtle");
            case "jsonld", "json-ld" -> chooseRdf("application/ld+json");
            case "rdf", "xml", "rdfxml" -> chooseRdf("application/rdf+xml");
            case "nt", "ntriples" -> chooseRdf("application/n-triples");
            default -> null;
        };
    }
}
