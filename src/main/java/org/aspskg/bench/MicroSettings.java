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
 */
public record MicroSettings(int forks, int warmupIterations, int iterations, Duration iteration) {
    public MicroSettings {
        if (forks < 0 || warmupIterations < 0 || iterations < 1 || iteration.isNegative() || iteration.isZero()) {
            throw new IllegalArgumentException("forks ≥ 0, warm-up iterations ≥ 0, iterations ≥ 1, iteration > 0");
        }
    }

    /** The documented run: one fork, 3 warm-up and 5 measured iterations of a second, per mode. */
    public static MicroSettings full() {
        return new MicroSettings(1, 3, 5, Duration.ofSeconds(1));
    }

    /** In this JVM, one warm-up and one measured iteration of 150 ms: checks the harness, not the speed. */
    public static MicroSettings smoke() {
        return new MicroSettings(0, 1, 1, Duration.ofMillis(150));
    }
}
