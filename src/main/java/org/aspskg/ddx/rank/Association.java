package org.aspskg.ddx.rank;

import java.util.List;

/**
 * One disease-feature association of the ontology (a {@code aspskg:DiseaseFeatureAssociation}
 * statement node) with the likelihood ratios the ranker uses for it.
 *
 * @param iri                the statement node, e.g. {@code fact:asps-mri-flow-voids}
 * @param label              the statement node's label
 * @param disease            the disease class it is about
 * @param feature            the finding, site or demographic group class it is about
 * @param weight             the evidence weight individual (characteristic, typical, …)
 * @param weightLabel        the evidence weight's label
 * @param ageGroup           the age group the association is restricted to, or null
 * @param likelihoodRatioIfPresent factor on the disease's odds when the case shows the feature
 * @param likelihoodRatioIfAbsent  factor on the disease's odds when the case is known not to show it
 * @param basis              where the ratios come from, for people: the weight or the test's sensitivity and specificity
 * @param references         the numbered references the node cites, by number (may be empty)
 * @param frequency          how often the disease shows the feature, for a likelihood ratio derived from
 *                           frequencies (then the ranking's posterior uses it); NaN for a weight's ratios
 */
public record Association(
        String iri,
        String label,
        String disease,
        String feature,
        String weight,
        String weightLabel,
        String ageGroup,
        double likelihoodRatioIfPresent,
        double likelihoodRatioIfAbsent,
        String basis,
        List<Reference> references,
        double frequency) {

    public Association {
        references = List.copyOf(references);
    }

    /** As the ontology's weight-based associations were made: no frequency. */
    public Association(
            String iri,
            String label,
            String disease,
            String feature,
            String weight,
            String weightLabel,
            String ageGroup,
            double likelihoodRatioIfPresent,
            double likelihoodRatioIfAbsent,
            String basis,
            List<Reference> references) {
        this(
                iri,
                label,
                disease,
                feature,
                weight,
                weightLabel,
                ageGroup,
                likelihoodRatioIfPresent,
                likelihoodRatioIfAbsent,
                basis,
                references,
                Double.NaN);
    }

    /** True when the ratios were derived from frequencies, so the frequency is known. */
    public boolean hasFrequency() {
        return !Double.isNaN(frequency);
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
