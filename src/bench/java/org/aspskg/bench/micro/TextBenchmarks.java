package org.aspskg.bench.micro;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.text.TermHit;
import org.aspskg.text.TextReading;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The text index on one thread: annotating one sentence of a published case report (target ≤ 1 ms),
 * one autocomplete search, and a whole published case text read and ranked. Each returns its result so
 * the JIT cannot drop the work.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TextBenchmarks {
    private static final List<String> QUERIES =
            List.of("flow", "T2 hyper", "haemorrhage", "lung metastases", "TFE3", "thigh", "calcif", "oedema on MRI");

    @Benchmark
    public TextReading annotateSentence(TextState state) {
        return state.annotator.read(state.sentence(state.advance()));
    }

    @Benchmark
    public List<TermHit> searchTerm(TextState state) {
        return state.search.search(QUERIES.get(state.advance() % QUERIES.size()), 10);
    }

    @Benchmark
    public RankedCase rankFreeTextCase(TextState state) {
        int i = state.advance();
        return state.service.rank(state.service.read(CaseInput.text(state.text(i), "text")));
    }
}
