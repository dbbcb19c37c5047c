package org.aspskg.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;

/**
 * A deterministic synthetic data set of exactly N triples for the load and serve benchmarks: copies
 * of the ontology's statement nodes ({@code fact:…}, each a disease–feature association or another
 * sourced statement with its label, weight and references), renamed
 * {@code synthetic:<copy>/<fact-name>}. Copies point at the real diseases, findings and references,
 * so queries over them join with the ontology as case data will.
 *
 * <p>Used by the serve benchmark's {@code --serve-triples}; the load benchmark loads the synthetic
 * case cohort ({@code asps-kg generate}) instead.
 */
public final class SyntheticStatements {
    private final List<Template> templates;

    private record Template(String localName, List<Triple> triples) {}

    private SyntheticStatements(List<Template> templates) {
        this.templates = templates;
    }

    /** The statement nodes of an ontology, in IRI order, as templates. */
    public static SyntheticStatements from(Model ontology) {
        List<Template> templates = new ArrayList<>();
        ontology.getGraph().find().toList().stream()
                .filter(t -> t.getSubject().isURI() && t.getSubject().getURI().startsWith(AspsVocabulary.FACT_NS))
                .sorted(Comparator.comparing((Triple t) -> t.getSubject().getURI())
                        .thenComparing(t -> t.getPredicate().getURI())
                        .thenComparing(t -> t.getObject().toString()))
                .forEach(t -> {
                    String local = t.getSubject().getURI().substring(AspsVocabulary.FACT_NS.length());
                    if (templates.isEmpty()
                            || !templates.get(templates.size() - 1).localName().equals(local)) {
                        templates.add(new Template(local, new ArrayList<>()));
                    }
                    templates.get(templates.size() - 1).triples().add(t);
                });
        if (templates.isEmpty()) {
            throw new AspsKgException(
                    "the ontology has no statement nodes under " + AspsVocabulary.FACT_NS,
                    "The synthetic benchmark data are copies of them.");
        }
        return new SyntheticStatements(templates);
    }

    /** Writes exactly {@code triples} triples as N-Triples; the same count gives the same bytes. */
    public void writeNTriples(long triples, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
            stream.start();
            emit(triples, stream);
            stream.finish();
        }
    }

    /** Sends exactly {@code triples} triples to a stream. */
    public void emit(long triples, StreamRDF stream) {
        long written = 0;
        for (long copy = 0; written < triples; copy++) {
            for (Template template : templates) {
                Node subject = NodeFactory.createURI(BenchVocabulary.SYNTHETIC_NS + copy + "/" + template.localName());
                for (Triple t : template.triples()) {
                    if (written == triples) return;
                    stream.triple(Triple.create(subject, t.getPredicate(), t.getObject()));
                    written++;
                }
            }
        }
    }
}
