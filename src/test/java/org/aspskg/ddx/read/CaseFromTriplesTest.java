package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/**
 * A case read from a chunk's triples grouped by subject ({@link TurtleCaseReader#toCase(Map, Node,
 * String)}, what {@code rank} does instead of building a graph per chunk) is the case read from the
 * chunk's graph, statement for statement — on generated cases and on the same cases mutated triple by
 * triple (unvalidated, as {@code rank --no-validate} reads them); where the triple-wise reading declines
 * (returns null), the graph-based one is used, so only the cases it returns are compared.
 */
class CaseFromTriplesTest {
    @Test
    void aCaseReadFromItsTriplesIsTheCaseReadFromItsGraph() {
        DdxKnowledge k = TestKnowledge.knowledge();
        TurtleCaseReader reader = k.turtleReader();
        CohortGenerator generator = k.cohortGenerator();
        CompiledGraphChecksAgreeWithShaclTest.Mutations mutations =
                new CompiledGraphChecksAgreeWithShaclTest.Mutations(k);
        Random random = new Random(18);
        int compared = 0;
        int declined = 0;
        for (int t = 0; t < 1500; t++) {
            Graph g = GraphFactory.createDefaultGraph();
            List<Triple> order = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                PatientCase pc = generator.generateCase(7, t * 3 + i).patientCase();
                k.caseRdf().graph(pc).model().getGraph().find().forEachRemaining(g::add);
            }
            if (t % 4 != 0) for (int m = 0; m < 1 + random.nextInt(3); m++) mutations.apply(g, random);
            g.find().forEachRemaining(order::add);
            Map<Node, List<Triple>> bySubject = new HashMap<>();
            for (Triple x : order)
                bySubject
                        .computeIfAbsent(x.getSubject(), s -> new ArrayList<>())
                        .add(x);
            for (Triple type : g.find(Node.ANY, RDF.type.asNode(), AspsVocabulary.PATIENT_CASE.asNode())
                    .toList()) {
                Node c = type.getSubject();
                PatientCase fromTriples = reader.toCase(bySubject, c, "chunk-" + t);
                if (fromTriples == null) {
                    declined++;
                    continue;
                }
                assertEquals(reader.toCase(g, c, Map.of(), "chunk-" + t), fromTriples, "try " + t + " case " + c);
                compared++;
            }
        }
        assertTrue(compared >= 2000, "cases compared: " + compared);
        assertTrue(declined >= 10, "cases the triple-wise reading left to the graph: " + declined);
    }
}
