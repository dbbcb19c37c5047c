package org.aspskg.bench.micro;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.read.CaseShapes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The peer of {@link CaseBenchmarks#validateCase}: jena-shacl validating the same case against the case
 * shapes on its RDF form ({@code CaseRdf.graph}) united with the class hierarchy, as the JSON reader did
 * before the shapes were compiled and as it still does for Turtle cases.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ShaclCaseBenchmarks {
    @Benchmark
    public List<CaseShapes.Violation> validateCase(CohortState cohort) {
        PatientCase c = cohort.patientCase(cohort.advance());
        return cohort.knowledge
                .shapes()
                .validate(cohort.knowledge.caseRdf().graph(c).model().getGraph());
    }
}
