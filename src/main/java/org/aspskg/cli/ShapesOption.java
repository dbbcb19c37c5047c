package org.aspskg.cli;

import java.nio.file.Path;
import org.aspskg.ddx.DdxKnowledge;
import picocli.CommandLine.Option;

/** {@code --shapes}: the SHACL shapes patient cases are checked with. */
final class ShapesOption {
    @Option(names = "--shapes", paramLabel = "FILE", description = "SHACL case shapes (default: ${DEFAULT-VALUE}).")
    Path file = DdxKnowledge.DEFAULT_SHAPES;
}
