package org.aspskg.serve.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.jena.atlas.web.AuthScheme;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;

/**
 * A running server that allows writes for one user (HTTP Basic), on a copy of the shared test store in
 * {@code dir}: for the web tests of what only a writable server offers. Closing it stops the server and
 * closes the store.
 */
final class WritableServer implements AutoCloseable {
    private final KnowledgeGraphStore store;
    private final KnowledgeGraphServer server;
    private final String user;
    private final String password;

    private WritableServer(KnowledgeGraphStore store, KnowledgeGraphServer server, String user, String password) {
        this.store = store;
        this.server = server;
        this.user = user;
        this.password = password;
    }

    static WritableServer start(Path dir, String user, String password) throws IOException {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, user + ": " + password + "\n");
        KnowledgeGraphStore store = KnowledgeGraphStore.open(TestStores.copyOfShared(dir.resolve("store")));
        try {
            KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                    .port(0)
                    .differential(TestKnowledge.pipeline())
                    .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
                    .build()
                    .start();
            return new WritableServer(store, server, user, password);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The value of an {@code Authorization} header that logs the user in. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            store.close();
        }
    }
}
