package org.aspskg.cli;

import java.nio.file.Path;
import org.aspskg.ontology.BundledOntology;
import org.aspskg.ontology.OntologyLoader;
import picocli.CommandLine.Option;

/**
 * {@code --ontology}, for the commands that read the ontology itself (the commands that build or open
 * the store take it from {@link StoreOptions}). A command whose help words it differently says so in
 * {@code options.properties}.
 */
final class OntologyOption {
    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology (default: ${DEFAULT-VALUE}).")
    Path file = OntologyLoader.DEFAULT_ONTOLOGY;

    /** The file to read: the one given, or the jar's bundled copy when the default is not in the working directory. */
    Path file() {
        return BundledOntology.locate(file);
    }
}
