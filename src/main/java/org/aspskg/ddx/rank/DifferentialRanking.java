package org.aspskg.ddx.rank;

import java.util.List;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;

/**
 * The ranked differential diagnosis of one case.
 *
 * @param classification     the case as realized against the ontology's case classes
 * @param pretestProbability the probability each hypothesis starts from (uniform: 1 / number of hypotheses)
 * @param hypotheses         best first
 * @param unexplained        present or absent statements no association of any hypothesis counted
 * @param ontologyVersion    the versionIRI of the ontology the knowledge came from, or null
 */
public record DifferentialRanking(
        CaseClassification classification,
        double pretestProbability,
        List<RankedHypothesis> hypotheses,
        List<CaseStatement> unexplained,
        String ontologyVersion) {

    public DifferentialRanking {
        hypotheses = List.copyOf(hypotheses);
        unexplained = List.copyOf(unexplained);
    }

    public PatientCase patientCase() {
        return classification.patientCase();
    }

    /** The hypothesis ranked first. */
    public RankedHypothesis top() {
        return hypotheses.get(0);
    }
}
