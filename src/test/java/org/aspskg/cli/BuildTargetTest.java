package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg build --target}: the graphs reach a second, password-protected Fuseki (loopback,
 * TDB2, updates enabled) as a remote triple store would receive them, and failures are explained.
 */
class BuildTargetTest {
    private static final String USER = "loader";
    private static final String PASSWORD = "s3cret-Passw0rd";

    @TempDir
    Path tmp;

    private FusekiServer remote;
    private DatasetGraph remoteData;
    private String gsp;

    /**
     * Jetty watches the password file for changes until the JVM exits, even after the server stops,
     * and warns when it disappears; so it lives outside the per-test directories.
     */
    private static Path passwords;

    @BeforeAll
    static void writePasswordFile() throws Exception {
        passwords = Files.createTempFile("asps-kg-test-passwd", ".properties");
        Files.writeString(passwords, USER + ": " + PASSWORD + "\n");
        passwords.toFile().deleteOnExit();
    }

    @BeforeEach
    void startRemoteFuseki() throws Exception {
        remoteData = DatabaseMgr.connectDatasetGraph(tmp.resolve("remote-tdb2").toString());
        remote = FusekiServer.create()
                .port(0)
                .loopback(true)
                .passwordFile(passwords.toString())
                .auth(AuthScheme.BASIC)
                .serverAuthPolicy(Auth.policyAllowSpecific(USER))
                .add("/remote", remoteData, true)
                .build()
                .start();
        gsp = "http://127.0.0.1:" + remote.getHttpPort() + "/remote/data";
    }

    @AfterEach
    void stopRemoteFuseki() {
        remote.stop();
    }

    private Graph remoteGraph(String iri) {
        return Txn.calculateRead(remoteData, () -> {
            Graph copy = GraphFactory.createDefaultGraph();
            remoteData.getGraph(NodeFactory.createURI(iri)).find().forEachRemaining(copy::add);
            return copy;
        });
    }

