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

    /** A new, empty directory next to the store for a build to write into. */
    public Path newStaging() {
        try {
            Files.createDirectories(dir.getParent());
            return Files.createTempDirectory(dir.getParent(), dir.getFileName() + STAGING);
        } catch (IOException e) {
            throw new AspsKgException("cannot create a build directory next to " + dir + ": " + e.getMessage(),
                    "Check that the parent directory is writable.", e);
        }
    }

    /**
     * Moves a finished build into place. Refuses while another process (or this one) has the current
     * store open, so a running server never has its files replaced underneath it.
     */
    public void swapIn(Path staging) {
        requireNotInUse();
        Path previous = null;
        try {
            if (exists()) {
                previous = dir.resolveSibling(dir.getFileName() + PREVIOUS + System.currentTimeMillis());
                Files.move(dir, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AspsKgException("cannot move the new store into " + dir + ": " + e.getMessage(),
                    "The previous store is kept; run the build again.", e);
        }
        if (previous != null) deleteQuietly(previous);
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
                throw new AspsKgException("cannot restore " + dir + " from " + newest + ": " + e.getMessage(),
                        "Rename " + newest + " to " + dir + " by hand.", e);
            }
        }
        siblings(PREVIOUS).forEach(StoreDirectory::deleteQuietly);
        siblings(STAGING).stream().filter(p -> !isLocked(p)).forEach(StoreDirectory::deleteQuietly);
    }

    /** Throws when some process has the store open (TDB2 holds an OS lock on {@code tdb.lock}). */
    public void requireNotInUse() {
        if (exists() && isLocked(dir)) {
            throw new AspsKgException("the store " + dir + " is open in a running process (asps-kg serve?)",
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
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
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
