package org.aspskg.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One figure of one benchmark: a row of {@code bench/results/<benchmark>.csv}.
 *
 * @param benchmark the benchmark that measured it ({@code build}, {@code load}, {@code serve}, …)
 * @param peer      who was measured: {@code asps-kg} or the tool a user would otherwise pick
 *                  ({@code stock-fuseki}, {@code jena-bulk-loader}, {@code elk}, …)
 * @param scenario  what was run (a build phase, a data set, a query or {@code all-queries})
 * @param size      the input's size in {@code sizeUnit}s (triples, cases, …)
 * @param sizeUnit  what {@code size} counts
 * @param clients   concurrent clients or threads (1 where it does not apply)
 * @param metric    what the value is ({@code median}, {@code rate}, {@code p99}, …)
 * @param value     the figure
 * @param unit      its unit ({@code ms}, {@code triples/s}, {@code MiB}, …)
 * @param runs      how many repetitions or requests the figure is computed from
 */
public record Measurement(
        String benchmark,
        String peer,
        String scenario,
        long size,
        String sizeUnit,
        int clients,
        String metric,
        double value,
        String unit,
        long runs) {

    /** The CSV columns, in order. */
    public static final List<String> COLUMNS =
            List.of("benchmark", "peer", "scenario", "size", "size_unit", "clients", "metric", "value", "unit", "runs");

    public Measurement {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(sizeUnit, "sizeUnit");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    benchmark + "/" + peer + "/" + metric + ": not a finite value: " + value);
        }
    }

    /** The cells of this row, in {@link #COLUMNS} order; values with at most three decimals. */
    public List<String> cells() {
        return List.of(
                benchmark,
                peer,
                scenario,
                Long.toString(size),
                sizeUnit,
                Integer.toString(clients),
                metric,
                formatValue(value),
                unit,
                Long.toString(runs));
    }

    /** Reads a row written by {@link #cells()}. */
    public static Measurement fromCells(List<String> cells) {
        if (cells.size() != COLUMNS.size()) {
            throw new IllegalArgumentException(
                    "expected " + COLUMNS.size() + " cells, got " + cells.size() + ": " + cells);
        }
        return new Measurement(
                cells.get(0),
                cells.get(1),
                cells.get(2),
                Long.parseLong(cells.get(3)),
                cells.get(4),
                Integer.parseInt(cells.get(5)),
                cells.get(6),
                Double.parseDouble(cells.get(7)),
                cells.get(8),
                Long.parseLong(cells.get(9)));
    }

    static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
