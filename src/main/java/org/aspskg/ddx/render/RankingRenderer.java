package org.aspskg.ddx.render;

import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.TermIndex;

/**
 * The renderers of rankings, built once: the table, the JSON and the RDF graph. Turns a ranking
 * into a {@link RankedCase}, which every output format and the cases graph take. Thread-safe.
 */
public final class RankingRenderer {
    private final RankingTable table;
    private final RankingJson json;
    private final RankingGraph graph;

    /**
     * @param terms   labels and CURIEs of the ontology's terms, for the table and the JSON
     * @param caseRdf writes the case beside its ranking in RDF
     */
    public RankingRenderer(TermIndex terms, CaseRdf caseRdf) {
        this.table = new RankingTable(terms);
        this.json = new RankingJson(terms);
        this.graph = new RankingGraph(caseRdf, terms::label);
    }

    /** A ranking ready to be rendered in any format and stored. */
    public RankedCase ranked(DifferentialRanking ranking) {
        return new RankedCase(ranking, this);
    }

    RankingTable table() {
        return table;
    }

    RankingJson json() {
        return json;
    }

    RankingGraph graph() {
        return graph;
    }
}
