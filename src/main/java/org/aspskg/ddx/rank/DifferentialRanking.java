package org.aspskg.ddx.rank;

import java.util.List;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.HypothesisExclusion;

/**
 * The ranked differential diagnosis of one case.
 *
 * @param classification     the case as realized against the ontology's case classes
 * @param pretestProbability the probability each hypothesis starts from (uniform: 1 / number of hypotheses)
 * @param hypotheses         best first
 * @param unexplained        present or absent statements no association of any hypothesis counted
 * @param ontologyVersion    the versionIRI of the ontology the knowledge came from, or null
 * @param exclusions         the hypotheses the case logically excludes, with their proofs (ranked last)
 * @param nextFindings       the unstated findings that would best separate the leading hypotheses
 */
public record DifferentialRanking(
        CaseClassification classification,
        double pretestProbability,
        List<RankedHypothesis> hypotheses,
        List<CaseStatement> unexplained,
        String ontologyVersion,
        List<HypothesisExclusion.Exclusion> exclusions,
        List<NextFindings.NextFinding> nextFindings) {

    public DifferentialRanking {
        nextFindings = List.copyOf(nextFindings);
        hypotheses = List.copyOf(hypotheses);
        unexplained = List.copyOf(unexplained);
        exclusions = List.copyOf(exclusions);
    }

    /** A ranking with no hypothesis excluded. */
    public DifferentialRanking(
            CaseClassification classification,
            double pretestProbability,
            List<RankedHypothesis> hypotheses,
            List<CaseStatement> unexplained,
            String ontologyVersion) {
        this(classification, pretestProbability, hypotheses, unexplained, ontologyVersion, List.of(), List.of());
    }

    /** The exclusion of a hypothesis, if the case excludes it. */
    public java.util.Optional<HypothesisExclusion.Exclusion> exclusion(String disease) {
        return exclusions.stream().filter(e -> e.disease().equals(disease)).findFirst();
    }

    /**
     * This ranking with the excluded hypotheses moved last (in their order), renumbered, their probability 0
     * and, when the probabilities are normalised over the hypotheses, the others' renormalised.
     */
    public DifferentialRanking excluding(List<HypothesisExclusion.Exclusion> excluded) {
        if (excluded.isEmpty()) return this;
        java.util.Set<String> out = new java.util.HashSet<>();
        excluded.forEach(e -> out.add(e.disease()));
        double sum = hypotheses.stream()
                .mapToDouble(RankedHypothesis::postTestProbability)
                .sum();
        double kept = hypotheses.stream()
                .filter(h -> !out.contains(h.disease()))
                .mapToDouble(RankedHypothesis::postTestProbability)
                .sum();
        boolean normalised = Math.abs(sum - 1) < 1e-6 && kept > 0;
        List<RankedHypothesis> ordered = new java.util.ArrayList<>();
        hypotheses.stream().filter(h -> !out.contains(h.disease())).forEach(ordered::add);
        hypotheses.stream().filter(h -> out.contains(h.disease())).forEach(ordered::add);
        List<RankedHypothesis> numbered = new java.util.ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            RankedHypothesis h = ordered.get(i);
            double p = out.contains(h.disease())
                    ? 0
                    : normalised ? h.postTestProbability() / kept : h.postTestProbability();
            numbered.add(
                    new RankedHypothesis(i + 1, h.disease(), h.label(), h.log10LikelihoodRatio(), p, h.evidence()));
        }
        return new DifferentialRanking(
                classification, pretestProbability, numbered, unexplained, ontologyVersion, excluded, nextFindings);
    }

    /** This ranking with the findings to check next. */
    public DifferentialRanking withNextFindings(List<NextFindings.NextFinding> next) {
        return new DifferentialRanking(
                classification, pretestProbability, hypotheses, unexplained, ontologyVersion, exclusions, next);
    }

    public PatientCase patientCase() {
        return classification.patientCase();
    }

    /** The hypothesis ranked first. */
    public RankedHypothesis top() {
        return hypotheses.get(0);
    }
}
