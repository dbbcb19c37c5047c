package org.aspskg.store;

import static org.aspskg.store.TestStores.assertSameGraphs;
import static org.aspskg.store.TestStores.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBuilderTest {
    private static final String ASPS = AspsVocabulary.iri("AlveolarSoftPartSarcoma");
    private static final String HYPERVASCULAR = AspsVocabulary.iri("HypervascularLesion");

    @TempDir
    Path tmp;

    private Path build(Path store) {
        new StoreBuilder(OntologyLoader.DEFAULT_ONTOLOGY, store).build();
        return store;
    }

    private static boolean ask(KnowledgeGraphStore kg, String queryText) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(queryText);
        q.setIri("asps", ASPS);
        q.setIri("hv", HYPERVASCULAR);
        q.setIri("g", AspsVocabulary.GRAPH_ASSERTED);
        return Txn.calculateRead(kg.dataset(), () -> {
            try (QueryExecution qe =
                    QueryExecution.dataset(kg.dataset()).query(q.asQuery()).build()) {
                return qe.execAsk();
            }
        });
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("tdb2"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void defaultGraphSeesAnInferredSubsumptionThatTheAssertedGraphLacks() {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(TestStores.sharedStore())) {
            assertTrue(
                    ask(kg, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ASK { ?asps rdfs:subClassOf ?hv }"));
            assertFalse(ask(
                    kg,
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                            + "ASK { GRAPH ?g { ?asps rdfs:subClassOf+ ?hv } }"));
        }
    }

    @Test
    void assertedGraphHoldsExactlyTheOntologyFileAndInferredGraphNothingAsserted() {
        Model file = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        Map<String, Model> graphs = snapshot(TestStores.sharedStore());
        assertTrue(file.isIsomorphicWith(graphs.get(AspsVocabulary.GRAPH_ASSERTED)));
        Model inferred = graphs.get(AspsVocabulary.GRAPH_INFERRED);
        assertTrue(inferred.size() > 10, "inferred triples: " + inferred.size());
        assertTrue(inferred.intersection(file).isEmpty(), "inferred graph repeats asserted triples");
    }

    @Test
    void buildingTwiceGivesTheSameTriples() {
        Path store = build(tmp.resolve("tdb2"));
        Map<String, Model> first = snapshot(store);
        build(store);
        assertSameGraphs(first, snapshot(store));
    }

    @Test
    void buildFailingBetweenPhasesLeavesThePreviousStoreIntactAndNoDebris() throws IOException {
        Path store = build(tmp.resolve("tdb2"));
        Map<String, Model> before = snapshot(store);
        for (BuildPhase failing : List.of(BuildPhase.CLASSIFY, BuildPhase.MATERIALIZE, BuildPhase.LOAD)) {
            BuildObserver injector = new BuildObserver() {
                @Override
                public void phaseFinished(BuildPhase phase, Duration d, String summary) {
                    if (phase == failing) throw new IllegalStateException("injected after " + phase);
                }
            };
            var e = assertThrows(
                    IllegalStateException.class,
                    () -> new StoreBuilder(OntologyLoader.DEFAULT_ONTOLOGY, store)
                            .observer(injector)
                            .build());
            assertEquals("injected after " + failing, e.getMessage());
            assertSameGraphs(before, snapshot(store));
            assertEquals(List.of(), leftovers(), "after failing at " + failing);
        }
    }

    @Test
    void syntaxErrorFailsWithFileAndLineAndLeavesTheStoreIntact() throws IOException {
        Path store = build(tmp.resolve("tdb2"));
        Map<String, Model> before = snapshot(store);
        Path broken = tmp.resolve("broken.ttl");
        Files.writeString(broken, "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \n");
        var e = assertThrows(AspsKgException.class, () -> new StoreBuilder(broken, store).build());
        assertTrue(e.getMessage().startsWith(broken + ":4:1: "), e.getMessage());
        assertSameGraphs(before, snapshot(store));
    }

    @Test
    void buildRefusesToReplaceAStoreThatIsOpen() {
        Path store = build(tmp.resolve("tdb2"));
        Map<String, Model> before = snapshot(store);
        try (KnowledgeGraphStore open = KnowledgeGraphStore.open(store)) {
            var e = assertThrows(AspsKgException.class, () -> build(store));
            assertTrue(e.getMessage().contains("is open in a running process"), e.getMessage());
        }
        assertSameGraphs(before, snapshot(store));
    }

    @Test
    void openRestoresAStoreLeftRenamedByACrashDuringTheSwap() throws IOException {
        Path store = build(tmp.resolve("tdb2"));
        Map<String, Model> before = snapshot(store);
        Files.move(store, tmp.resolve("tdb2.previous-1"));
        Files.createDirectories(tmp.resolve("tdb2.staging-123"));
        assertSameGraphs(before, snapshot(store));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void rebuildKeepsTheCasesGraph() {
        Path store = build(tmp.resolve("tdb2"));
        var cases = NodeFactory.createURI(AspsVocabulary.GRAPH_CASES);
        Quad quad = Quad.create(
                cases,
                NodeFactory.createURI(AspsVocabulary.iri("case/1")),
                NodeFactory.createURI(AspsVocabulary.iri("rankedFirst")),
                NodeFactory.createURI(ASPS));
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            Txn.executeWrite(kg.datasetGraph(), () -> kg.datasetGraph().add(quad));
        }
        build(store);
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            assertTrue(
                    Txn.calculateRead(kg.datasetGraph(), () -> kg.datasetGraph().contains(quad)));
        }
    }

    @Test
    void openWithoutAStoreSaysToBuildFirst() {
        var e = assertThrows(AspsKgException.class, () -> KnowledgeGraphStore.open(tmp.resolve("none")));
        assertEquals("Run 'asps-kg build' first.", e.hint());
    }
}
