package org.aspskg.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Benchmark plots drawn by XChart: one series per peer, written as one PNG per benchmark. */
public final class Charts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private Charts() {}

    /** A line per peer through (x, value) points, e.g. load rate against data set size. */
    public static XYChart lines(
            String title,
            String xTitle,
            String yTitle,
            List<Measurement> rows,
            ToDoubleFunction<Measurement> x,
            boolean logX) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        legendBelow(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisMin(0.0);
        for (var e : byPeer(rows).entrySet()) {
            List<Measurement> points = new ArrayList<>(e.getValue());
            points.sort(Comparator.comparingDouble(x));
            chart.addSeries(
                    e.getKey(),
                    points.stream().mapToDouble(x).toArray(),
                    points.stream().mapToDouble(Measurement::value).toArray());
        }
        return chart;
    }

    /** Grouped bars: one group per category (e.g. build phase), one bar per peer. */
    public static CategoryChart bars(
            String title, String yTitle, List<Measurement> rows, Function<Measurement, String> category) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .yAxisTitle(yTitle)
                .build();
        legendBelow(chart.getStyler());
        Set<String> categories = new LinkedHashSet<>();
        rows.forEach(m -> categories.add(category.apply(m)));
        for (var e : byPeer(rows).entrySet()) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (String c : categories) {
                xs.add(c);
                ys.add(e.getValue().stream()
                        .filter(m -> category.apply(m).equals(c))
                        .mapToDouble(Measurement::value)
                        .findFirst()
                        .orElse(0));
            }
            chart.addSeries(e.getKey(), xs, ys);
        }
        return chart;
    }

    /** Draws the charts side by side into one PNG. */
    public static void savePng(List<Chart<?, ?>> charts, Path png) throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static void legendBelow(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static Map<String, List<Measurement>> byPeer(List<Measurement> rows) {
        Map<String, List<Measurement>> map = new LinkedHashMap<>();
        rows.forEach(m -> map.computeIfAbsent(m.peer(), p -> new ArrayList<>()).add(m));
        return map;
    }
}
