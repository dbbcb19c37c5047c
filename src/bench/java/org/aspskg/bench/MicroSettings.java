package org.aspskg.bench;

import java.time.Duration;

/**
 * How JMH runs the micro-benchmarks ({@link MicroBenchmark}).
 *
 * @param forks              JVMs forked per benchmark (0 runs them in this JVM: only for a smoke run,
 *                           since JMH cannot then isolate one benchmark's JIT profile from another's)
 * @param warmupIterations   untimed iterations before measuring, per fork and mode
 * @param iterations         measured iterations per fork and mode
 * @param iteration          the length of one iteration
 * @param pool               synthetic cases the benchmarks cycle through
 */
public record MicroSettings(int forks, int warmupIterations, int iterations, Duration iteration, int pool) {
    public MicroSettings {
        if (forks < 0
                || warmupIterations < 0
                || iterations < 1
                || iteration.isNegative()
                || iteration.isZero()
                || pool < 1) {
            throw new IllegalArgumentException(
                    "forks ≥ 0, warm-up iterations ≥ 0, iterations ≥ 1, iteration > 0, pool ≥ 1");
        }
    }

    /** The documented run: one fork, 3 warm-up and 5 measured iterations of a second, per mode; 1,000 cases. */
    public static MicroSettings full() {
        return new MicroSettings(1, 3, 5, Duration.ofSeconds(1), 1_000);
    }

    /** In this JVM, one warm-up and one measured iteration of 150 ms on 100 cases: checks the harness, not the speed. */
    public static MicroSettings smoke() {
        return new MicroSettings(0, 1, 1, Duration.ofMillis(150), 100);
    }
}
