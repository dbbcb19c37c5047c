package org.aspskg.cli;

import java.nio.file.Path;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ontology.BundledOntology;
import picocli.CommandLine.Option;

/** {@code --shapes}: the SHACL shapes patient cases are checked with. */
final class ShapesOption {
    @Option(names = "--shapes", paramLabel = "FILE", description = "SHACL case shapes (default: ${DEFAULT-VALUE}).")
    Path file = DdxKnowledge.DEFAULT_SHAPES;

    /** The file to read: the one given, or the jar's bundled copy when the default is not in the working directory. */
    Path file() {
        return BundledOntology.locate(file);
    }
}
