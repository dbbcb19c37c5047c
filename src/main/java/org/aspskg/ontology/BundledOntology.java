package org.aspskg.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.AspsKgException;

/**
 * The ontology of the build, bundled in the jar ({@code org/aspskg/bundled/ontology/}: the edit source with
 * its modules, tables and imports, the case shapes, the mapping set), so that {@code java -jar asps-kg.jar
 * ddx case.json} works from any directory. {@link #locate} leaves every path that exists as it is and
 * replaces only a default path ({@code ontology/…}, relative) that the working directory lacks by its
 * bundled copy, extracted once per run to a temporary directory that is deleted when the JVM exits.
 */
public final class BundledOntology {
    /** Where the bundle lives on the class path. */
    static final String RESOURCE = "/org/aspskg/bundled/ontology";
    /** The directory the default paths are relative to. */
    static final Path DEFAULT_ROOT = Path.of("ontology");

    private static Path extracted;

    private BundledOntology() {}

    /**
     * The path to read: {@code requested} when it exists or is not under the default {@code ontology/}
     * directory (relative), else the same file of the bundled ontology. If there is no bundle (running from
     * the sources without a build) the requested path is returned and its reader reports it missing.
     */
    public static Path locate(Path requested) {
        if (Files.exists(requested) || requested.isAbsolute() || !requested.startsWith(DEFAULT_ROOT)) return requested;
        Path root = extractedRoot();
        if (root == null) return requested;
        Path bundled = root.resolve(DEFAULT_ROOT.relativize(requested).toString());
        return Files.exists(bundled) ? bundled : requested;
    }

    /**
     * A file of the bundle, {@code relative} to {@code ontology/} (e.g. {@code shapes/case-shapes.ttl}),
     * read from the class path; null when there is no bundle or no such file.
     */
    public static InputStream open(String relative) {
        return BundledOntology.class.getResourceAsStream(RESOURCE + "/" + relative);
    }

    /** The extracted bundle's root directory (the counterpart of {@code ontology/}), or null without a bundle. */
    static synchronized Path extractedRoot() {
        if (extracted != null) return extracted;
        URL url = BundledOntology.class.getResource(RESOURCE);
        if (url == null) return null;
        try {
            Path target = Files.createTempDirectory("asps-kg-ontology-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = jarFileSystem(uri)) {
                    copy(jar.provider().getPath(uri), target);
                } catch (UnsupportedOperationException e) {
                    // the default file system's jar is open elsewhere and cannot be closed: copy without closing
                    copy(Path.of(uri), target);
                }
            } else {
                copy(Path.of(uri), target);
            }
            extracted = target;
            return target;
        } catch (IOException | URISyntaxException e) {
            throw new AspsKgException(
                    "cannot extract the bundled ontology: " + e.getMessage(),
                    "Run from the project root, or pass --ontology and --shapes.",
                    e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            throw new UnsupportedOperationException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.toList();
        }
        for (Path f : files) {
            Path rel = from.relativize(f);
            Path dest = to.resolve(rel.toString());
            if (Files.isDirectory(f)) {
                Files.createDirectories(dest);
            } else {
                Files.createDirectories(dest.getParent());
                try (InputStream in = Files.newInputStream(f)) {
                    Files.copy(in, dest);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            // leaving a temporary copy behind harms nothing
        }
    }
}
