package org.aspskg.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.aspskg.AspsKgException;

/**
 * The formats {@code asps-kg export} writes. RDF formats are written by Jena from the graph as it is
 * (so they parse back to an isomorphic graph); the OWL syntaxes by the OWL API from the ontology
 * the graph is (OBO and OBO Graphs JSON too); quad formats carry the store's named graphs.
 */
public enum ExportFormat {
    TTL("ttl", "Turtle", Writer.JENA, false),
    RDFXML("owl", "RDF/XML", Writer.JENA, false),
    JSONLD("jsonld", "JSON-LD (read by JSON-LD 1.0 and 1.1 processors) with a compact @context", Writer.JSONLD, false),
    NT("nt", "N-Triples", Writer.JENA, false),
    NQ("nq", "N-Quads, with the named graphs", Writer.JENA, true),
    TRIG("trig", "TriG, with the named graphs", Writer.JENA, true),
    OWX("owx", "OWL/XML", Writer.OWLAPI, false),
    OFN("ofn", "OWL functional syntax", Writer.OWLAPI, false),
    OMN("omn", "Manchester OWL syntax", Writer.OWLAPI, false),
    OBO("obo", "OBO flat file format 1.4", Writer.OWLAPI, false),
    /** asps.json, as MONDO and UBERON ship theirs; ROBOT's name for the format is json, which parse() takes too. */
    OBOGRAPHS("json", "OBO Graphs JSON", Writer.OWLAPI, false);

    /** Which library writes the format. */
    enum Writer {
        JENA,
        JSONLD,
        OWLAPI
    }

    private final String extension;
    private final String description;
    private final Writer writer;
    private final boolean quads;

    ExportFormat(String extension, String description, Writer writer, boolean quads) {
        this.extension = extension;
        this.description = description;
        this.writer = writer;
        this.quads = quads;
    }

    /** File extension: asps.owl is RDF/XML, as OBO releases name it. */
    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    Writer writer() {
        return writer;
    }

    /** True for formats that hold named graphs (N-Quads, TriG). */
    public boolean quads() {
        return quads;
    }

    /** The name users type: ttl, rdfxml, jsonld, nt, nq, trig, owx, ofn, omn, obo, obographs. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.optionName().equals(t) || f.extension.equals(t))
                .findFirst()
                .orElseThrow(() -> new AspsKgException(
                        "unknown export format '" + text + "'", "Use one of " + String.join(", ", names()) + "."));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ExportFormat::optionName).toList();
    }
}
