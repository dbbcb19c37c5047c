package org.aspskg.store;

import java.nio.file.Path;
import org.aspskg.ontology.OntologyLoader;

/** One built store per test JVM, shared by tests that only read it (a build takes a few seconds). */
public final class TestStores {
    private static Path shared;

    private TestStores() {}

    /** The store as `asps-kg build` makes it (ontology and mapping set), in a temporary directory, deleted when the JVM exits. */
    public static synchronized Path sharedStore() {
        if (shared == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("asps-kg-store-");
                shared = dir.resolve("tdb2");
                StandardBuild.of(OntologyLoader.DEFAULT_ONTOLOGY, shared).build();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> StoreDirectory.deleteQuietly(dir)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }
}
