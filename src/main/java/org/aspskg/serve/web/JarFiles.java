package org.aspskg.serve.web;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Files the build copies into the jar from the project (the query library, the mapping set), read
 * through a {@link Path} so that the project's own readers ({@code QueryLibrary}, {@code SssomReader})
 * read them as they read the files on disk.
 */
final class JarFiles {
    static final String ROOT = "org/aspskg/serve/web/";

    private JarFiles() {}

    /** Applies {@code read} to {@code name} under {@link #ROOT} in the jar (or in target/classes). */
    static <T> T read(String name, Function<Path, T> read) {
        try {
            Path where = Path.of(JarFiles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(where)) return read.apply(where.resolve(ROOT + name));
            try (FileSystem jar = FileSystems.newFileSystem(where)) {
                return read.apply(jar.getPath(ROOT + name));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read " + name + " inside the jar", e);
        }
    }
}
