package org.aspskg.bench;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One whole-pipeline benchmark of {@code asps-kg bench}: it measures asps-kg and the tools a user
 * would otherwise pick, in the same run on the same input, and returns one {@link Measurement} per
 * figure. The suite writes them to {@code <out>/<name>.csv}, plots {@link #charts} to
 * {@code <out>/<name>.png} and prints them as a table. A new benchmark (e.g. case ranking) is one
 * more implementation registered in {@link BenchmarkSuite#standard()}.
 */
public interface Benchmark {
    /** Short name: the CSV and PNG file name and the {@code benchmark} column. */
    String name();

    /** A line saying what is measured, printed above the table. */
    String title();

    /** The peers the table's ratio column compares. */
    Comparison comparison();

    /** Runs the benchmark; every figure it returns has {@code benchmark = name()}. */
    List<Measurement> run(BenchSettings settings, BenchLog log) throws Exception;

    /** Charts of the results, drawn side by side in one PNG; none for no plot. */
    List<Chart<?, ?>> charts(List<Measurement> results);
}
