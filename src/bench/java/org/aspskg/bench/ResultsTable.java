package org.aspskg.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A benchmark's figures as a Markdown table: one row per (scenario, size, clients, metric), one
 * column per peer, and the ratio of the compared peers. Key columns that never vary are left out.
 */
public final class ResultsTable {
    private ResultsTable() {}

    /** Row key: everything but the peer and the value. */
    private record Key(String scenario, long size, String sizeUnit, int clients, String metric, String unit) {}

    public static String markdown(Benchmark benchmark, List<Measurement> rows) {
        return markdown(benchmark.comparison(), rows);
    }

    public static String markdown(Comparison comparison, List<Measurement> rows) {
        Set<String> peers = new LinkedHashSet<>();
        Map<Key, Map<String, Measurement>> pivot = new LinkedHashMap<>();
        for (Measurement m : rows) {
            peers.add(m.peer());
            Key k = new Key(m.scenario(), m.size(), m.sizeUnit(), m.clients(), m.metric(), m.unit());
            pivot.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(m.peer(), m);
        }
        List<String> header = new ArrayList<>();
        List<Function<Key, String>> keyCells = new ArrayList<>();
        addIfVaries(pivot.keySet(), "scenario", Key::scenario, header, keyCells);
        addIfVaries(pivot.keySet(), "size", k -> k.size() + " " + k.sizeUnit(), header, keyCells);
        addIfVaries(pivot.keySet(), "clients", k -> Integer.toString(k.clients()), header, keyCells);
        header.add("metric");
        keyCells.add(k -> k.metric() + " (" + k.unit() + ")");
        header.addAll(peers);
        boolean ratio =
                comparison != null && peers.contains(comparison.subject()) && peers.contains(comparison.reference());
        if (ratio) header.add(comparison.heading());

        StringBuilder sb = new StringBuilder();
        line(sb, header);
        line(sb, header.stream().map(h -> "---").toList());
        for (var e : pivot.entrySet()) {
            List<String> cells = new ArrayList<>();
            keyCells.forEach(f -> cells.add(f.apply(e.getKey())));
            for (String peer : peers) {
                Measurement m = e.getValue().get(peer);
                cells.add(m == null ? "" : number(m.value()));
            }
            if (ratio) {
                Measurement s = e.getValue().get(comparison.subject());
                Measurement r = e.getValue().get(comparison.reference());
                cells.add(s != null && r != null && r.value() != 0 ? ratio(s.value() / r.value()) : "");
            }
            line(sb, cells);
        }
        return sb.toString();
    }

    private static void addIfVaries(
            Set<Key> keys,
            String name,
            Function<Key, String> cell,
            List<String> header,
            List<Function<Key, String>> keyCells) {
        if (keys.stream().map(cell).filter(Objects::nonNull).distinct().count() > 1) {
            header.add(name);
            keyCells.add(cell);
        }
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Two decimals; three significant figures below 0.01 (a 1000-fold speed-up is not "0.00"). */
    static String ratio(double v) {
        return Math.abs(v) >= 0.01 || v == 0
                ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Three significant figures at most, whole numbers from 100 up. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
