package org.aspskg.bench.micro;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.read.CompiledCaseShapes;
import org.aspskg.ddx.render.RankingFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * asps-kg's per-case hot path, one step at a time, on one thread: what one case costs to classify
 * (the compiled classifier), to rank once classified, both ({@code DifferentialPipeline.rank}), to read
 * from JSON (parse and the case shapes' compiled checks), to validate against the case shapes, and the whole JSON-in, JSON-out request the HTTP endpoint
 * serves. Each benchmark returns its result so the JIT cannot drop the work.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CaseBenchmarks {
    @Benchmark
    public CaseClassification classifyCase(CohortState cohort) {
        return cohort.classifier.classify(cohort.patientCase(cohort.advance()));
    }

    @Benchmark
    public DifferentialRanking rankClassifiedCase(CohortState cohort) {
        return cohort.ranker.rank(cohort.classification(cohort.advance()));
    }

    @Benchmark
    public DifferentialRanking classifyAndRankCase(CohortState cohort) {
        return cohort.service.rank(cohort.patientCase(cohort.advance())).ranking();
    }

    /** The case shapes' checks, compiled, on a case as the JSON reader gives it (peer: {@link ShaclCaseBenchmarks}). */
    @Benchmark
    public List<CompiledCaseShapes.Violation> validateCase(CohortState cohort) {
        return cohort.compiledShapes.check(cohort.patientCase(cohort.advance()));
    }

    @Benchmark
    public PatientCase readJsonCase(CohortState cohort) {
        int i = cohort.advance();
        return cohort.jsonReader.read(cohort.json(i), cohort.source(i));
    }

    @Benchmark
    public String rankJsonRequest(CohortState cohort) {
        int i = cohort.advance();
        return cohort.service
                .rank(cohort.service.read(CaseInput.json(cohort.json(i), cohort.source(i))))
                .render(RankingFormat.JSON);
    }
}
