package org.aspskg.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a build did: where the store is, how big each named graph is, how long each phase took, and
 * what the case files loaded ({@code casesLoaded}, null when the build loaded none).
 */
public record BuildReport(
        Path store,
        int logicalAxioms,
        Map<String, Integer> inferencesByKind,
        Map<String, Long> graphSizes,
        Map<BuildPhase, Duration> phaseTimes,
        CaseLoad.Report casesLoaded) {

    public Duration total() {
        return phaseTimes.values().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
