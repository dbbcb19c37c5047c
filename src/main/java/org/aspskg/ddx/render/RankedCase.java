package org.aspskg.ddx.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DifferentialRanking;

/**
 * The result of the differential: a case and its ranking, which every output format renders from
 * and which the cases graph stores. The RDF of the case and its ranking is built once, when first
 * asked for, and then shared by the store and the Turtle answer. Made by {@link RankingRenderer#ranked}.
 */
public final class RankedCase {
    private final DifferentialRanking ranking;
    private final RankingRenderer renderer;
    private Model rdf;

    RankedCase(DifferentialRanking ranking, RankingRenderer renderer) {
        this.ranking = ranking;
        this.renderer = renderer;
    }

    public DifferentialRanking ranking() {
        return ranking;
    }

    public PatientCase patientCase() {
        return ranking.patientCase();
    }

    /**
     * The case and its ranking as RDF (see {@link RankingGraph}), built on the first call; every
     * call returns the same model, which callers must not change.
     */
    public synchronized Model rdf() {
        if (rdf == null) rdf = renderer.graph().toModel(ranking);
        return rdf;
    }

    /** The full ranking as a JSON tree (see {@link RankingJson}), new on every call. */
    public ObjectNode json() {
        return renderer.json().toJson(ranking);
    }

    /**
     * Writes the ranking as one JSON object to {@code out}, in full or as a summary, pretty (as the
     * command line prints it) or on one line, streamed: no tree, no text of the whole answer. Writes
     * nothing after the object, does not flush or close {@code out}.
     */
    public void writeJson(OutputStream out, RankingDetail detail, boolean pretty) throws IOException {
        try (JsonGenerator g = RankingJson.generator(out, pretty)) {
            renderer.json().write(ranking, detail, g);
        }
    }

    /** The ranking in a format, as the text the command line prints and HTTP sends. */
    public String render(RankingFormat format) {
        StringWriter text = new StringWriter();
        switch (format) {
            case TABLE -> renderer.table().write(ranking, new PrintWriter(text));
            case JSON -> text.write(json(RankingDetail.FULL));
            case TTL -> {
                // the case as read, as comments: Turtle has no place for it that a parser would keep
                for (String line : CaseReadingText.lines(patientCase())) text.write("# " + line + "\n");
                RDFDataMgr.write(text, rdf(), Lang.TURTLE);
            }
        }
        return text.toString();
    }

    /** The ranking as pretty JSON text in full or as a summary, ending with a newline. */
    public String json(RankingDetail detail) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        try {
            writeJson(bytes, detail, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8) + System.lineSeparator();
    }

    /** Prints {@link #render} to {@code out} and flushes it. */
    public void write(RankingFormat format, PrintWriter out) {
        out.print(render(format));
        out.flush();
    }
}
