package org.aspskg.ontology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.AspsKgException;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.StringDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.util.SimpleIRIMapper;

/**
 * Reads the ontology source. RDF syntax is checked first with Jena, whose parser reports
 * file, line and column; only a file that parses is handed to the OWL API.
 */
public final class OntologyLoader {
    /** The edited ontology, relative to the project root. */
    public static final Path DEFAULT_ONTOLOGY = Path.of("ontology", "asps-edit.ofn");

    private OntologyLoader() {}

    /** Parses an RDF file (language from its extension) into a Jena model, or fails with file:line:col. */
    public static Model readRdf(Path file) {
        if (EditSource.isEditSource(file)) {
            requireReadable(file);
            return EditSource.compiledRdf(file);
        }
        Model model = ModelFactory.createDefaultModel();
        parseRdf(file, StreamRDFLib.graph(model.getGraph()));
        return model;
    }

    /**
     * Streams an RDF file (language from its extension, Turtle when unknown) into a destination
     * without holding it in memory, or fails with file:line:col.
     */
    public static void parseRdf(Path file, StreamRDF destination) {
        requireReadable(file);
        Lang lang = RDFLanguages.filenameToLang(file.toString(), Lang.TURTLE);
        try {
            RDFParser.source(file)
                    .lang(lang)
                    .errorHandler(locatingErrorHandler(file))
                    .parse(destination);
        } catch (LocatedSyntaxError e) {
            throw new AspsKgException(e.getMessage(), "Fix the syntax at that line and run again.", e);
        } catch (RiotException e) {
            throw new AspsKgException(file + ": " + e.getMessage(), "Fix the syntax and run again.", e);
        } catch (StackOverflowError e) {
            // Jena's Turtle parser recurses into ( ) and [ ]; no ontology or case file nests thousands deep
            throw new AspsKgException(
                    file + ": nested too deeply to read (collections or blank nodes inside each other thousands of "
                            + "levels down)",
                    "Check the file: it is not an ontology or case file as people write them.");
        }
    }

    /** The files an ontology is read from: an edit source's inputs (see {@link EditSource}), or the file itself. */
    public static List<Path> sourceFiles(Path file) {
        return EditSource.isEditSource(file) && Files.isRegularFile(file) ? EditSource.inputFiles(file) : List.of(file);
    }

    /** Loads an ontology file into a fresh OWL API manager after an RDF syntax check. */
    public static OWLOntology load(Path file) {
        return load(file, OWLManager.createOWLOntologyManager());
    }

    /**
     * Loads an ontology file into the given manager after an RDF syntax check. Its {@code owl:imports}
     * are resolved only from local files (see {@link LocalImports}), never fetched from the network.
     */
    public static OWLOntology load(Path file, OWLOntologyManager manager) {
        if (EditSource.isEditSource(file)) {
            requireReadable(file);
            String turtle = EditSource.compiledTurtle(file);
            try {
                return manager.loadOntologyFromOntologyDocument(new StringDocumentSource(
                        turtle, IRI.create(file.toAbsolutePath().toUri()), new TurtleDocumentFormat(), null));
            } catch (OWLOntologyCreationException e) {
                throw new AspsKgException(
                        file + ": the OWL API could not load the compiled ontology: " + firstLine(e.getMessage()),
                        "Check the file loads in Protégé or with 'robot convert'.",
                        e);
            }
        }
        Model rdf = readRdf(file);
        LocalImports.resolve(file, rdf)
                .forEach((iri, local) ->
                        manager.getIRIMappers().add(new SimpleIRIMapper(IRI.create(iri), IRI.create(local.toUri()))));
        try {
            return manager.loadOntologyFromOntologyDocument(new FileDocumentSource(file.toFile()));
        } catch (OWLOntologyCreationException e) {
            throw new AspsKgException(
                    file + ": the OWL API could not load the ontology: " + firstLine(e.getMessage()),
                    "Check the file loads in Protégé or with 'robot convert'.",
                    e);
        } catch (RuntimeException e) {
            // RDF that Jena reads but the OWL API's own parser trips over (found by fuzzing: an
            // IllegalStateException "value cannot be null at this stage" from a mangled Turtle list)
            throw new AspsKgException(
                    file + ": the OWL API could not load the ontology: " + firstLine(String.valueOf(e.getMessage())),
                    "Check the file loads in Protégé or with 'robot convert'.",
                    e);
        }
    }

    private static void requireReadable(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new AspsKgException(
                    file + ": no such readable file",
                    "Run from the project root or pass the path of the ontology file.");
        }
        // the parsers decode with replacement; a byte that is not UTF-8 is an error with its place, not a U+FFFD
        sourceFiles(file).stream().filter(Files::isRegularFile).forEach(Utf8Text::requireValid);
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A syntax error with its position, formatted as {@code file:line:col: message}. */
    static final class LocatedSyntaxError extends RuntimeException {
        LocatedSyntaxError(String message) {
            super(message);
        }
    }

    /** Turns Jena's parse errors into {@code file:line:col: message}; warnings are fatal too. */
    private static ErrorHandler locatingErrorHandler(Path file) {
        return new StrictParseErrors((message, line, col) -> {
            String where = line > 0 ? file + ":" + line + (col > 0 ? ":" + col : "") : file.toString();
            return new LocatedSyntaxError(where + ": " + message);
        });
    }
}
