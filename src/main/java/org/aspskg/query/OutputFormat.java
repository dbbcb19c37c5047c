package org.aspskg.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.aspskg.AspsKgException;

/**
 * How {@code asps-kg query} writes its answer: a result table (SELECT, ASK) or a graph (CONSTRUCT,
 * DESCRIBE). {@code table} is the human default for tables and Turtle for graphs.
 */
public enum OutputFormat {
    TABLE(null, null),
    CSV(ResultSetLang.RS_CSV, null),
    TSV(ResultSetLang.RS_TSV, null),
    JSON(ResultSetLang.RS_JSON, Lang.JSONLD),
    XML(ResultSetLang.RS_XML, Lang.RDFXML),
    TTL(null, Lang.TURTLE),
    NT(null, Lang.NTRIPLES),
    JSONLD(null, Lang.JSONLD),
    RDFXML(null, Lang.RDFXML);

    private final Lang resultsLang;
    private final Lang graphLang;

    OutputFormat(Lang resultsLang, Lang graphLang) {
        this.resultsLang = resultsLang;
        this.graphLang = graphLang;
    }

    /** The SPARQL results format, or null for the text table. */
    Lang resultsLang() {
        return resultsLang;
    }

    /** The RDF syntax for a graph result: TABLE means Turtle. */
    Lang graphLang() {
        return this == TABLE ? Lang.TURTLE : graphLang;
    }

    boolean writesResults() {
        return this == TABLE || resultsLang != null;
    }

    boolean writesGraphs() {
        return this == TABLE || graphLang != null;
    }

    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown format '" + name + "'", "Use one of: " + names() + ".");
        }
    }

    static String names() {
        return Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
