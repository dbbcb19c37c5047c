package org.aspskg.ddx.cases;

import java.util.Collections;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;

/**
 * A patient case as a model of its own, as {@link CaseRdf#graph} writes it, with, for each node
 * written for a statement, the index of that statement (so a SHACL result on the node can point
 * back at where the statement was written).
 *
 * @param model           the case's triples, with the case format's prefixes
 * @param caseResource    the case in {@code model}
 * @param statementOfNode node (a finding's filler, an absent finding's class and restriction, the
 *                        age literal) → index of the statement it was written for, in the order written
 */
public record CaseGraph(Model model, Resource caseResource, Map<Node, Integer> statementOfNode) {

    public CaseGraph {
        statementOfNode = Collections.unmodifiableMap(statementOfNode);
    }
}
