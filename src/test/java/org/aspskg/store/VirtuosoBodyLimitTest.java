package org.aspskg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtuoso 7.2 answers a PUT whose body is larger than 2^31 - 1 bytes with 201 and stores nothing. The push
 * refuses such a graph before sending it, saying why, instead of reporting a push that stored nothing; a
 * graph within the limit is sent as before. (The limit is lowered here so that a small graph exceeds it.)
 */
class VirtuosoBodyLimitTest {
    private static final String GRAPH = "http://example.org/g";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> puts = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aGraphLargerThanVirtuosoStoresIsRefusedBeforeAnythingIsSentAndASmallerOneIsSent() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Server", "Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu");
            if (ex.getRequestMethod().equals("PUT")) {
                puts.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                ex.sendResponseHeaders(201, -1);
            } else {
                ex.sendResponseHeaders(200, -1);
            }
            ex.close();
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/sparql-graph-crud";

        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            Node g = NodeFactory.createURI(GRAPH);
            Txn.executeWrite(store.datasetGraph(), () -> {
                for (int i = 0; i < 50; i++) {
                    store.datasetGraph()
                            .add(
                                    g,
                                    NodeFactory.createURI("http://example.org/s" + i),
                                    NodeFactory.createURI("http://example.org/p"),
                                    NodeFactory.createLiteralString("value " + i));
                }
            });

            GraphStorePush limited = new GraphStorePush(endpoint, null);
            limited.virtuosoMaxBody = 1_000;
            AspsKgException refused = assertThrows(AspsKgException.class, () -> limited.push(store, List.of(GRAPH)));
            assertTrue(
                    refused.getMessage().contains("more than the 1,000 bytes Virtuoso stores"), refused.getMessage());
            assertTrue(refused.getMessage().contains("nothing of this graph was sent"), refused.getMessage());
            assertEquals(List.of(), puts, "no PUT reached the server");

            List<GraphStorePush.Pushed> sent = new GraphStorePush(endpoint, null).push(store, List.of(GRAPH));
            assertEquals(50, sent.get(0).triples());
            assertEquals(1, puts.size());
            assertEquals(50, puts.get(0).lines().count());
        }
    }
}
