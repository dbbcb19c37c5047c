package org.aspskg.ddx.classify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aspskg.ddx.cases.PatientCase;

/**
 * A consistent case realized against the ontology's case classes: the named classes it belongs
 * to, and for each feature of the ranker whether the case shows it, is known not to, or neither
 * (absent from the map), with the statements that make it so.
 *
 * @param patientCase   the case
 * @param types         IRIs of every case class the case belongs to, helper classes included
 * @param presentations the ontology's own case classes among them (PatientCase and its defined subclasses)
 * @param features      feature IRI → status, for features the case decides
 */
public record CaseClassification(
        PatientCase patientCase, Set<String> types, List<String> presentations, Map<String, FeatureStatus> features) {

    /** Whether the case shows a feature, and the case statements that say so. */
    public record FeatureStatus(boolean observed, List<Integer> witnesses) {
        public FeatureStatus {
            witnesses = List.copyOf(witnesses);
        }
    }

    public CaseClassification {
        types = Set.copyOf(types);
        presentations = List.copyOf(presentations);
        features = Map.copyOf(features);
    }

    public Optional<FeatureStatus> feature(String iri) {
        return Optional.ofNullable(features.get(iri));
    }
}
