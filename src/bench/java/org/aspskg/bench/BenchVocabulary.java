package org.aspskg.bench;

import org.aspskg.ontology.AspsVocabulary;

/**
 * The IRIs only the benchmarks use, under the project's namespace ({@link AspsVocabulary#NS}); the
 * product's IRIs stay in {@link AspsVocabulary}.
 */
public final class BenchVocabulary {
    private BenchVocabulary() {}

    /** Named graph of the synthetic data that {@code asps-kg bench} loads; never part of a built store. */
    public static final String GRAPH_SYNTHETIC = AspsVocabulary.NS + "graph/synthetic";
    /** Namespace of the synthetic individuals that {@code asps-kg bench} generates. */
    public static final String SYNTHETIC_NS = AspsVocabulary.NS + "synthetic/";
}
