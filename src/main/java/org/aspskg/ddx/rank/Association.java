package org.aspskg.ddx.rank;

import java.util.List;

/**
 * What the ranker knows of one feature in one hypothesis: a derived node of the ontology
 * ({@code aspskg:DerivedLikelihoodRatio}, built from the association table's frequencies) with the
 * probabilities and likelihood ratios derived from its rows.
 *
 * @param iri                the derived node, e.g. {@code derived:SynovialSarcoma-CalcificationOnCT}
 * @param label              the hypothesis and the feature, for people
 * @param disease            the hypothesis it is about
 * @param feature            the finding, site or demographic group class it is about
 * @param ageGroup           the age group it is restricted to, or null
 * @param likelihoodRatioIfPresent P(feature | disease) / P(feature | the other hypotheses)
 * @param likelihoodRatioIfAbsent  P(no feature | disease) / P(no feature | the other hypotheses)
 * @param basis              where the ratios come from, for people: the frequencies they were derived from
 * @param references         the works and numbered references of the rows it was derived from (may be empty)
 * @param frequency          P(feature | disease), which the posterior uses
 * @param frequencyInOthers  P(feature | the other hypotheses): the mean of their frequencies
 * @param assumed            true when no source reports the feature for this disease (see tables/README.md)
 */
public record Association(
        String iri,
        String label,
        String disease,
        String feature,
        String ageGroup,
        double likelihoodRatioIfPresent,
        double likelihoodRatioIfAbsent,
        String basis,
        List<Reference> references,
        double frequency,
        double frequencyInOthers,
        boolean assumed) {

    public Association {
        references = List.copyOf(references);
    }

    /**
     * An association the ranker derives itself (no age group) from the frequency {@code p} of the feature
     * in the hypothesis and {@code q} in the others: LR+ = p / q, LR− = (1 − p) / (1 − q).
     */
    static Association fromFrequencies(
            String iri,
            String label,
            String disease,
            String feature,
            double p,
            double q,
            String basis,
            java.util.Collection<Reference> references,
            boolean assumed) {
        return new Association(
                iri,
                label,
                disease,
                feature,
                null,
                p / q,
                (1 - p) / (1 - q),
                basis,
                List.copyOf(references),
                p,
                q,
                assumed);
    }

    /** P(the feature's status | the disease): the frequency when observed, its complement when absent. */
    public double probability(boolean observed) {
        return observed ? frequency : 1 - frequency;
    }

    /** The likelihood ratio for the feature's status in a case: observed, or known to be absent. */
    public double likelihoodRatio(boolean observed) {
        return observed ? likelihoodRatioIfPresent : likelihoodRatioIfAbsent;
    }
}
