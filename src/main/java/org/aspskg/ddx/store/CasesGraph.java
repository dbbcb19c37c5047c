package org.aspskg.ddx.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingGraph;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The cases named graph ({@link AspsVocabulary#GRAPH_CASES}) of a store: each stored case with
 * its latest ranking, so SPARQL can query past cases. Storing a case again replaces what was
 * stored for it (the case's own triples and blank nodes, and every node under its ranking IRI),
 * in one short write transaction: readers see the old ranking or the new one, never half of each.
 */
public final class CasesGraph {
    private final DatasetGraph dataset;
    private final Node graphName = NodeFactory.createURI(AspsVocabulary.GRAPH_CASES);

    public CasesGraph(DatasetGraph dataset) {
        this.dataset = dataset;
    }

    /** Stores a case with its ranking (their RDF, {@link RankedCase#rdf}), replacing any earlier one. */
    public void store(RankedCase ranked) {
        String caseIri = ranked.patientCase().iri();
        Graph caseAndRanking = ranked.rdf().getGraph();
        Txn.executeWrite(dataset, () -> {
            Graph cases = dataset.getGraph(graphName);
            for (Triple t : storedFor(cases, caseIri)) cases.delete(t);
            caseAndRanking.find().forEachRemaining(cases::add);
        });
    }

    /** The number of triples in the cases graph. */
    public long size() {
        return Txn.calculateRead(dataset, () -> dataset.getGraph(graphName).size());
    }

    /** Whether a case is stored. */
    public boolean contains(String caseIri) {
        return Txn.calculateRead(
                dataset,
                () -> dataset.getGraph(graphName).contains(NodeFactory.createURI(caseIri), Node.ANY, Node.ANY));
    }

    /**
     * The triples stored for a case: those of the case IRI and of the IRIs under its ranking IRI,
     * and those of the blank nodes reachable from them (findings, absent-finding classes).
     */
    private static List<Triple> storedFor(Graph g, String caseIri) {
        List<Triple> out = new ArrayList<>();
        subjectsStoredFor(g, caseIri, new HashSet<>(), out);
        return out;
    }

    /**
     * Adds to {@code subjects} the subjects of the triples stored for a case (see {@link #storedFor}):
     * the case, its blank nodes, its ranking and the nodes under the ranking; those triples go to
     * {@code triples} when it is not null.
     */
    public static void subjectsStoredFor(Graph g, String caseIri, Set<Node> subjects, List<Triple> triples) {
        String rankingIri = RankingGraph.rankingIri(caseIri);
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.add(NodeFactory.createURI(caseIri));
        todo.add(NodeFactory.createURI(rankingIri));
        while (!todo.isEmpty()) {
            Node s = todo.pop();
            if (!seen.add(s)) continue;
            g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
                subjects.add(s);
                if (triples != null) triples.add(t);
                Node o = t.getObject();
                if (o.isBlank() || (o.isURI() && o.getURI().startsWith(rankingIri + "/"))) todo.add(o);
            });
        }
    }
}
