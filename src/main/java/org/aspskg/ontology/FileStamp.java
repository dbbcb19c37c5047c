package org.aspskg.ontology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file as a cache key: its absolute path, modification time and size ({@code -1} for a file that
 * cannot be read), so that what was compiled from a file is reused only while the file is unchanged.
 */
public record FileStamp(Path path, long modified, long size) {
    public static FileStamp of(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        try {
            return new FileStamp(absolute, Files.getLastModifiedTime(p).toMillis(), Files.size(p));
        } catch (IOException e) {
            return new FileStamp(absolute, -1, -1);
        }
    }

    /** True when the file could not be read when stamped. */
    public boolean missing() {
        return modified < 0;
    }
}
