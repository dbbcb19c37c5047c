package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    private static Measurement load(String peer, long size, String metric, double value, String unit) {
        return new Measurement("load", peer, "synthetic-statements", size, "triples", 1, metric, value, unit, 3);
    }

    @Test
    void onePeerPerColumnWithTheRatioOfTheComparedPeersAndOnlyTheKeysThatVary() {
        List<Measurement> rows = List.of(
                load("asps-kg", 1000, "rate", 90_000, "triples/s"),
                load("jena-bulk-loader", 1000, "rate", 100_000, "triples/s"),
                load("jena-transaction", 1000, "rate", 12_345.6, "triples/s"),
                load("asps-kg", 1000, "time", 11.11, "ms"),
                load("jena-bulk-loader", 1000, "time", 10, "ms"),
                load("asps-kg", 2000, "rate", 150_000, "triples/s"),
                load("jena-bulk-loader", 2000, "rate", 100_000, "triples/s"));
        assertEquals("""
                | size | metric | asps-kg | jena-bulk-loader | jena-transaction | asps-kg ÷ jena-bulk-loader |
                | --- | --- | --- | --- | --- | --- |
                | 1000 triples | rate (triples/s) | 90,000 | 100,000 | 12,346 | 0.90 |
                | 1000 triples | time (ms) | 11.1 | 10 |  | 1.11 |
                | 2000 triples | rate (triples/s) | 150,000 | 100,000 |  | 1.50 |
                """, ResultsTable.markdown(new Comparison("asps-kg", "jena-bulk-loader"), rows));
    }

    @Test
    void noRatioColumnWhenAComparedPeerIsMissing() {
        List<Measurement> rows = List.of(load("asps-kg", 1000, "rate", 2.5, "triples/s"));
        assertEquals("""
                | metric | asps-kg |
                | --- | --- |
                | rate (triples/s) | 2.50 |
                """, ResultsTable.markdown(new Comparison("asps-kg", "jena-bulk-loader"), rows));
    }
}
