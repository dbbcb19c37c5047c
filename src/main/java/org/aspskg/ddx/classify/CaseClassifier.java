package org.aspskg.ddx.classify;

import org.aspskg.ddx.cases.PatientCase;

/**
 * Realizes a patient case against the ontology's defined case classes. Fails with a
 * {@link ContradictoryCaseException} naming the clashing statements when the case is inconsistent
 * with the ontology.
 */
public interface CaseClassifier {
    CaseClassification classify(PatientCase patientCase);
}