    private static Graph localGraph(Path store, String iri) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            DatasetGraph dsg = kg.datasetGraph();
            return Txn.calculateRead(dsg, () -> {
                Graph copy = GraphFactory.createDefaultGraph();
                dsg.getGraph(NodeFactory.createURI(iri)).find().forEachRemaining(copy::add);
                return copy;
            });
        }
    }

    private static final Triple STALE = Triple.create(
            NodeFactory.createURI(AspsVocabulary.iri("Stale")),
            RDF.type.asNode(),
            NodeFactory.createURI(AspsVocabulary.iri("Obsolete")));

    @Test
    void everyGraphReachesTheRemoteStoreIsomorphicToTheLocalOneReplacingWhatWasThere() throws Exception {
        Path store = tmp.resolve("tdb2");
        // a stored case (kept across rebuilds) so the cases graph is not empty, and a stale remote triple
        assertEquals(0, CliRun.of("build", "--store", store.toString()).exit());
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            DatasetGraph dsg = kg.datasetGraph();
            Node cases = NodeFactory.createURI(AspsVocabulary.GRAPH_CASES);
            Node patient = NodeFactory.createBlankNode();
            Txn.executeWrite(dsg, () -> {
                dsg.add(
                        cases,
                        patient,
                        RDF.type.asNode(),
                        AspsVocabulary.resource("PatientCase").asNode());
                dsg.add(
                        cases,
                        patient,
                        AspsVocabulary.property("hasFinding").asNode(),
                        AspsVocabulary.resource("FlowVoid").asNode());
            });
        }
        Txn.executeWrite(
                remoteData,
                () -> remoteData.add(
                        NodeFactory.createURI(AspsVocabulary.GRAPH_ASSERTED),
                        STALE.getSubject(),
                        STALE.getPredicate(),
                        STALE.getObject()));

        CliRun run = CliRun.of(
                "build", "--store", store.toString(), "--target", gsp, "--user", USER, "--password", PASSWORD);

        assertEquals(0, run.exit(), run.err());
        for (String iri : KnowledgeGraphStore.GRAPHS) {
            Graph local = localGraph(store, iri);
            Graph pushed = remoteGraph(iri);
            assertTrue(local.isIsomorphicWith(pushed), iri + ": local " + local.size() + ", remote " + pushed.size());
            assertTrue(
                    run.out()
                            .contains(String.format(
                                    Locale.ROOT, "pushed %-45s %8d triples to %s", "<" + iri + ">", local.size(), gsp)),
                    run.out());
        }
        assertEquals(2, remoteGraph(AspsVocabulary.GRAPH_CASES).size());
        assertTrue(remoteGraph(AspsVocabulary.GRAPH_ASSERTED).size() > 2000);
    }

    @Test
    void aFusekiAskingForDigestAuthenticationGetsTheGraphsToo() throws Exception {
        DatasetGraph digestData =
                DatabaseMgr.connectDatasetGraph(tmp.resolve("digest-tdb2").toString());
        FusekiServer digest = FusekiServer.create()
                .port(0)
                .loopback(true)
                .passwordFile(passwords.toString())
                .auth(AuthScheme.DIGEST)
                .serverAuthPolicy(Auth.policyAllowSpecific(USER))
                .add("/remote", digestData, true)
                .build()
                .start();
        try {
            Path store = tmp.resolve("tdb2");
            String target = "http://127.0.0.1:" + digest.getHttpPort() + "/remote/data";
            CliRun run = CliRun.of(
                    "build", "--store", store.toString(), "--target", target, "--user", USER, "--password", PASSWORD);
            assertEquals(0, run.exit(), run.err());
            for (String iri : KnowledgeGraphStore.GRAPHS) {
                Graph local = localGraph(store, iri);
                Graph pushed = Txn.calculateRead(digestData, () -> {
                    Graph copy = GraphFactory.createDefaultGraph();
                    digestData.getGraph(NodeFactory.createURI(iri)).find().forEachRemaining(copy::add);
                    return copy;
                });
                assertTrue(
                        local.isIsomorphicWith(pushed), iri + ": local " + local.size() + ", remote " + pushed.size());
            }
            CliRun wrong = CliRun.of(
                    "build", "--store", store.toString(), "--target", target, "--user", USER, "--password", "wrong");
            assertEquals(Main.EXIT_USER_ERROR, wrong.exit(), wrong.err());
            assertTrue(wrong.err().contains("(HTTP 401 Unauthorized)"), wrong.err());
        } finally {
            digest.stop();
        }
    }

    @Test
    void aWrongPasswordFailsClearlyWithExit2AndWritesNothing() {
        CliRun run = CliRun.of(
                "build",
                "--store",
                tmp.resolve("tdb2").toString(),
                "--target",
                gsp,
                "--user",
                USER,
                "--password",
                "wrong");

        assertEquals(Main.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(
                run.err()
                        .contains("error: pushing <" + AspsVocabulary.GRAPH_ASSERTED + "> to " + gsp
                                + ": the endpoint refused the credentials (HTTP 401 Unauthorized)"),
                run.err());
        assertTrue(run.err().contains("hint: Check --user and --password"), run.err());
        assertTrue(!run.err().contains("wrong"), "the password is echoed: " + run.err());
        assertTrue(Txn.calculateRead(remoteData, () -> remoteData.isEmpty()));
    }

    @Test
    void noCredentialsForAProtectedEndpointSaysToGiveThem() {
        CliRun run = CliRun.of("build", "--store", tmp.resolve("tdb2").toString(), "--target", gsp);
        assertEquals(Main.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("HTTP 401") && run.err().contains("pass --user and --password"), run.err());
    }

    @Test
    void aUrlWithoutAGraphStoreServiceIsNamedAsSuch() {
        String readOnly = "http://127.0.0.1:" + remote.getHttpPort() + "/no-such-dataset";
        CliRun run = CliRun.of(
                "build",
                "--store",
                tmp.resolve("tdb2").toString(),
                "--target",
                readOnly,
                "--user",
                USER,
                "--password",
                PASSWORD);
        assertEquals(Main.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("no writable Graph Store Protocol service at that URL (HTTP 404)"), run.err());
    }

    /**
     * A push cut short between parts: an endpoint that gets Content-Length bodies (it names no server),
     * parts forced to 64 KB, and a connection that breaks on the first POST. The command ends with exit 2
     * and an error naming the graph, the part and what the remote graph now holds; nothing is reported
     * pushed.
     */
    @Test
    void aConnectionBrokenBetweenPartsFailsWithExit2NamingTheGraphAndThePart() throws Exception {
        com.sun.net.httpserver.HttpServer cutting = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        cutting.createContext("/gsp", ex -> {
            if (ex.getRequestMethod().equals("POST")) {
                ex.getRequestBody().readNBytes(100);
                throw new java.io.IOException("the stand-in breaks the connection"); // closed, unanswered
            }
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(ex.getRequestMethod().equals("PUT") ? 201 : 200, -1);
            ex.close();
        });
        cutting.start();
        try {
            String url = "http://127.0.0.1:" + cutting.getAddress().getPort() + "/gsp";
            CliRun run = CliRun.of(
                    "build", "--store", tmp.resolve("tdb2").toString(), "--target", url, "--part-size", "64K");
            assertEquals(Main.EXIT_USER_ERROR, run.exit(), run.err());
            assertTrue(
                    java.util.regex.Pattern.compile(
                                    "error: pushing <" + java.util.regex.Pattern.quote(AspsVocabulary.GRAPH_ASSERTED)
                                            + "> \\(part 2 of \\d+, POST\\) to " + java.util.regex.Pattern.quote(url)
                                            + ": the connection broke before the endpoint answered \\(.*\\); the remote"
                                            + " graph is incomplete: it holds parts 1-1 of \\d+")
                            .matcher(run.err())
                            .find(),
                    run.err());
            assertTrue(run.err().contains("hint: Push again"), run.err());
            assertTrue(!run.out().contains("pushed"), "a push reported done: " + run.out());
        } finally {
            cutting.stop(0);
        }
    }

    @Test
    void aMalformedTargetIsRefusedBeforeBuilding() {
        Path store = tmp.resolve("tdb2");
        CliRun run = CliRun.of("build", "--store", store.toString(), "--target", "ftp://example.org/data");
        assertEquals(Main.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("not an http(s) URL: 'ftp://example.org/data'"), run.err());
        assertTrue(!Files.exists(store), "built anyway");
    }
}
