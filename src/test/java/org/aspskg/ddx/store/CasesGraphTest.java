package org.aspskg.ddx.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/** Storing a ranked case keeps exactly its RDF in the cases graph, and storing it again replaces it. */
class CasesGraphTest {
    private static final Path EXAMPLE = TestKnowledge.EXAMPLES.resolve("mfh-thigh-necrosis-oedema.json");

    @Test
    void storingARankedCaseAgainReplacesWhatWasStoredForIt() {
        DatasetGraph dataset = DatasetGraphFactory.createTxnMem();
        CasesGraph cases = new CasesGraph(dataset);
        RankedCase first = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        cases.store(first);
        long once = cases.size();
        assertEquals(first.rdf().size(), once);
        assertTrue(cases.contains(first.patientCase().iri()));

        RankedCase again = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        cases.store(again);
        assertEquals(once, cases.size());
        Graph stored = Txn.calculateRead(dataset, () -> {
            Graph copy = GraphMemFactory.createDefaultGraph();
            dataset.getGraph(NodeFactory.createURI(AspsVocabulary.GRAPH_CASES))
                    .find()
                    .forEachRemaining(copy::add);
            return copy;
        });
        assertTrue(stored.isIsomorphicWith(again.rdf().getGraph()));
    }
}
