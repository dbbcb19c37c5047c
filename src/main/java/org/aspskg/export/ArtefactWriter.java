package org.aspskg.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.RIOT;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.FunctionalSyntaxDocumentFormat;
import org.semanticweb.owlapi.formats.ManchesterSyntaxDocumentFormat;
import org.semanticweb.owlapi.formats.OWLXMLDocumentFormat;
import org.semanticweb.owlapi.formats.PrefixDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.StreamDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLOntologyStorageException;

/** Writes one artefact in one format to a file; returns what was written, for the command to print. */
public final class ArtefactWriter {
    /** A written file: its path and size in triples (quads for quad formats) or OWL axioms. */
    public record Written(Path file, long statements, String unit) {}

    /**
     * Turtle and TriG with "@prefix" directives: Jena writes SPARQL-style "PREFIX" by default, which
     * the OWL API's Turtle parser (Protégé, ROBOT) does not read.
     */
    private static final String AT_PREFIX = "at";

    private ArtefactWriter() {}

    /** Writes into a temporary file beside {@code file} and moves it into place, so a failure leaves no half file. */
    public static Written write(ReleaseSources sources, Artefact artefact, ExportFormat format, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Written written;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                written = switch (format.writer()) {
                    case JENA ->
                        format.quads()
                                ? writeQuads(sources, artefact, format, file, out)
                                : writeTriples(sources.model(artefact), format, file, out);
                    case JSONLD -> {
                        Model model = sources.model(artefact);
                        JsonLdWriter.write(model, out);
                        yield new Written(file, model.size(), "triples");
                    }
                    case OWLAPI -> writeOwl(sources.model(artefact), format, file, out);
                };
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be written", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the file was moved or never written
            }
        }
    }

    private static Written writeTriples(Model model, ExportFormat format, Path file, OutputStream out) {
        RDFFormat rdf = switch (format) {
            case TTL -> RDFFormat.TURTLE_PRETTY;
            case RDFXML -> RDFFormat.RDFXML_PRETTY;
            case NT -> RDFFormat.NTRIPLES;
            default -> throw new IllegalArgumentException(format.name());
        };
        RDFWriter.source(model)
                .format(rdf)
                .set(RIOT.symTurtleDirectiveStyle, AT_PREFIX)
                .output(out);
        return new Written(file, model.size(), "triples");
    }

    private static Written writeQuads(
            ReleaseSources sources, Artefact artefact, ExportFormat format, Path file, OutputStream out) {
        var dataset = sources.dataset(artefact);
        RDFWriter.source(dataset.asDatasetGraph())
                .format(format == ExportFormat.TRIG ? RDFFormat.TRIG_PRETTY : RDFFormat.NQUADS)
                .set(RIOT.symTurtleDirectiveStyle, AT_PREFIX)
                .output(out);
        long quads = dataset.asDatasetGraph().stream().count();
        return new Written(file, quads, "quads");
    }

    /** The graph read by the OWL API (through Turtle in memory) and saved in an OWL syntax, OBO or OBO Graphs JSON. */
    private static Written writeOwl(Model model, ExportFormat format, Path file, OutputStream out) throws IOException {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = toOwl(model, manager);
        if (format == ExportFormat.OBO) {
            OboWriter.write(ontology, out);
            return new Written(file, ontology.getAxiomCount(), "axioms");
        }
        if (format == ExportFormat.OBOGRAPHS) {
            OboGraphWriter.write(ontology, out);
            return new Written(file, ontology.getAxiomCount(), "axioms");
        }
        PrefixDocumentFormat owlFormat = switch (format) {
            case OWX -> new OWLXMLDocumentFormat();
            case OFN -> new FunctionalSyntaxDocumentFormat();
            case OMN -> new ManchesterSyntaxDocumentFormat();
            default -> throw new IllegalArgumentException(format.name());
        };
        for (Map.Entry<String, String> p : AspsVocabulary.STANDARD_PREFIXES.entrySet()) {
            owlFormat.setPrefix(p.getKey() + ":", p.getValue());
        }
        owlFormat.setDefaultPrefix(AspsVocabulary.NS);
        try {
            manager.saveOntology(ontology, owlFormat, out);
        } catch (OWLOntologyStorageException e) {
            throw new IOException("the OWL API could not write " + format.description() + ": " + e.getMessage(), e);
        }
        return new Written(file, ontology.getAxiomCount(), "axioms");
    }

    /** Loads a Jena graph into the OWL API. */
    public static OWLOntology toOwl(Model model, OWLOntologyManager manager) {
        ByteArrayOutputStream turtle = new ByteArrayOutputStream();
        RDFWriter.source(model)
                .format(RDFFormat.TURTLE_BLOCKS)
                .set(RIOT.symTurtleDirectiveStyle, AT_PREFIX)
                .output(turtle);
        try {
            return manager.loadOntologyFromOntologyDocument(new StreamDocumentSource(
                    new ByteArrayInputStream(turtle.toByteArray()),
                    IRI.create(AspsVocabulary.NS + "export"),
                    new TurtleDocumentFormat(),
                    "text/turtle"));
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException("the OWL API could not read the graph: " + e.getMessage(), e);
        }
    }
}
