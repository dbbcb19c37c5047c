package org.aspskg.bench.micro;

import java.util.concurrent.TimeUnit;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.HermitCaseClassifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The peer of {@link CaseBenchmarks#classifyCase}: HermiT deciding one case's classes by entailment,
 * the reference {@code --check-with-hermit} compares the compiled classifier with (tens to hundreds
 * of milliseconds a case, so an iteration holds few operations).
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HermitCaseBenchmarks {
    /** One HermiT classifier (its reasoners) per thread, made before timing. */
    @State(Scope.Thread)
    public static class Hermit {
        HermitCaseClassifier classifier;

        @Setup(Level.Trial)
        public void load(CohortState cohort) {
            classifier = cohort.knowledge.hermitClassifier();
        }
    }

    @Benchmark
    public CaseClassification classifyCase(CohortState cohort, Hermit hermit) {
        return hermit.classifier.classify(cohort.patientCase(cohort.advance()));
    }
}
