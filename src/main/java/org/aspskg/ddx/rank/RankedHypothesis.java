package org.aspskg.ddx.rank;

import java.util.List;

/**
 * A diagnosis in a ranking: its rank (1 = most probable), the decimal logarithm of its composite
 * likelihood ratio, its post-test probability and the evidence counted for it.
 */
public record RankedHypothesis(
        int rank,
        String disease,
        String label,
        double log10LikelihoodRatio,
        double postTestProbability,
        List<Evidence> evidence) {

    public RankedHypothesis {
        // evidence a ranker builds on first use stays so (it is unmodifiable); any other list is copied
        evidence = evidence instanceof org.aspskg.ddx.LazyList<Evidence> ? evidence : List.copyOf(evidence);
    }

    /** The composite likelihood ratio: the product of the evidence's ratios. */
    public double likelihoodRatio() {
        return Math.pow(10, log10LikelihoodRatio);
    }

    /** Post-test odds: pre-test odds times the composite likelihood ratio. */
    public double postTestOdds() {
        return postTestProbability / (1 - postTestProbability);
    }

    public List<Evidence> supporting() {
        return evidence.stream().filter(Evidence::supports).toList();
    }

    public List<Evidence> opposing() {
        return evidence.stream().filter(Evidence::opposes).toList();
    }

    /** Evidence with a likelihood ratio of exactly 1: the feature's status was counted but moves nothing. */
    public List<Evidence> neutral() {
        return evidence.stream().filter(e -> !e.supports() && !e.opposes()).toList();
    }
}
