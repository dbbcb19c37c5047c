package org.aspskg.bench;

/**
 * Which two peers a benchmark's table compares: its ratio column is {@code subject ÷ reference} for
 * each row where both were measured.
 */
public record Comparison(String subject, String reference) {
    /** The column heading, e.g. {@code asps-kg ÷ stock-fuseki}. */
    public String heading() {
        return subject + " ÷ " + reference;
    }
}
