package org.aspskg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph larger than what Virtuoso stores from one request goes in parts: the first with PUT, the rest
 * with POST, each body within the limit and made of whole triples, every blank node's triples in one part;
 * afterwards the remote graph's triples are counted on the SPARQL endpoint and a count other than the local
 * one fails the push. A group of triples joined by a blank node that is larger than the limit is refused
 * before anything is sent, and a connection broken after the first part ends in an error naming the graph
 * and the part. The endpoint here is a loopback stand-in that names itself Virtuoso and keeps the lines it
 * is sent (VirtuosoPushTest does the same against Virtuoso itself); the limit is lowered so that small
 * graphs exceed it.
 */
class GraphStorePartsTest {
    private static final String GRAPH = "http://example.org/g";
    private static final String EX = "http://example.org/";
    private static final int LIMIT = 1_000;

    /** One request the stand-in received: its method and body. */
    private record Request(String method, String body) {}

    /** What the stand-in does with a POST. */
    private enum OnPost {
        STORE,
        ANSWER_201_AND_DROP,
        BREAK_THE_CONNECTION
    }

    @TempDir
    Path tmp;

    private HttpServer server;
    private String endpoint;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> stored = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile OnPost onPost = OnPost.STORE;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sparql-graph-crud", this::graphStore);
        server.createContext("/sparql", this::count);
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/sparql-graph-crud";
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aGraphLargerThanTheLimitGoesInPartsOfWholeTriplesWithEachBlankNodeInOnePartAndIsCounted() {
        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            fillWithTrees(store.datasetGraph(), 40);
            GraphStorePush push = pusher();
            List<GraphStorePush.Pushed> sent = push.push(store, List.of(GRAPH));

            assertEquals(120, sent.get(0).triples());
            assertTrue(requests.size() > 2, "more than two parts: " + requests.size());
            assertEquals(requests.size(), sent.get(0).parts());
            assertEquals("PUT", requests.get(0).method());
            requests.subList(1, requests.size()).forEach(r -> assertEquals("POST", r.method()));
            long bytes = 0;
            Set<String> lines = new HashSet<>();
            List<Set<String>> blankNodesOfEachPart = new ArrayList<>();
            for (Request r : requests) {
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                assertTrue(body.length <= LIMIT, "a part within the limit: " + body.length);
                assertTrue(r.body().endsWith(" .\n"), "a part ends with a whole triple");
                bytes += body.length;
                r.body().lines().forEach(lines::add);
                blankNodesOfEachPart.add(blankNodes(r.body()));
            }
            assertEquals(sent.get(0).bytes(), bytes);
            assertEquals(120, lines.size(), "every triple sent once");
            Set<String> seen = new HashSet<>();
            for (Set<String> part : blankNodesOfEachPart) {
                for (String b : part) assertTrue(seen.add(b), b + " is named in two parts");
            }
            assertEquals(40, seen.size());
            assertTrue(
                    progress.contains("checked <" + GRAPH + ">: " + endpoint.replace("-graph-crud", "")
                            + " counts 120 triples, as local"),
                    String.join("\n", progress));
        }
        assertNoSpoolFileLeft();
    }

    @Test
    void listsOfBlankNodesAndABlankNodeNamingItselfAreNotSplitEither() {
        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            DatasetGraph dsg = store.datasetGraph();
            Node g = NodeFactory.createURI(GRAPH);
            Node first = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#first");
            Node rest = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest");
            Txn.executeWrite(dsg, () -> {
                for (int i = 0; i < 12; i++) {
                    // s_i :members ( "a i" "b i" "c i" ), and one blank node that names itself
                    Node[] cells = {
                        NodeFactory.createBlankNode(), NodeFactory.createBlankNode(), NodeFactory.createBlankNode()
                    };
                    dsg.add(g, NodeFactory.createURI(EX + "s" + i), NodeFactory.createURI(EX + "members"), cells[0]);
                    for (int c = 0; c < 3; c++) {
                        dsg.add(g, cells[c], first, NodeFactory.createLiteralString((char) ('a' + c) + " " + i));
                        dsg.add(
                                g,
                                cells[c],
                                rest,
                                c < 2
                                        ? cells[c + 1]
                                        : NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"));
                    }
                    Node self = NodeFactory.createBlankNode();
                    dsg.add(g, self, NodeFactory.createURI(EX + "same"), self);
                    dsg.add(g, self, NodeFactory.createURI(EX + "of"), NodeFactory.createURI(EX + "s" + i));
                }
            });
            List<GraphStorePush.Pushed> sent = pusher().push(store, List.of(GRAPH));
            assertEquals(12 * 9, sent.get(0).triples());
            assertTrue(requests.size() > 2, "more than two parts: " + requests.size());
            Set<String> seen = new HashSet<>();
            for (Request r : requests) {
                assertTrue(r.body().getBytes(StandardCharsets.UTF_8).length <= LIMIT);
                for (String b : blankNodes(r.body())) assertTrue(seen.add(b), b + " is named in two parts");
            }
            assertEquals(12 * 4, seen.size());
            assertEquals(12 * 9, stored.size());
        }
    }

    @Test
    void aBlankNodeWhoseTriplesAreLargerThanTheLimitIsRefusedBeforeAnythingIsSent() {
        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            DatasetGraph dsg = store.datasetGraph();
            Node g = NodeFactory.createURI(GRAPH);
            Node b = NodeFactory.createBlankNode();
            Txn.executeWrite(dsg, () -> {
                for (int i = 0; i < 50; i++) {
                    dsg.add(g, b, NodeFactory.createURI(EX + "p"), NodeFactory.createLiteralString("value " + i));
                }
            });
            AspsKgException refused = assertThrows(AspsKgException.class, () -> pusher().push(store, List.of(GRAPH)));
            assertTrue(
                    refused.getMessage().contains("cannot be sent in parts of at most 1,000 bytes"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("a blank node sent in two requests would become two nodes"));
            assertTrue(refused.getMessage().endsWith("nothing of this graph was sent"), refused.getMessage());
            assertEquals(List.of(), requests, "no PUT or POST reached the server");
        }
        assertNoSpoolFileLeft();
    }

    @Test
    void aGraphWithinTheLimitIsOnePutAndCounted() {
        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            fillWithTrees(store.datasetGraph(), 3);
            List<GraphStorePush.Pushed> sent = pusher().push(store, List.of(GRAPH));
            assertEquals(1, sent.get(0).parts());
            assertEquals(List.of("PUT"), requests.stream().map(Request::method).toList());
            assertEquals(9, requests.get(0).body().lines().count());
            assertEquals(9, stored.size());
        }
    }

    @Test
    void partsAnsweredButNotStoredFailTheCount() {
        onPost = OnPost.ANSWER_201_AND_DROP;
        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            fillWithTrees(store.datasetGraph(), 40);
            AspsKgException e = assertThrows(AspsKgException.class, () -> pusher().push(store, List.of(GRAPH)));
            long first = requests.get(0).body().lines().count();
            assertTrue(
                    e.getMessage()
                            .matches("pushing <" + GRAPH + "> to .*: every request was accepted \\(\\d+ parts\\), but "
                                    + ".* counts " + first + " triples in the remote graph where the local one has"
                                    + " 120; the remote graph is not the local one"),
                    e.getMessage());
            assertFalse(
                    progress.stream().anyMatch(l -> l.startsWith("checked") || l.startsWith("pushed")),
                    "nothing reported pushed: " + String.join("\n", progress));
        }
    }

    @Test
    void aConnectionBrokenAfterTheFirstPartNamesTheGraphAndThePartAndClaimsNothing() {
        onPost = OnPost.BREAK_THE_CONNECTION;
        try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(tmp.resolve("store"))) {
            fillWithTrees(store.datasetGraph(), 40);
            AspsKgException e = assertThrows(AspsKgException.class, () -> pusher().push(store, List.of(GRAPH)));
            Matcher m = Pattern.compile("pushing <" + Pattern.quote(GRAPH)
                            + "> \\(part 2 of (\\d+), POST\\) to " + Pattern.quote(endpoint)
                            + ": the connection broke before the endpoint answered \\(.*\\); the remote graph is"
                            + " incomplete: it holds parts 1-1 of \\1 \\((\\d+) of 120 triples\\)")
                    .matcher(e.getMessage());
            assertTrue(m.matches(), e.getMessage());
            assertEquals(requests.get(0).body().lines().count(), Long.parseLong(m.group(2)));
            assertTrue(e.hint().contains("Push again"), e.hint());
            assertFalse(
                    progress.stream().anyMatch(l -> l.startsWith("pushed") || l.startsWith("checked")),
                    String.join("\n", progress));
        }
        assertNoSpoolFileLeft();
    }

    private GraphStorePush pusher() {
        GraphStorePush push = new GraphStorePush(endpoint, null).progress(progress::add);
        push.virtuosoMaxBody = LIMIT;
        return push;
    }

    /** {@code n} subjects, each with a label and a blank node with a type and a value: 3n triples. */
    private static void fillWithTrees(DatasetGraph dsg, int n) {
        Node g = NodeFactory.createURI(GRAPH);
        Txn.executeWrite(dsg, () -> {
            for (int i = 0; i < n; i++) {
                Node s = NodeFactory.createURI(EX + "s" + i);
                Node b = NodeFactory.createBlankNode();
                dsg.add(g, s, NodeFactory.createURI(EX + "label"), NodeFactory.createLiteralString("subject " + i));
                dsg.add(g, s, NodeFactory.createURI(EX + "has"), b);
                dsg.add(g, b, NodeFactory.createURI(EX + "value"), NodeFactory.createLiteralString("finding " + i));
            }
        });
    }

    private static Set<String> blankNodes(String ntriples) {
        Set<String> labels = new HashSet<>();
        Matcher m = Pattern.compile("(?:^| )(_:\\S+)").matcher(ntriples);
        while (m.find()) labels.add(m.group(1));
        return labels;
    }

    private void assertNoSpoolFileLeft() {
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            // other tests may spool at the same time; this test's files are gone once its push returned
            assertEquals(
                    List.of(),
                    left.filter(p -> p.getFileName().toString().startsWith("asps-kg-push-"))
                            .filter(p -> {
                                try {
                                    return Files.readString(p).contains(EX + "s0>");
                                } catch (IOException e) {
                                    return false;
                                }
                            })
                            .toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void graphStore(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Server", "Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu");
        String method = ex.getRequestMethod();
        if (method.equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        if (method.equals("POST") && onPost == OnPost.BREAK_THE_CONNECTION) {
            ex.getRequestBody().readNBytes(10);
            throw new IOException("the stand-in breaks the connection"); // the server closes it, unanswered
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, body));
        if (method.equals("PUT")) stored.clear();
        if (method.equals("PUT") || onPost == OnPost.STORE)
            stored.addAll(body.lines().toList());
        ex.sendResponseHeaders(201, -1);
        ex.close();
    }

    /** The SPARQL endpoint: whatever the query, the number of lines stored, as a COUNT result. */
    private void count(HttpExchange ex) throws IOException {
        byte[] json = ("{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":[{\"n\":{\"type\":\"literal\","
                        + "\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\",\"value\":\"" + stored.size()
                        + "\"}}]}}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/sparql-results+json");
        ex.sendResponseHeaders(200, json.length);
        ex.getResponseBody().write(json);
        ex.close();
    }
}
