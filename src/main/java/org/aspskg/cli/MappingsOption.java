package org.aspskg.cli;

import java.nio.file.Path;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.BundledOntology;
import picocli.CommandLine.Option;

/**
 * {@code --mappings}: the SSSOM mapping set. Unless a command gives a default of its own, the set is
 * {@code mappings/asps.sssom.tsv} beside the ontology.
 */
final class MappingsOption {
    @Option(
            names = "--mappings",
            paramLabel = "FILE",
            description = "Mapping set (default: mappings/asps.sssom.tsv beside the ontology).")
    Path file;

    MappingsOption() {}

    /** The option with a fixed default, shown in the help as its default value. */
    MappingsOption(Path defaultFile) {
        this.file = defaultFile;
    }

    /**
     * The mapping set given (a default path the working directory lacks read from the jar's bundle), else the
     * one beside {@code ontology} when there is no fixed default.
     */
    Path fileFor(Path ontology) {
        return file != null ? BundledOntology.locate(file) : SssomReader.mappingSetFor(ontology);
    }
}
