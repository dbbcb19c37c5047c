/**
 * The JMH micro-benchmarks of one case on one thread: {@link org.aspskg.bench.micro.CaseBenchmarks}
 * (asps-kg's per-case path) and {@link org.aspskg.bench.micro.HermitCaseBenchmarks} (HermiT's), over the
 * cohort of {@link org.aspskg.bench.micro.CohortState}. JMH's annotation processor generates their
 * harness and {@code META-INF/BenchmarkList}; {@link org.aspskg.bench.MicroBenchmark} runs them.
 */
package org.aspskg.bench.micro;
