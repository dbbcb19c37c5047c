package org.aspskg.cli;

import static org.aspskg.store.TestStores.fileDigests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.StoreDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build} never destroys what it did not make: a directory that is not an asps-kg store, and a
 * store whose ontology would be replaced by an empty or unrelated file, are left byte for byte as they were.
 */
class BuildSafetyTest {
    @TempDir
    static Path shared;
    /** A store built once for the tests that must leave it unchanged. */
    static Path store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildStore() {
        store = shared.resolve("tdb2");
        assertEquals(0, CliRun.of("build", "--store", store.toString()).exit());
    }

    private static void assertRefusedWithoutTrace(CliRun r, String fragment) {
        assertEquals(Main.EXIT_USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.out().contains("\tat "), "no stack trace: " + r.out());
    }

    @Test
    void buildRefusesADirectoryThatIsNotAStoreAndLeavesEveryFileInIt() throws IOException {
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir.resolve("ontology"));
        Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        Files.copy(OntologyLoader.DEFAULT_ONTOLOGY, dir.resolve("ontology/asps-edit.ofn"));
        Map<String, String> before = fileDigests(dir);
        CliRun r = CliRun.of("build", "--store", dir.toString());
        assertRefusedWithoutTrace(r, "is not an asps-kg store (it holds 2 entries: notes.txt, ontology)");
        assertEquals(before, fileDigests(dir));
    }

    @Test
    void buildRefusesAFileGivenAsTheStore() throws IOException {
        Path file = tmp.resolve("data.ttl");
        Files.writeString(file, "# keep me\n");
        assertRefusedWithoutTrace(CliRun.of("build", "--store", file.toString()), "is a file, not a store directory");
        assertEquals("# keep me\n", Files.readString(file));
    }

    @Test
    void buildIntoAnEmptyDirectoryMarksItAsAStoreThatALaterBuildMayReplace() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, CliRun.of("build", "--store", dir.toString()).exit());
        assertTrue(Files.isRegularFile(dir.resolve(StoreDirectory.MARKER_FILE)));
        assertTrue(new StoreDirectory(dir).isStore());
        assertEquals(0, CliRun.of("build", "--store", dir.toString()).exit());
    }

    @Test
    void queryAndServeRefuseADirectoryThatIsNotAStoreWithoutWritingIntoIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(dir.resolve("a.txt"), "a\n");
        Map<String, String> before = fileDigests(dir);
        assertRefusedWithoutTrace(
                CliRun.of("query", "--store", dir.toString(), "--query", "ASK {}"), "is not an asps-kg store");
        assertEquals(before, fileDigests(dir));
    }

    @Test
    void buildRefusesAnEmptyOntologyAndKeepsTheGraph() throws IOException {
        Map<String, String> before = fileDigests(store);
        Path empty = tmp.resolve("empty.ttl");
        Files.writeString(empty, "");
        assertRefusedWithoutTrace(
                CliRun.of("build", "--store", store.toString(), "--ontology", empty.toString()),
                "the ontology is empty");
        assertEquals(before, fileDigests(store));
    }

    @Test
    void buildRefusesAnUnrelatedOntologyUnlessAllowed() throws IOException {
        Map<String, String> before = fileDigests(store);
        Path other = tmp.resolve("other.ttl");
        Files.writeString(other, """
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <http://example.org/other.owl> a owl:Ontology .
                <http://example.org/A> a owl:Class ; rdfs:subClassOf <http://example.org/B> .
                <http://example.org/B> a owl:Class .
                """);
        assertRefusedWithoutTrace(
                CliRun.of("build", "--store", store.toString(), "--ontology", other.toString()),
                "not the asps-kg ontology: its ontology IRI is <http://example.org/other.owl>");
        assertEquals(before, fileDigests(store));

        Path elsewhere = tmp.resolve("foreign-store");
        CliRun allowed = CliRun.of(
                "build", "--store", elsewhere.toString(), "--ontology", other.toString(), "--allow-foreign-ontology");
        assertEquals(0, allowed.exit(), allowed.err());
    }

    @Test
    void aDeeplyNestedOntologyIsRefusedWithAMessageAndTheStoreKept() throws IOException {
        Map<String, String> before = fileDigests(store);
        Path deep = tmp.resolve("deep.ttl");
        Files.writeString(
                deep,
                "@prefix a: <https://w3id.org/asps-kg/> .\na:x a:p " + "(".repeat(50_000) + ")".repeat(50_000)
                        + " .\n");
        assertRefusedWithoutTrace(
                CliRun.of("build", "--store", store.toString(), "--ontology", deep.toString()), "nested too deeply");
        assertEquals(before, fileDigests(store));
    }

    @Test
    void buildNeverFetchesARemoteImport() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String remote = "http://127.0.0.1:" + listener.getLocalPort() + "/module.owl";
            Path ontology = tmp.resolve("importing.ttl");
            Files.writeString(ontology, """
                    @prefix owl: <http://www.w3.org/2002/07/owl#> .
                    <https://w3id.org/asps-kg/asps.owl> a owl:Ontology ; owl:imports <%s> .
                    <https://w3id.org/asps-kg/A> a owl:Class .
                    """.formatted(remote));
            CliRun r = CliRun.of("build", "--store", tmp.resolve("s").toString(), "--ontology", ontology.toString());
            assertRefusedWithoutTrace(r, "owl:imports <" + remote + ">");
            assertTrue(r.err().contains("local files only"), r.err());
            listener.setSoTimeout(200);
            try {
                listener.accept().close();
                throw new AssertionError("the build connected to " + remote);
            } catch (SocketTimeoutException expected) {
                // nothing connected
            }
        }
        assertFalse(Files.exists(tmp.resolve("s")));
    }

    @Test
    void anImportIsReadFromTheLocalFileThatDeclaresItsIri() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("onto/imports"));
        Files.writeString(dir.resolve("module.ttl"), """
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <https://w3id.org/asps-kg/imports/module.owl> a owl:Ontology .
                <https://w3id.org/asps-kg/Imported> a owl:Class ; rdfs:subClassOf <https://w3id.org/asps-kg/A> .
                """);
        Path main = tmp.resolve("onto/main.ttl");
        Files.writeString(main, """
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                <https://w3id.org/asps-kg/asps.owl> a owl:Ontology ; owl:imports <https://w3id.org/asps-kg/imports/module.owl> .
                <https://w3id.org/asps-kg/A> a owl:Class .
                """);
        var ontology = OntologyLoader.load(main);
        assertEquals(1, ontology.getImports().size());
        assertTrue(ontology.getImportsClosure().stream()
                .anyMatch(o -> o.getSignature().stream()
                        .anyMatch(e -> e.getIRI().toString().equals("https://w3id.org/asps-kg/Imported"))));
    }

    @Test
    void anImportDeclaredByTwoLocalFilesIsRefusedNamingBoth() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("twice/imports"));
        String module = """
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                <https://w3id.org/asps-kg/imports/module.owl> a owl:Ontology .
                """;
        Files.writeString(dir.resolve("module.ttl"), module);
        Files.writeString(dir.resolve("module-header.ttl"), module);
        Path main = tmp.resolve("twice/main.ttl");
        Files.writeString(main, """
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                <https://w3id.org/asps-kg/asps.owl> a owl:Ontology ; owl:imports <https://w3id.org/asps-kg/imports/module.owl> .
                """);
        AspsKgException e = assertThrows(AspsKgException.class, () -> OntologyLoader.load(main));
        assertTrue(
                e.getMessage().contains("module.ttl") && e.getMessage().contains("module-header.ttl"), e.getMessage());
    }
}
