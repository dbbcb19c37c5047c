package org.aspskg.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.AspsKgException;

/**
 * The operation behind {@code asps-kg release}: every artefact a consumer of an OBO ontology looks
 * for, in one directory, with a {@code SHA256SUMS} file that {@code sha256sum -c} checks. The
 * directory is written in full beside the target and swapped in only when complete; a directory
 * that holds something other than an earlier release is never replaced.
 */
public final class Release {
    /** The checksum file, in sha256sum's format ("hex  name"). */
    public static final String CHECKSUMS = "SHA256SUMS";
    /** Where {@code asps-kg release} writes by default. */
    public static final Path DEFAULT_DIR = Path.of("target", "release");

    /** An artefact of the release: which one, in which format. */
    public record Item(Artefact artefact, ExportFormat format) {
        public String fileName() {
            return artefact.fileName(format);
        }
    }

    /** asps.owl, asps-base.owl, asps-full.owl, asps.ttl, asps.jsonld, asps.obo, asps.json (plus the mapping set). */
    public static final List<Item> ITEMS = List.of(
            new Item(Artefact.MAIN, ExportFormat.RDFXML),
            new Item(Artefact.BASE, ExportFormat.RDFXML),
            new Item(Artefact.FULL, ExportFormat.RDFXML),
            new Item(Artefact.MAIN, ExportFormat.TTL),
            new Item(Artefact.MAIN, ExportFormat.JSONLD),
            new Item(Artefact.MAIN, ExportFormat.OBO),
            new Item(Artefact.MAIN, ExportFormat.OBOGRAPHS));

    private Release() {}

    /** Writes the release into {@code dir}; returns the files written, checksum file last. */
    public static List<ArtefactWriter.Written> write(ReleaseSources sources, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        requireReplaceable(target);
        Path staging;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-staging-");
            readableByAll(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot prepare the release directory", e);
        }
        try {
            List<ArtefactWriter.Written> written = new ArrayList<>();
            for (Item item : ITEMS) {
                ArtefactWriter.Written w =
                        ArtefactWriter.write(sources, item.artefact(), item.format(), staging.resolve(item.fileName()));
                written.add(new ArtefactWriter.Written(target.resolve(item.fileName()), w.statements(), w.unit()));
            }
            if (sources.mappingSet().isPresent()) {
                Path sssom = sources.mappingSet().get();
                String name = sssom.getFileName().toString(); // a path inside a jar too
                Files.copy(sssom, staging.resolve(name));
                written.add(new ArtefactWriter.Written(
                        target.resolve(name), sources.mappings().size(), "triples in the mappings graph"));
            }
            List<String> names = written.stream()
                    .map(w -> w.file().getFileName().toString())
                    .sorted()
                    .toList();
            Files.write(
                    staging.resolve(CHECKSUMS),
                    names.stream()
                            .map(n -> sha256(staging.resolve(n)) + "  " + n)
                            .toList());
            written.add(new ArtefactWriter.Written(target.resolve(CHECKSUMS), names.size(), "checksums"));
            swapIn(staging, target);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": the release could not be written", e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * The release's files and their bytes, checksum file last, as {@link #write} makes them: written into
     * a temporary directory, read back and the directory deleted. What {@code asps-kg serve} offers under
     * {@code /release/}.
     */
    public static Map<String, byte[]> contents(ReleaseSources sources) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("asps-kg-release-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the release", e);
        }
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (ArtefactWriter.Written w : write(sources, tmp.resolve("release"))) {
                files.put(w.file().getFileName().toString(), Files.readAllBytes(w.file()));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("the release written in " + tmp + " could not be read back", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A temporary directory is private (rwx------); a release directory is read by everyone. */
    private static void readableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the default ACLs apply
        }
    }

    private static void requireReplaceable(Path target) {
        if (!Files.exists(target)) return;
        if (!Files.isDirectory(target)) {
            throw new AspsKgException(target + " exists and is not a directory", "Choose another --out directory.");
        }
        try (Stream<Path> entries = Files.list(target)) {
            boolean empty = entries.findAny().isEmpty();
            if (!empty && !Files.exists(target.resolve(CHECKSUMS))) {
                throw new AspsKgException(
                        target + " holds files that are not an asps-kg release (no " + CHECKSUMS + ")",
                        "Choose another --out directory, or empty this one; a release replaces its whole directory.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void swapIn(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + "-previous-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        if (old != null) deleteQuietly(old);
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left for the next release to replace
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
