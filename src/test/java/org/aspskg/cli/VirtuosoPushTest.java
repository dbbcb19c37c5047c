package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.datatypes.xsd.impl.XSDBaseNumericType;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --target} against a second engine, Virtuoso Open Source 7 (Debian's virtuoso-opensource):
 * the test starts Virtuoso from a temporary virtuoso.ini (own ports, its database in a temporary
 * directory), pushes through {@code /sparql-graph-crud-auth} with HTTP Digest authentication, checks each
 * remote graph isomorphic to the local one, runs the federated query of queries/federated/ against
 * Virtuoso's SPARQL endpoint, and stops Virtuoso. Skipped, saying so, only where virtuoso-t is not
 * installed ({@code .ci/run} installs it).
 */
class VirtuosoPushTest {
    private static final String USER = "dba";
    private static final String PASSWORD = "dba"; // the account a new Virtuoso database starts with
    /** Small enough that the asserted (3 MB) and mappings (0.9 MB) graphs take several parts. */
    private static final String PART_SIZE = "256K";

    private static final Path FEDERATED = Path.of("queries/federated/01-snomed-join-remote.rq");

    @TempDir
    static Path tmp;

    private static Process virtuoso;
    private static String base;
    private static Path store;
    private static CliRun pushed;

    @BeforeAll
    static void startVirtuosoAndPush() throws Exception {
        Optional<Path> binary = virtuosoBinary();
        Assumptions.assumeTrue(
                binary.isPresent(),
                "Virtuoso Open Source 7 is not installed (no virtuoso-t on the PATH); "
                        + ".ci/run installs it with apt-get install virtuoso-opensource");
        int sqlPort = freePort();
        int httpPort = freePort();
        Path home = tmp.resolve("virtuoso");
        Files.createDirectories(home.resolve("db"));
        Files.writeString(home.resolve("virtuoso.ini"), ini(sqlPort, httpPort));
        virtuoso = new ProcessBuilder(binary.get().toString(), "+foreground", "+configfile", "virtuoso.ini")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("virtuoso.out").toFile())
                .start();
        base = "http://127.0.0.1:" + httpPort;
        awaitSparql(home);

        store = tmp.resolve("tdb2");
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
        pushed = CliRun.of(
                "build",
                "--store",
                store.toString(),
                "--target",
                base + "/sparql-graph-crud-auth",
                "--user",
                USER,
                "--password",
                PASSWORD);
    }

    @AfterAll
    static void stopVirtuoso() throws Exception {
        if (virtuoso == null) return;
        virtuoso.destroy();
        if (!virtuoso.waitFor(60, TimeUnit.SECONDS)) virtuoso.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void everyGraphReachesVirtuosoThroughDigestAuthenticationIsomorphicToTheLocalOne() {
        assertEquals(0, pushed.exit(), pushed.err());
        for (String iri : KnowledgeGraphStore.GRAPHS) {
            Graph local = localGraph(iri);
            Graph remote = remoteGraph(iri);
            assertTrue(
                    numbersByValue(local).isIsomorphicWith(numbersByValue(remote)),
                    iri + ": local " + local.size() + ", remote " + remote.size());
            assertTrue(
                    pushed.out()
                            .contains(String.format(
                                    Locale.ROOT,
                                    "pushed %-45s %8d triples to %s",
                                    "<" + iri + ">",
                                    local.size(),
                                    base + "/sparql-graph-crud-auth")),
                    pushed.out());
        }
        System.out.println("Virtuoso push rates:\n"
                + pushed.out()
                        .lines()
                        .filter(l -> l.startsWith("pushed"))
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse(""));
    }

    /**
     * With parts forced small, each graph larger than a part goes as one PUT and then POSTs, and still
     * arrives isomorphic to the local one: the asserted graph (3 MB) is full of blank nodes (OWL
     * restrictions, lists), each of which would become two nodes if its triples were sent in two requests.
     */
    @Test
    void graphsSentInPartsArriveIsomorphicBlankNodesIncluded() {
        CliRun parts = CliRun.of(
                "build",
                "--store",
                store.toString(),
                "--target",
                base + "/sparql-graph-crud-auth",
                "--user",
                USER,
                "--password",
                PASSWORD,
                "--part-size",
                PART_SIZE);
        assertEquals(0, parts.exit(), parts.err());
        int multiPart = 0;
        for (String iri : KnowledgeGraphStore.GRAPHS) {
            Graph local = localGraph(iri);
            Graph remote = remoteGraph(iri);
            assertTrue(
                    numbersByValue(local).isIsomorphicWith(numbersByValue(remote)),
                    iri + ": local " + local.size() + ", remote " + remote.size());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("pushed +<" + java.util.regex.Pattern.quote(iri)
                            + "> +" + local.size() + " triples to \\S+ \\([0-9.]+ MB in (\\d+) parts")
                    .matcher(parts.out());
            if (m.find()) multiPart++;
            assertTrue(
                    parts.err().contains("checked <" + iri + ">: " + base + "/sparql counts"),
                    "the remote count was checked: " + parts.err());
        }
        assertTrue(multiPart >= 2, "at least two graphs went in parts:\n" + parts.out() + parts.err());
        System.out.println("Virtuoso push in parts of " + PART_SIZE + ":\n"
                + parts.out()
                        .lines()
                        .filter(l -> l.startsWith("pushed"))
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse(""));
    }

    @Test
    void aWrongPasswordIsRefusedWithTheDigestChallengeExplained() {
        CliRun run = CliRun.of(
                "build",
                "--store",
                tmp.resolve("other-tdb2").toString(),
                "--target",
                base + "/sparql-graph-crud-auth",
                "--user",
                USER,
                "--password",
                "not-the-password");
        assertEquals(Main.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("the endpoint refused the credentials (HTTP 401 Unauthorized)"), run.err());
        assertTrue(!run.err().contains("not-the-password"), run.err());
    }

    @Test
    void theFederatedQueryJoinsTheLocalStoreToVirtuoso() throws Exception {
        assertEquals(0, pushed.exit(), pushed.err());
        ParameterizedSparqlString pss = new ParameterizedSparqlString(Files.readString(FEDERATED));
        pss.setIri("endpoint", base + "/sparql");
        pss.setLiteral("vocabulary", "SCTID");
        List<String> rows = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>();
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            Txn.executeRead(kg.datasetGraph(), () -> {
                try (QueryExec qe = QueryExec.dataset(kg.datasetGraph())
                        .query(pss.asQuery())
                        .build()) {
                    qe.select()
                            .forEachRemaining(b -> rows.add(b.get("term") + " "
                                    + b.get("code").getLiteralLexicalForm() + " " + b.get("remoteConcept")));
                }
                kg.datasetGraph()
                        .find(Node.ANY, Node.ANY, AspsVocabulary.HAS_DB_XREF.asNode(), Node.ANY)
                        .forEachRemaining(q -> {
                            String code = q.getObject().getLiteralLexicalForm();
                            if (code.startsWith("SCTID:")) {
                                expected.add(q.getSubject() + " " + code + " " + q.getSubject());
                            }
                        });
            });
        }
        assertTrue(expected.size() > 20, "the store has SNOMED CT cross-references");
        // Virtuoso holds the pushed graphs, so each cross-reference meets its own term there
        assertEquals(List.copyOf(expected), List.copyOf(new TreeSet<>(rows)));
    }

    /**
     * The graph with each numeric literal written as its value (an xsd:decimal without trailing zeros):
     * Virtuoso stores a decimal with an integral value, such as "2.0"^^xsd:decimal, as "2"^^xsd:integer,
     * the same number under another datatype. Every other term is compared as it is.
     */
    private static Graph numbersByValue(Graph g) {
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(t -> {
            Node o = t.getObject();
            if (o.isLiteral() && o.getLiteralDatatype() instanceof XSDBaseNumericType) {
                o = NodeFactory.createLiteralDT(
                        new BigDecimal(o.getLiteralLexicalForm())
                                .stripTrailingZeros()
                                .toPlainString(),
                        XSDDatatype.XSDdecimal);
            }
            out.add(Triple.create(t.getSubject(), t.getPredicate(), o));
        });
        return out;
    }

    private static Graph localGraph(String iri) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            DatasetGraph dsg = kg.datasetGraph();
            return Txn.calculateRead(dsg, () -> {
                Graph copy = GraphFactory.createDefaultGraph();
                dsg.getGraph(NodeFactory.createURI(iri)).find().forEachRemaining(copy::add);
                return copy;
            });
        }
    }

    /** The remote graph, read back through Virtuoso's public SPARQL endpoint. */
    private static Graph remoteGraph(String iri) {
        String query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + iri + "> { ?s ?p ?o } }";
        try (QueryExecHTTP qe =
                QueryExecHTTP.service(base + "/sparql").query(query).build()) {
            Graph g = GraphFactory.createDefaultGraph();
            qe.construct().find().forEachRemaining(g::add);
            return g;
        }
    }

    private static Optional<Path> virtuosoBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "virtuoso-t");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Virtuoso takes 15-30 s to create a new database and install its Conductor. */
    private static void awaitSparql(Path home) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ask = HttpRequest.newBuilder(URI.create(base + "/sparql?query=ASK%7B%7D"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!virtuoso.isAlive()) {
                throw new AssertionError("Virtuoso exited: " + Files.readString(home.resolve("virtuoso.out")));
            }
            try {
                if (http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "Virtuoso did not answer within 180 s: " + Files.readString(home.resolve("virtuoso.out")));
    }

    private static String ini(int sqlPort, int httpPort) {
        return String.join(
                "\n",
                "[Database]",
                "DatabaseFile = db/virtuoso.db",
                "ErrorLogFile = db/virtuoso.log",
                "LockFile = db/virtuoso.lck",
                "TransactionFile = db/virtuoso.trx",
                "xa_persistent_file = db/virtuoso.pxa",
                "ErrorLogLevel = 7",
                "FileExtend = 200",
                "MaxCheckpointRemap = 2000",
                "Striping = 0",
                "TempStorage = TempDatabase",
                "[TempDatabase]",
                "DatabaseFile = db/virtuoso-temp.db",
                "TransactionFile = db/virtuoso-temp.trx",
                "MaxCheckpointRemap = 2000",
                "Striping = 0",
                "[Parameters]",
                "ServerPort = 127.0.0.1:" + sqlPort,
                "DisableUnixSocket = 1",
                "MaxClientConnections = 10",
                "CheckpointInterval = 60",
                "CaseMode = 2",
                "DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad",
                "VADInstallDir = /usr/share/virtuoso-opensource-7/vad/",
                "NumberOfBuffers = 10000",
                "MaxDirtyBuffers = 6000",
                "ThreadsPerQuery = 2",
                "[HTTPServer]",
                "ServerPort = 127.0.0.1:" + httpPort,
                "ServerRoot = .",
                "MaxClientConnections = 10",
                "ServerThreads = 10",
                "Charset = UTF-8",
                "EnabledGzipContent = 0",
                "[SPARQL]",
                "ResultSetMaxRows = 1000000",
                "MaxQueryExecutionTime = 120",
                "");
    }
}
