package org.aspskg.bench;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of a handful of repeated timings. */
final class Stats {
    private Stats() {}

    /** The median (mean of the middle two for an even count). */
    static double median(Collection<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    static double min(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
