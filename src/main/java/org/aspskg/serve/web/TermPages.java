package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.mapping.CurieMap;
import org.aspskg.ontology.AspsVocabulary;

/**
 * A page per term at the path of its IRI: {@code https://w3id.org/asps-kg/X} is served at
 * {@code /asps-kg/X}. Browsers get HTML rendered here (no script needed); RDF clients get the term's
 * description ({@link TermReports#describe}) in Turtle, JSON-LD, RDF/XML or N-Triples by the
 * {@code Accept} header, or by {@code ?format=ttl|jsonld|rdf|nt} for links.
 */
final class TermPages extends HttpServlet {
    /** The path the namespace {@value AspsVocabulary#NS} is served under. */
    static final String PATH = "/asps-kg";

    private static final CurieMap CURIES = new CurieMap(AspsVocabulary.STANDARD_PREFIXES);
    private static final int MAX_SIBLINGS = 12;

    private static final int CACHED = 2048;

    private final TermReports reports;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    };
    private final ManchesterAxioms manchester;
    private final CurieMap codes;

    private final StoreVersion version;
    /** The store version the cached answers were made from. */
    private long cachedVersion;

    TermPages(DatasetGraph dataset, TermReports reports, StoreVersion version) {
        this.reports = reports;
        this.version = version;
        this.codes = StoreTermSearch.curieMap(dataset);
        this.manchester = new ManchesterAxioms(dataset, version);
    }

    /** The server path of a term's page; other IRIs are returned as they are. */
    static String pagePath(String iri) {
        return iri.startsWith(AspsVocabulary.NS) ? PATH + "/" + iri.substring(AspsVocabulary.NS.length()) : iri;
    }

    static String curie(String iri) {
        return CURIES.compress(iri).map(Object::toString).orElse(iri);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String local = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        String iri = AspsVocabulary.NS + local;
        String format = req.getParameter("format");
        RdfFormats.Choice choice =
                format != null ? RdfFormats.named(format) : RdfFormats.choose(req.getHeader("Accept"));
        resp.setHeader("Vary", "Accept");
        if (choice == null) {
            Pages.send(
                    resp,
                    400,
                    "text/plain;charset=utf-8",
                    "unknown format " + format + ": use ttl, jsonld, rdf or nt\n");
            return;
        }
        if (local.isEmpty() || !reports.knows(iri)) {
            if (choice.html()) {
                Pages.send(
                        resp,
                        404,
                        Html.page(
                                "Not found",
                                Html.Nav.TERMS,
                                "<h1>No such term</h1><p>The graph says nothing about <code>" + Html.esc(iri)
                                        + "</code>. Try the search box above.</p>"));
            } else {
                Pages.send(resp, 404, "text/plain;charset=utf-8", "no term " + iri + "\n");
            }
            return;
        }
        if (!choice.html()) {
            byte[] rdf = cached(iri, choice.contentType(), () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                RDFDataMgr.write(out, reports.describe(iri), choice.lang());
                return out.toByteArray();
            });
            resp.setStatus(200);
            resp.setContentType(choice.contentType());
            resp.setContentLength(rdf.length);
            resp.getOutputStream().write(rdf);
            return;
        }
        byte[] html = cached(iri, "html", () -> render(iri).getBytes(StandardCharsets.UTF_8));
        resp.setStatus(200);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(html.length);
        resp.getOutputStream().write(html);
    }

    /**
     * A rendered answer, kept for the ontology's terms until the store is written to ({@link
     * StoreVersion}: never, on a read-only server); never for cases and rankings, which {@code
     * ddx?store=true} writes without moving the version. At most {@value #CACHED} answers, least
     * recently used dropped.
     */
    private byte[] cached(String iri, String format, Supplier<byte[]> make) {
        if (iri.startsWith(AspsVocabulary.CASE_NS) || iri.startsWith(AspsVocabulary.DDX_NS)) return make.get();
        String key = format + " " + iri;
        long from = version.current();
        synchronized (cache) {
            if (cachedVersion != from) {
                cache.clear();
                cachedVersion = from;
            }
            byte[] hit = cache.get(key);
            if (hit != null) return hit;
        }
        byte[] made = make.get();
        synchronized (cache) {
            // made from data that a write finished since may have changed: send it, but do not keep it
            if (cachedVersion == from && version.current() == from) cache.put(key, made);
        }
        return made;
    }

    private String render(String iri) {
        Map<String, TermReports.Section> s = new LinkedHashMap<>();
        for (String name : TermReports.SECTIONS) s.put(name, reports.section(name, iri));
        String label = iri;
        List<String> definitions = new ArrayList<>();
        Map<String, List<String>> synonyms = new TreeMap<>();
        List<String> comments = new ArrayList<>();
        for (QuerySolution r : s.get("names").rows()) {
            String p = r.getResource("property").getURI();
            String v = text(r.get("value"));
            switch (p.substring(p.lastIndexOf(p.contains("#") ? '#' : '/') + 1)) {
                case "label" -> label = v;
                case "IAO_0000115" -> definitions.add(v);
                case "comment" -> comments.add(v);
                case "IAO_0000118" ->
                    synonyms.computeIfAbsent("alternative label", k -> new ArrayList<>())
                            .add(v);
                default ->
                    synonyms.computeIfAbsent(synonymKind(p), k -> new ArrayList<>())
                            .add(v);
            }
        }
        StringBuilder b = new StringBuilder(16_384);
        b.append("<article class=\"term\">\n<h1>").append(Html.esc(label)).append("</h1>\n");
        b.append("<p class=\"ids\"><code>")
                .append(Html.esc(iri))
                .append("</code> · <span class=\"curie\">")
                .append(Html.esc(curie(iri)))
                .append("</span> · as ");
        String base = pagePath(iri);
        b.append(Html.link(base + "?format=ttl", "Turtle"))
                .append(", ")
                .append(Html.link(base + "?format=jsonld", "JSON-LD"))
                .append(", ")
                .append(Html.link(base + "?format=rdf", "RDF/XML"))
                .append(", ")
                .append(Html.link(base + "?format=nt", "N-Triples"))
                .append("</p>\n");
        for (String d : definitions)
            b.append("<p class=\"definition\">").append(Html.esc(d)).append("</p>\n");
        if (!synonyms.isEmpty()) {
            b.append("<dl class=\"synonyms\">\n");
            synonyms.forEach((kind, names) -> b.append("<dt>")
                    .append(Html.esc(kind))
                    .append("</dt><dd>")
                    .append(Html.esc(String.join("; ", names)))
                    .append("</dd>\n"));
            b.append("</dl>\n");
        }
        for (String c : comments)
            b.append("<p class=\"comment\">").append(Html.esc(c)).append("</p>\n");
        names(b, s.get("names"));

        Model description = reports.describe(iri);
        if (description.contains(description.createResource(iri), RDF.type, OWL.Class)) {
            hierarchy(b, iri, label, s.get("ancestors"), s.get("children"));
        } else {
            properties(b, iri, description);
        }
        definition(b, iri);
        facts(b, s.get("facts"));
        differentials(b, s.get("differentials"));
        codes(b, s.get("codes"));
        b.append("</article>\n");
        return Html.page(label, Html.Nav.TERMS, b.toString());
    }

    /** A term that is not a class (a statement node, a source): its own triples as a table. */
    private static void properties(StringBuilder b, String iri, Model description) {
        b.append("<section aria-labelledby=\"h-properties\">\n<h2 id=\"h-properties\">Properties</h2>\n");
        b.append(
                "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">property</th><th scope=\"col\">value</th></tr></thead>\n<tbody>\n");
        description.listStatements(description.createResource(iri), null, (RDFNode) null).toList().stream()
                .sorted((x, y) ->
                        x.getPredicate().getURI().compareTo(y.getPredicate().getURI()))
                .forEach(st -> {
                    RDFNode o = st.getObject();
                    b.append("<tr><td>")
                            .append(Html.esc(curie(st.getPredicate().getURI())))
                            .append("</td><td>")
                            .append(o.isURIResource() ? termLink(o.asResource().getURI(), null) : Html.esc(text(o)))
                            .append("</td></tr>\n");
                });
        b.append("</tbody></table></div>\n</section>\n");
    }

    private static void names(StringBuilder b, TermReports.Section section) {
        b.append(sparql(section, "names and definition"));
    }

    private record Edge(String child, String parent, String parentLabel, boolean asserted, boolean inferred) {}

    private void hierarchy(
            StringBuilder b, String iri, String label, TermReports.Section ancestors, TermReports.Section children) {
        List<Edge> edges = new ArrayList<>();
        Map<String, String> labels = new TreeMap<>();
        labels.put(iri, label);
        for (QuerySolution r : ancestors.rows()) {
            Edge e = new Edge(
                    r.getResource("child").getURI(),
                    r.getResource("parent").getURI(),
                    r.contains("parentLabel")
                            ? text(r.get("parentLabel"))
                            : curie(r.getResource("parent").getURI()),
                    r.getLiteral("asserted").getBoolean(),
                    r.getLiteral("inferred").getBoolean());
            edges.add(e);
            labels.put(e.parent(), e.parentLabel());
        }
        List<Edge> direct = edges.stream().filter(e -> e.child().equals(iri)).toList();
        b.append("<section aria-labelledby=\"h-superclasses\">\n<h2 id=\"h-superclasses\">Superclasses</h2>\n");
        if (direct.isEmpty()) {
            b.append("<p>None: a top-level term.</p>\n");
        } else {
            b.append(
                    "<p>Direct superclasses, each with its path to the top, this term and its siblings. "
                            + "<span class=\"badge inferred\">inferred</span> marks a link HermiT inferred that the editors did not assert.</p>\n");
            b.append("<ul class=\"tree\">\n");
            Map<String, List<Child>> siblings = siblings(children);
            for (Edge d : direct.stream()
                    .sorted((x, y) -> x.parentLabel().compareToIgnoreCase(y.parentLabel()))
                    .toList()) {
                List<String> path = pathToTop(d.parent(), edges);
                b.append("<li><span class=\"path\">");
                for (int i = path.size() - 1; i >= 1; i--) {
                    b.append(termLink(path.get(i), labels.get(path.get(i)))).append(" › ");
                }
                b.append("</span>").append(termLink(d.parent(), d.parentLabel()));
                b.append(badge(d.asserted(), d.inferred()));
                b.append("\n<ul>\n<li class=\"self\"><strong>")
                        .append(Html.esc(label))
                        .append("</strong></li>\n");
                List<Child> sibs = siblings.getOrDefault(d.parent(), List.of()).stream()
                        .filter(c -> !c.iri().equals(iri))
                        .toList();
                for (Child c : sibs.subList(0, Math.min(MAX_SIBLINGS, sibs.size()))) {
                    b.append("<li class=\"sibling\">")
                            .append(termLink(c.iri(), c.label()))
                            .append(badge(c.asserted(), c.inferred()))
                            .append("</li>\n");
                }
                if (sibs.size() > MAX_SIBLINGS) {
                    b.append("<li class=\"sibling more\">and ")
                            .append(sibs.size() - MAX_SIBLINGS)
                            .append(" more</li>\n");
                }
                b.append("</ul></li>\n");
            }
            b.append("</ul>\n");
        }
        Set<String> all = new LinkedHashSet<>();
        edges.forEach(e -> all.add(e.parent()));
        if (!all.isEmpty()) {
            b.append("<p class=\"all-ancestors\">All superclasses: ");
            List<String> links = new ArrayList<>();
            for (String a : all.stream()
                    .sorted((x, y) -> labels.get(x).compareToIgnoreCase(labels.get(y)))
                    .toList()) {
                links.add(termLink(a, labels.get(a)));
            }
            b.append(String.join(", ", links)).append("</p>\n");
        }
        b.append(sparql(ancestors, "superclasses")).append("</section>\n");

        List<Child> subs = siblings(children).getOrDefault(iri, List.of());
        b.append("<section aria-labelledby=\"h-subclasses\">\n<h2 id=\"h-subclasses\">Subclasses</h2>\n");
        if (subs.isEmpty()) {
            b.append("<p>None.</p>\n");
        } else {
            b.append("<ul class=\"subclasses\">\n");
            for (Child c : subs) {
                b.append("<li>")
                        .append(termLink(c.iri(), c.label()))
                        .append(badge(c.asserted(), c.inferred()))
                        .append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append(sparql(children, "subclasses and siblings")).append("</section>\n");
    }

    private record Child(String iri, String label, boolean asserted, boolean inferred) {}

    private static Map<String, List<Child>> siblings(TermReports.Section children) {
        Map<String, List<Child>> byParent = new LinkedHashMap<>();
        for (QuerySolution r : children.rows()) {
            String c = r.getResource("child").getURI();
            byParent.computeIfAbsent(r.getResource("parent").getURI(), k -> new ArrayList<>())
                    .add(new Child(
                            c,
                            r.contains("childLabel") ? text(r.get("childLabel")) : curie(c),
                            r.getLiteral("asserted").getBoolean(),
                            r.getLiteral("inferred").getBoolean()));
        }
        return byParent;
    }

    /** One path from {@code start} up to a top class (an asserted parent first where there is one). */
    private static List<String> pathToTop(String start, List<Edge> edges) {
        List<String> path = new ArrayList<>(List.of(start));
        String at = start;
        while (path.size() < 30) {
            String from = at;
            Edge up = edges.stream()
                    .filter(e -> e.child().equals(from) && !path.contains(e.parent()))
                    .min((x, y) -> Boolean.compare(y.asserted(), x.asserted()) != 0
                            ? Boolean.compare(y.asserted(), x.asserted())
                            : x.parentLabel().compareTo(y.parentLabel()))
                    .orElse(null);
            if (up == null) break;
            path.add(up.parent());
            at = up.parent();
        }
        return path;
    }

    private static String badge(boolean asserted, boolean inferred) {
        if (inferred && !asserted)
            return " <span class=\"badge inferred\" title=\"inferred by HermiT\">inferred</span>";
        if (asserted) return " <span class=\"badge asserted\" title=\"asserted by the editors\">asserted</span>";
        return "";
    }

    private void definition(StringBuilder b, String iri) {
        ManchesterAxioms.Definition d = manchester.of(iri);
        if (d.isEmpty()) return;
        b.append("<section aria-labelledby=\"h-logic\">\n<h2 id=\"h-logic\">Logical definition</h2>\n");
        b.append("<p>In Manchester syntax (OWL API), from the asserted graph.</p>\n<dl class=\"manchester\">\n");
        for (String e : d.equivalents())
            b.append("<dt>EquivalentTo</dt><dd><code>").append(Html.esc(e)).append("</code></dd>\n");
        for (String e : d.superclasses())
            b.append("<dt>SubClassOf</dt><dd><code>").append(Html.esc(e)).append("</code></dd>\n");
        b.append("</dl>\n</section>\n");
    }

    private static void facts(StringBuilder b, TermReports.Section section) {
        if (section.rows().isEmpty()) return;
        b.append("<section aria-labelledby=\"h-facts\">\n<h2 id=\"h-facts\">Facts</h2>\n");
        b.append(
                "<p>Statements of the graph about this term, with their evidence weight, numbers and references.</p>\n");
        b.append(
                "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">statement</th><th scope=\"col\">disease</th>"
                        + "<th scope=\"col\">feature</th><th scope=\"col\">weight</th><th scope=\"col\">age group</th>"
                        + "<th scope=\"col\">numbers</th><th scope=\"col\">sources</th></tr></thead>\n<tbody>\n");
        for (QuerySolution r : section.rows()) {
            b.append("<tr><td>")
                    .append(termLink(uri(r, "fact"), str(r, "factLabel")))
                    .append("</td><td>")
                    .append(termLink(uri(r, "disease"), str(r, "diseaseLabel")))
                    .append("</td><td>")
                    .append(termLink(uri(r, "feature"), str(r, "featureLabel")));
            if (r.contains("against")) {
                b.append(" <span class=\"note\">(tells it from ")
                        .append(termLink(uri(r, "against"), str(r, "againstLabel")))
                        .append(")</span>");
            }
            b.append("</td><td>")
                    .append(Html.esc(str(r, "weightLabel")))
                    .append("</td><td>")
                    .append(Html.esc(str(r, "ageGroupLabel")))
                    .append("</td><td>");
            List<String> numbers = new ArrayList<>();
            number(numbers, r, "frequency", "frequency");
            number(numbers, r, "lrPresent", "LR+");
            number(numbers, r, "lrAbsent", "LR−");
            number(numbers, r, "sensitivity", "sensitivity");
            number(numbers, r, "specificity", "specificity");
            b.append(Html.esc(String.join("; ", numbers))).append("</td><td>");
            List<String> sources = new ArrayList<>();
            if (!str(r, "references").isEmpty()) {
                for (String n : str(r, "references").split(", ")) {
                    sources.add(termLink(AspsVocabulary.SOURCE_ARTICLE + "-ref-" + n, "ref. " + n));
                }
            }
            for (String src : str(r, "sources").split(" ")) {
                if (!src.isEmpty()) sources.add(termLink(src, curie(src)));
            }
            b.append(String.join(", ", sources)).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n").append(sparql(section, "facts")).append("</section>\n");
    }

    private static void number(List<String> out, QuerySolution r, String var, String name) {
        if (r.contains(var)) out.add(name + " " + text(r.get(var)));
    }

    private static void differentials(StringBuilder b, TermReports.Section section) {
        if (section.rows().isEmpty()) return;
        b.append("<section aria-labelledby=\"h-ddx\">\n<h2 id=\"h-ddx\">Differential diagnoses</h2>\n");
        Map<String, List<QuerySolution>> by = new LinkedHashMap<>();
        for (QuerySolution r : section.rows())
            by.computeIfAbsent(uri(r, "differential"), k -> new ArrayList<>()).add(r);
        b.append("<ul class=\"differentials\">\n");
        by.forEach((ddx, rows) -> {
            b.append("<li>").append(termLink(ddx, str(rows.get(0), "differentialLabel")));
            List<QuerySolution> findings =
                    rows.stream().filter(r -> r.contains("feature")).toList();
            if (!findings.isEmpty()) {
                b.append(": distinguished by<ul>\n");
                for (QuerySolution f : findings) {
                    b.append("<li>")
                            .append(termLink(uri(f, "feature"), str(f, "featureLabel")))
                            .append(" <span class=\"weight\">")
                            .append(Html.esc(str(f, "weightLabel")))
                            .append("</span>");
                    if (!str(f, "references").isEmpty()) {
                        b.append(" <span class=\"refs\">(ref. ")
                                .append(Html.esc(str(f, "references")))
                                .append(")</span>");
                    }
                    b.append("</li>\n");
                }
                b.append("</ul>");
            }
            b.append("</li>\n");
        });
        b.append("</ul>\n").append(sparql(section, "differential diagnoses")).append("</section>\n");
    }

    private void codes(StringBuilder b, TermReports.Section section) {
        if (section.rows().isEmpty()) return;
        b.append("<section aria-labelledby=\"h-codes\">\n<h2 id=\"h-codes\">External codes</h2>\n");
        b.append(
                "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">relation</th><th scope=\"col\">code</th>"
                        + "<th scope=\"col\">label in its vocabulary</th><th scope=\"col\">how it was mapped</th></tr></thead>\n<tbody>\n");
        for (QuerySolution r : section.rows()) {
            String p = uri(r, "predicate");
            RDFNode code = r.get("code");
            String cell = code.isURIResource()
                    ? "<a href=\"" + Html.attr(code.asResource().getURI()) + "\" rel=\"external\">"
                            + Html.esc(codes.compress(code.asResource().getURI())
                                    .map(Object::toString)
                                    .orElse(code.asResource().getURI()))
                            + "</a>"
                    : Html.esc(text(code));
            b.append("<tr><td>")
                    .append(Html.esc(curie(p)))
                    .append("</td><td>")
                    .append(cell)
                    .append("</td><td>")
                    .append(Html.esc(str(r, "codeLabel")))
                    .append("</td><td>")
                    .append(r.contains("justification") ? Html.esc(curie(uri(r, "justification"))) : "")
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n")
                .append(sparql(section, "external codes"))
                .append("</section>\n");
    }

    /** The query behind a section, folded, with a link that opens it in the console. */
    static String sparql(TermReports.Section section, String what) {
        return "<details class=\"sparql\"><summary>SPARQL for the " + Html.esc(what) + "</summary>\n<pre><code>"
                + Html.esc(section.sparql()) + "</code></pre>\n<p>"
                + Html.link(
                        ConsolePage.PATH + "?query=" + URLEncoder.encode(section.sparql(), StandardCharsets.UTF_8),
                        "Run in the SPARQL console")
                + "</p></details>\n";
    }

    private static String termLink(String iri, String label) {
        if (iri == null) return "";
        String text = label == null || label.isEmpty() ? curie(iri) : label;
        return Html.link(pagePath(iri), text);
    }

    private static String synonymKind(String property) {
        String local = property.substring(property.lastIndexOf('#') + 1);
        return switch (local) {
            case "hasExactSynonym" -> "exact synonyms";
            case "hasRelatedSynonym" -> "related synonyms";
            case "hasBroadSynonym" -> "broad synonyms";
            case "hasNarrowSynonym" -> "narrow synonyms";
            default -> local;
        };
    }

    private static String uri(QuerySolution r, String var) {
        return r.contains(var) && r.get(var).isURIResource()
                ? r.getResource(var).getURI()
                : null;
    }

    private static String str(QuerySolution r, String var) {
        return r.contains(var) ? text(r.get(var)) : "";
    }

    private static String text(RDFNode n) {
        return n.isLiteral()
                ? n.asLiteral().getLexicalForm()
                : n.isURIResource() ? n.asResource().getURI() : n.toString();
    }
}
