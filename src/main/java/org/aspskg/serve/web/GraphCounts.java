package org.aspskg.serve.web;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/** Triples per named graph of the store, counted in one read transaction. */
final class GraphCounts {
    private GraphCounts() {}

    /** Graph name to its number of triples, in name order. */
    static Map<String, Long> of(DatasetGraph dataset) {
        return Txn.calculateRead(dataset, () -> {
            Map<String, Long> counts = new TreeMap<>();
            for (Iterator<Node> it = dataset.listGraphNodes(); it.hasNext(); ) {
                Node g = it.next();
                counts.put(g.getURI(), dataset.getGraph(g).size() + 0L);
            }
            return counts;
        });
    }
}
