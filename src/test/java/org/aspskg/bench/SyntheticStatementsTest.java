package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticStatementsTest {
    private static final Model ONTOLOGY = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);

    @TempDir
    Path tmp;

    @Test
    void sameSizeGivesTheSameBytes() throws Exception {
        SyntheticStatements data = SyntheticStatements.from(ONTOLOGY);
        data.writeNTriples(5_000, tmp.resolve("a.nt"));
        SyntheticStatements.from(OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY))
                .writeNTriples(5_000, tmp.resolve("b.nt"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.nt")), Files.readAllBytes(tmp.resolve("b.nt")));
    }

    @Test
    void writesExactlyTheRequestedNumberOfDistinctTriples() throws Exception {
        for (long n : List.of(1L, 999L, 12_345L)) {
            Path file = tmp.resolve(n + ".nt");
            SyntheticStatements.from(ONTOLOGY).writeNTriples(n, file);
            assertEquals(n, Files.readAllLines(file).size());
            assertEquals(n, RDFDataMgr.loadGraph(file.toString()).size(), "duplicates in " + file);
        }
    }

    @Test
    void copiesAreStatementNodesThatPointAtTheOntologysTerms() throws Exception {
        Path file = tmp.resolve("s.nt");
        SyntheticStatements.from(ONTOLOGY).writeNTriples(3_000, file);
        Graph synthetic = RDFDataMgr.loadGraph(file.toString());
        Graph ontology = ONTOLOGY.getGraph();
        Set<Node> predicates = new HashSet<>();
        synthetic.find().forEachRemaining(t -> {
            assertTrue(t.getSubject().getURI().startsWith(BenchVocabulary.SYNTHETIC_NS), t.toString());
            predicates.add(t.getPredicate());
            if (t.getObject().isURI()) {
                assertTrue(
                        ontology.contains(t.getObject(), Node.ANY, Node.ANY)
                                || ontology.contains(Node.ANY, Node.ANY, t.getObject()),
                        "not an ontology term: " + t);
            }
        });
        assertTrue(predicates.contains(AspsVocabulary.property("aboutDisease").asNode()), predicates.toString());
        assertTrue(predicates.contains(AspsVocabulary.property("citesReference").asNode()), predicates.toString());
    }
}
