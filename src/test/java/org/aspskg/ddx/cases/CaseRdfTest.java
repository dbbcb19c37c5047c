package org.aspskg.ddx.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/** The one case-to-RDF mapping: streamed for files and as a graph of its own, the same RDF. */
class CaseRdfTest {

    @Test
    void streamedAndGraphFormsOfEveryExampleCaseAreTheSameRdf() {
        CaseRdf rdf = TestKnowledge.knowledge().caseRdf();
        for (Path file : TestKnowledge.examples()) {
            PatientCase c = TestKnowledge.read(file);
            Graph streamed = GraphMemFactory.createDefaultGraph();
            rdf.emit(c, StreamRDFLib.graph(streamed));
            assertTrue(streamed.isIsomorphicWith(rdf.graph(c).model().getGraph()), file.toString());
        }
    }

    @Test
    void everyStatementOfACaseHasANodeInItsGraphPointingBackAtIt() {
        CaseRdf rdf = TestKnowledge.knowledge().caseRdf();
        for (Path file : TestKnowledge.examples()) {
            PatientCase c = TestKnowledge.read(file);
            CaseGraph g = rdf.graph(c);
            Set<Integer> written = new TreeSet<>(g.statementOfNode().values());
            assertEquals(
                    IntStream.range(0, c.statements().size()).boxed().collect(Collectors.toSet()),
                    written,
                    file.toString());
            assertTrue(g.model().containsResource(g.caseResource()));
        }
    }

    @Test
    void aSexIsWrittenAsTheGroupThatStandsForItAndReadBackFromIt() {
        DemographicGroups groups = TestKnowledge.knowledge().demographics();
        assertEquals(Optional.of(AspsVocabulary.iri("FemaleGroup")), groups.groupOfSex("female"));
        assertEquals(Optional.of(AspsVocabulary.iri("MaleGroup")), groups.groupOfSex("Male"));
        assertEquals(Optional.of("female"), groups.sexOfGroup(AspsVocabulary.iri("FemaleGroup")));
        for (DemographicGroups.Group g : groups.groups()) {
            if (g.usesAgeCriteria()) assertEquals(Optional.empty(), groups.sexOfGroup(g.iri()), g.iri());
        }
        assertEquals(Optional.empty(), groups.groupOfSex("unknown"));
    }

    @Test
    void theSexesIterateInSortedOrderSoThatTheDemographicCellsAreSummedInOneOrderInEveryRun() {
        // the demographic model lays out and sums its cells in this order; an order that changed from one JVM
        // to the next (as Set.copyOf's does) changed the last bits of every posterior between runs
        DemographicGroups groups = TestKnowledge.knowledge().demographics();
        assertEquals(java.util.List.of("female", "male"), java.util.List.copyOf(groups.sexes()));
    }
}
