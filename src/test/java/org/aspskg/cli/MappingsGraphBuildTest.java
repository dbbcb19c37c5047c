package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.aspskg.mapping.MappingGraph;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg build} loads the mapping set beside the ontology into the mappings graph, or refuses it. */
class MappingsGraphBuildTest {
    @TempDir
    Path dir;

    /** An ontology directory like the project's: asps.ttl and mappings/asps.sssom.tsv. */
    private Path project(String mappingSet) throws Exception {
        Path ontology = dir.resolve("ontology/asps.ttl");
        Files.createDirectories(ontology.resolveSibling("mappings"));
        Files.copy(Path.of("src/test/resources/mapping/terms.ttl"), ontology);
        Files.writeString(SssomReader.mappingSetFor(ontology), mappingSet);
        return ontology;
    }

    private static Model graph(Path store, String iri) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return Txn.calculateRead(
                    kg.datasetGraph(),
                    () -> ModelFactory.createDefaultModel()
                            .add(ModelFactory.createModelForGraph(
                                    kg.datasetGraph().getGraph(NodeFactory.createURI(iri)))));
        }
    }

    @Test
    void theMappingSetBesideTheOntologyIsTheMappingsGraph() throws Exception {
        Path ontology = project(Files.readString(Path.of("src/test/resources/mapping/good.sssom.tsv")));
        Path store = dir.resolve("tdb2");
        StoreBuilds.standard(ontology, store).allowForeignOntology(true).build();
        Model expected = MappingGraph.of(SssomReader.read(SssomReader.mappingSetFor(ontology)));
        Model actual = graph(store, AspsVocabulary.GRAPH_MAPPINGS);
        assertEquals(expected.size(), actual.size());
        assertTrue(expected.isIsomorphicWith(actual));
    }

    @Test
    void aMappingSetWithErrorsFailsTheBuildAndKeepsTheStore() throws Exception {
        String good = Files.readString(Path.of("src/test/resources/mapping/good.sssom.tsv"));
        Path ontology = project(good);
        Path store = dir.resolve("tdb2");
        StoreBuilds.standard(ontology, store).allowForeignOntology(true).build();
        Model before = graph(store, AspsVocabulary.GRAPH_MAPPINGS);

        Files.writeString(SssomReader.mappingSetFor(ontology), good.replace("EXAMPLE:0002", "NOPE:0002"));
        AspsKgException e = assertThrows(
                AspsKgException.class,
                () -> StoreBuilds.standard(ontology, store)
                        .allowForeignOntology(true)
                        .build());
        assertTrue(e.getMessage().contains("1 ERROR row(s) in the mapping set"), e.getMessage());
        assertTrue(before.isIsomorphicWith(graph(store, AspsVocabulary.GRAPH_MAPPINGS)), "the served store changed");
    }

    @Test
    void withoutAMappingSetTheMappingsGraphIsEmpty() throws Exception {
        Path ontology = dir.resolve("alone/asps.ttl");
        Files.createDirectories(ontology.getParent());
        Files.copy(Path.of("src/test/resources/mapping/terms.ttl"), ontology);
        Path store = dir.resolve("tdb2-alone");
        StoreBuilds.standard(ontology, store).allowForeignOntology(true).build();
        assertEquals(0, graph(store, AspsVocabulary.GRAPH_MAPPINGS).size());
    }
}
