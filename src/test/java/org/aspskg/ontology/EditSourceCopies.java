package org.aspskg.ontology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's edit source copied into a temporary directory, for tests that edit it or its tables. */
final class EditSourceCopies {
    private EditSourceCopies() {}

    /**
     * Copies {@code asps-edit.ofn}, the modules it imports (the case model, the anatomy bridge and the UBERON import)
     * and the given files (relative to {@code ontology/}) into
     * {@code dir/ontology}, creates {@code tables/}, and returns the copied edit source.
     */
    static Path copy(Path dir, Path... extra) throws IOException {
        Path from = OntologyLoader.DEFAULT_ONTOLOGY.toAbsolutePath().getParent();
        Path to = dir.resolve("ontology");
        List<Path> files = new ArrayList<>(List.of(
                Path.of("asps-edit.ofn"),
                Path.of("modules/case-model.ofn"),
                Path.of("modules/anatomy-bridge.ofn"),
                Path.of("imports/uberon-import.ttl")));
        files.addAll(List.of(extra));
        for (Path rel : files) {
            Files.createDirectories(to.resolve(rel).getParent());
            Files.copy(from.resolve(rel), to.resolve(rel));
        }
        Files.createDirectories(to.resolve("tables"));
        return to.resolve("asps-edit.ofn");
    }
}
