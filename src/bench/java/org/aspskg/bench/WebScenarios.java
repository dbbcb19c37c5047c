package org.aspskg.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The web front's requests the serve benchmark times on {@code asps-kg serve}, both taken from the
 * served store itself (over its SPARQL endpoint), not from a hand-written list:
 *
 * <ul>
 *   <li>{@code autocomplete}: {@code GET /api/search?q=PREFIX}, what the search box sends as one
 *       types, for the prefixes a user would type of every class's label, exact synonyms and
 *       abbreviations (the first three letters, e.g. "alv", "syn"; the first word and the first three
 *       letters of the second, e.g. "t2 hyp") and of its external codes ("C3" of NCIT:C3262, "MONDO:001"
 *       of MONDO:0011655);
 *   <li>{@code term page}: {@code GET /asps-kg/NAME} as {@code text/html}, for every class of the
 *       ontology's namespace.
 * </ul>
 *
 * Both lists are shuffled with a fixed seed, so the clients do not walk the alphabet in step.
 */
final class WebScenarios {
    static final String AUTOCOMPLETE = "web: autocomplete";
    static final String TERM_PAGE = "web: term page";

    private static final long SEED = 20260418L;

    // each asks the ontology's own graphs, not the union default graph with its 100k cases: cheap
    // whatever the cohort (the search index and the term pages are about the ontology's classes)
    private static final String NAMES = """
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
            PREFIX obo: <http://purl.obolibrary.org/obo/>
            SELECT DISTINCT ?name WHERE { GRAPH <%s> {
              ?term a owl:Class ; rdfs:label|oboInOwl:hasExactSynonym|obo:IAO_0000118 ?name .
              FILTER (isIRI(?term) && isLiteral(?name))
            } }
            """.formatted(AspsVocabulary.GRAPH_ASSERTED);

    private static final String CODES =
            """
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT DISTINCT ?code WHERE {
              { GRAPH <%s> { ?term a owl:Class ; oboInOwl:hasDbXref ?code } }
              UNION
              { GRAPH <%s> {
                  ?term skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch ?code } }
              FILTER (isIRI(?term) && STRSTARTS(STR(?term), "%s"))
            }
            """.formatted(AspsVocabulary.GRAPH_ASSERTED, AspsVocabulary.GRAPH_MAPPINGS, AspsVocabulary.NS);

    private static final String CLASSES = """
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            SELECT DISTINCT ?term WHERE { GRAPH <%s> {
              ?term a owl:Class . FILTER (isIRI(?term) && STRSTARTS(STR(?term), "%s"))
            } }
            """.formatted(AspsVocabulary.GRAPH_ASSERTED, AspsVocabulary.NS);

    /** An OBO PURL ({@code …/obo/NCIT_C3262}) or a CURIE ({@code NCIT:C3262}): prefix and local id. */
    private static final Pattern CODE = Pattern.compile("(?:.*/obo/)?([A-Za-z][A-Za-z0-9]*)[_:]([A-Za-z0-9]+)");

    private WebScenarios() {}

    /** Search-box requests for the prefixes of every class's names and codes in the store. */
    static List<HttpLoad.Target> autocomplete(String base, String sparqlEndpoint) {
        List<String> prefixes =
                prefixes(strings(sparqlEndpoint, NAMES, "name"), strings(sparqlEndpoint, CODES, "code"));
        return prefixes.stream()
                .map(p -> new HttpLoad.Target(
                        AUTOCOMPLETE,
                        get(base + "/api/search?q=" + URLEncoder.encode(p, StandardCharsets.UTF_8), "application/json"),
                        endsWith("}")))
                .toList();
    }

    /** HTML page requests for every class of the ontology's namespace in the store. */
    static List<HttpLoad.Target> termPages(String base, String sparqlEndpoint) {
        List<String> paths = new ArrayList<>();
        for (String iri : strings(sparqlEndpoint, CLASSES, "term")) {
            paths.add("/asps-kg/" + iri.substring(AspsVocabulary.NS.length()));
        }
        Collections.sort(paths);
        Collections.shuffle(paths, new Random(SEED));
        return paths.stream()
                .map(p -> new HttpLoad.Target(TERM_PAGE, get(base + p, "text/html"), endsWith("</html>")))
                .toList();
    }

    /**
     * What a user types into the search box for these names and codes, each once, in a fixed shuffled
     * order: of a name, its first three letters and, when it has a second word, the first word and
     * three letters of the second; of a code, the first two characters of its local id when it starts
     * with a letter (NCIT:C3262: "C3"), else the CURIE up to three digits (MONDO:0011655: "MONDO:001").
     */
    static List<String> prefixes(Collection<String> names, Collection<String> codes) {
        TreeSet<String> out = new TreeSet<>();
        for (String name : names) {
            String[] words = name.toLowerCase(Locale.ROOT).strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) continue;
            out.add(head(words[0], 3));
            if (words.length > 1) out.add(words[0] + " " + head(words[1], 3));
        }
        for (String code : codes) {
            Matcher m = CODE.matcher(code);
            if (!m.matches()) continue;
            String local = m.group(2);
            out.add(Character.isLetter(local.charAt(0)) ? head(local, 2) : m.group(1) + ":" + head(local, 3));
        }
        List<String> list = new ArrayList<>(out);
        Collections.shuffle(list, new Random(SEED));
        return list;
    }

    private static String head(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static List<String> strings(String endpoint, String query, String var) {
        List<String> values = new ArrayList<>();
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(endpoint, query)) {
            qe.execSelect().forEachRemaining((QuerySolution row) -> {
                var node = row.get(var);
                values.add(
                        node.isLiteral()
                                ? node.asLiteral().getLexicalForm()
                                : node.asResource().getURI());
            });
        } catch (RuntimeException e) {
            throw new AspsKgException(
                    "serve benchmark: reading the web front's ?" + var + " from " + endpoint + " failed: "
                            + e.getMessage(),
                    "The served store must answer this query within its time limit:\n" + query,
                    e);
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("serve benchmark: the store at " + endpoint + " gave no ?" + var);
        }
        return values;
    }

    private static HttpRequest get(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(HttpLoad.REQUEST_TIMEOUT)
                .header("Accept", accept)
                .GET()
                .build();
    }

    /** A whole answer ends with {@code end} (trailing white space aside). */
    private static Predicate<byte[]> endsWith(String end) {
        byte[] tail = end.getBytes(StandardCharsets.US_ASCII);
        return body -> {
            int i = body.length - 1;
            while (i >= 0 && Character.isWhitespace(body[i])) i--;
            if (i + 1 < tail.length) return false;
            for (int k = 0; k < tail.length; k++) {
                if (body[i + 1 - tail.length + k] != tail[k]) return false;
            }
            return true;
        };
    }
}
