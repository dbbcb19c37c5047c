/**
 * The benchmark harness, in its own jar ({@code target/asps-kg-bench.jar}), never in the product's:
 * {@link org.aspskg.bench.BenchMain} is the entry point (the product's command line plus {@code bench}),
 * {@link org.aspskg.bench.BenchCommand} the command and {@link org.aspskg.bench.BenchmarkSuite} the run
 * of every {@link org.aspskg.bench.Benchmark} (build, load, cases, serve, micro) against the tools a user
 * would otherwise pick; the naive HermiT peers are {@link org.aspskg.bench.WholeABoxRealization}. Results
 * go to {@code bench/results/}.
 */
package org.aspskg.bench;
