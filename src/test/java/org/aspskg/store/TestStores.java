package org.aspskg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.system.Txn;
import org.aspskg.ontology.OntologyLoader;

/**
 * Stores for tests: one built store per test JVM, shared by tests that only read it (a build takes a
 * few seconds), and snapshots of a store's named graphs to check that it changed, or did not.
 */
public final class TestStores {
    private static Path shared;

    private TestStores() {}

    /** The store as `asps-kg build` makes it (ontology and mapping set), in a temporary directory, deleted when the JVM exits. */
    public static synchronized Path sharedStore() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("asps-kg-store-");
                shared = dir.resolve("tdb2");
                StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, shared).build();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> StoreDirectory.deleteQuietly(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * A copy of {@link #sharedStore()} at {@code target} (a store of its own, for a test that writes
     * to it or checks it byte for byte), without building again.
     */
    public static Path copyOfShared(Path target) {
        Path from = sharedStore();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Every named graph of the store, copied into memory. */
    public static Map<String, Model> snapshot(Path store) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return Txn.calculateRead(kg.dataset(), () -> {
                Map<String, Model> graphs = new TreeMap<>();
                kg.dataset().listModelNames().forEachRemaining(r -> {
                    Model copy = ModelFactory.createDefaultModel();
                    copy.add(kg.dataset().getNamedModel(r));
                    graphs.put(r.getURI(), copy);
                });
                return graphs;
            });
        }
    }

    /** The same named graphs, each isomorphic to its counterpart. */
    public static void assertSameGraphs(Map<String, Model> expected, Map<String, Model> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((g, m) -> assertTrue(m.isIsomorphicWith(actual.get(g)), "graph " + g + " differs"));
    }

    /**
     * Every file under a directory (relative path, in order) with the SHA-256 of its bytes: two equal
     * results mean the tree was left byte for byte as it was.
     */
    public static Map<String, String> fileDigests(Path dir) {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    digests.put(rel + "/", "dir");
                } else {
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                    digests.put(rel, HexFormat.of().formatHex(hash));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }
}
