package org.aspskg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aspskg.AspsKgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a TDB2 store lives and how a new build replaces it. A build writes into a fresh sibling
 * directory ({@code NAME.staging-*}); only a finished build is moved into place, so a failed or
 * interrupted build never leaves a half-written store. The old store is first renamed to
 * {@code NAME.previous-*} and deleted after the new one is in place; {@link #recover()} puts it back
 * if the process died between the two renames.
 */
public final class StoreDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);
    private static final String STAGING = ".staging-";
    private static final String PREVIOUS = ".previous-";
    /** The file TDB2 locks while a process has the database open. */
    private static final String TDB2_LOCK_FILE = "tdb.lock";
    /**
     * The file a finished build leaves in the store: proof that asps-kg made the directory, so a
     * rebuild may replace it. A directory without it is never replaced or written into.
     */
    public static final String MARKER_FILE = "asps-kg-store.txt";
    /** What a TDB2 database directory holds (stores built before the marker existed hold only these). */
    private static final Pattern TDB2_ENTRY = Pattern.compile("tdb\\.lock|Data-\\d{4}|Backups");

    private final Path dir;

    public StoreDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    /** True when a finished store is in place. */
    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /**
     * True when the directory is a store that asps-kg made: it has the {@link #MARKER_FILE}, or (a store
     * built by an earlier version) it holds nothing but a TDB2 database.
     */
    public boolean isStore() {
        if (!Files.isDirectory(dir)) return false;
        if (Files.isRegularFile(dir.resolve(MARKER_FILE))) return true;
        List<String> entries = entries();
        return entries.stream().anyMatch(e -> e.startsWith("Data-"))
                && entries.stream().allMatch(e -> TDB2_ENTRY.matcher(e).matches());
    }

    /**
     * Refuses a location that a build must not replace: a file, or a directory that is neither empty
     * nor a store asps-kg made. Replacing it would delete whatever it holds.
     */
    public void requireReplaceable() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AspsKgException(
                    dir + " is a file, not a store directory",
                    "Give --store a directory that does not exist yet, e.g. --store data/tdb2.");
        }
        if (!exists() || isStore()) return;
        List<String> entries = entries();
        if (entries.isEmpty()) return;
        String sample =
                String.join(", ", entries.subList(0, Math.min(3, entries.size()))) + (entries.size() > 3 ? ", …" : "");
        throw new AspsKgException(
                dir + " is not an asps-kg store (it holds " + entries.size()
                        + (entries.size() == 1 ? " entry: " : " entries: ") + sample
                        + "); a build replaces its store directory, so it only writes into an empty or new directory or a store it made",
                "Nothing was changed. Give --store a new or empty directory (the default is data/tdb2).");
    }

    /** Refuses to open a directory that is not a store, so that TDB2 does not write its files into it. */
    public void requireStore() {
        if (!exists()) {
            throw new AspsKgException("no store at " + dir, "Run 'asps-kg build' first.");
        }
        if (!isStore()) {
            throw new AspsKgException(
                    dir + " is not an asps-kg store",
                    "Nothing was changed. Point --store at a store made by 'asps-kg build' (the default is data/tdb2).");
        }
    }

    /** Marks a finished build as a store asps-kg made (see {@link #MARKER_FILE}). */
    static void mark(Path builtStore) {
        try {
            Files.writeString(
                    builtStore.resolve(MARKER_FILE),
                    "A TDB2 store built by asps-kg ('asps-kg build'); a rebuild replaces this whole directory.\n");
        } catch (IOException e) {
            throw new AspsKgException(
                    "cannot write " + builtStore.resolve(MARKER_FILE) + ": " + e.getMessage(),
                    "Check that the directory is writable.",
                    e);
        }
    }

    private List<String> entries() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AspsKgException("cannot read " + dir + ": " + e.getMessage(), "Check its permissions.", e);
        }
    }

    /** A new, empty directory next to the store for a build to write into. */
    public Path newStaging() {
        try {
            Files.createDirectories(dir.getParent());
            return Files.createTempDirectory(dir.getParent(), dir.getFileName() + STAGING);
        } catch (IOException e) {
            throw new AspsKgException(
                    "cannot create a build directory next to " + dir + ": " + e.getMessage(),
                    "Check that the parent directory is writable.",
                    e);
        }
    }

    /**
     * Moves a finished build into place. Refuses while another process (or this one) has the current
     * store open, so a running server never has its files replaced underneath it.
     */
    public void swapIn(Path staging) {
        requireNotInUse();
        requireReplaceable();
        mark(staging);
        Path previous = null;
        try {
            if (exists()) {
                previous = dir.resolveSibling(dir.getFileName() + PREVIOUS + System.currentTimeMillis());
                Files.move(dir, previous, StandardCopyOption.ATOMIC_MOVE);
                pauseForCrashTest(previous);
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AspsKgException(
                    "cannot move the new store into " + dir + ": " + e.getMessage(),
                    "The previous store is kept; run the build again.",
                    e);
        }
        if (previous != null) deleteQuietly(previous);
    }

    /**
     * The crash tests' window into the swap: with the system property {@value #CRASH_TEST_PAUSE} set to
     * a number of milliseconds, the swap says so on stderr and waits that long between moving the old
     * store aside and moving the new one in — the one moment a kill leaves no store at {@code dir}
     * (which {@link #recover} repairs). Unset, it does nothing.
     */
    public static final String CRASH_TEST_PAUSE = "asps-kg.crash-test.swap-pause-ms";

    private static void pauseForCrashTest(Path previous) {
        long ms = Long.getLong(CRASH_TEST_PAUSE, 0);
        if (ms <= 0) return;
        System.err.println("swap: previous store moved to " + previous);
        System.err.flush();
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Repairs what a crash can leave: a store renamed away but not replaced is put back, and
     * abandoned staging directories are deleted. Safe to call before every open.
     */
    public void recover() {
        List<Path> previous = siblings(PREVIOUS);
        if (!exists() && !previous.isEmpty()) {
            Path newest = previous.get(previous.size() - 1);
            try {
                Files.move(newest, dir, StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("restored the store {} from {} (a build was interrupted while swapping)", dir, newest);
            } catch (IOException e) {
                throw new AspsKgException(
                        "cannot restore " + dir + " from " + newest + ": " + e.getMessage(),
                        "Rename " + newest + " to " + dir + " by hand.",
                        e);
            }
        }
        siblings(PREVIOUS).forEach(StoreDirectory::deleteQuietly);
        siblings(STAGING).stream().filter(p -> !isLocked(p)).forEach(StoreDirectory::deleteQuietly);
    }

    /** Throws when some process has the store open (TDB2 holds an OS lock on {@code tdb.lock}). */
    public void requireNotInUse() {
        if (exists() && isLocked(dir)) {
            throw new AspsKgException(
                    "the store " + dir + " is open in a running process (asps-kg serve?)",
                    "Stop that process first, or build into another directory with --store.");
        }
    }

    private static boolean isLocked(Path store) {
        Path lockFile = store.resolve(TDB2_LOCK_FILE);
        if (!Files.exists(lockFile)) return false;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM holds it
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> siblings(String marker) {
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) return List.of();
        String prefix = dir.getFileName() + marker;
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree, logging (not throwing) what cannot be deleted. */
    public static void deleteQuietly(Path tree) {
        if (!Files.exists(tree)) return;
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", tree, e.getMessage());
        }
    }
}
