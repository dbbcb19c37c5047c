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
        List<Reference> references) {

    public Association {
        references = List.copyOf(references);
    }

    /** The likelihood ratio for the feature's status in a case: observed, or known to be absent. */
    public double likelihoodRatio(boolean observed) {
        return observed ? likelihoodRatioIfPresent : likelihoodRatioIfAbsent;
    }
}
