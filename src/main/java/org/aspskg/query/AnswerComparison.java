package org.aspskg.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * Compares a query's answer with the expected one. Result tables are equal as multisets of rows
 * (RDF terms compared exactly, blank nodes up to renaming, Jena's {@link ResultSetCompare}), and
 * in the same order as well when the query has ORDER BY; graphs are equal when isomorphic.
 */
public final class AnswerComparison {
    private static final int SHOWN = 20;

    private AnswerComparison() {}

    /** Empty when {@code actual} matches {@code expected}; otherwise what differs, for a person to read. */
    public static Optional<String> differences(Query query, QueryAnswer expected, QueryAnswer actual) {
        PrefixMapping prefixes = query.getPrefixMapping();
        if (expected instanceof QueryAnswer.Table e && actual instanceof QueryAnswer.Table a) {
            return tables(query.hasOrderBy(), e, a, prefixes);
        }
        if (expected instanceof QueryAnswer.Bool e && actual instanceof QueryAnswer.Bool a) {
            return e.value() == a.value()
                    ? Optional.empty()
                    : Optional.of("expected " + e.value() + ", got " + a.value());
        }
        if (expected instanceof QueryAnswer.Graph e && actual instanceof QueryAnswer.Graph a) {
            return graphs(e.model(), a.model(), prefixes);
        }
        return Optional.of("expected " + kind(expected) + ", got " + kind(actual));
    }

    private static Optional<String> tables(
            boolean ordered, QueryAnswer.Table expected, QueryAnswer.Table actual, PrefixMapping prefixes) {
        if (!expected.vars().equals(actual.vars())) {
            return Optional.of("expected the variables " + expected.vars() + ", got " + actual.vars());
        }
        boolean equal = ordered
                ? ResultSetCompare.equalsByTermAndOrder(expected.rowSet(), actual.rowSet())
                : ResultSetCompare.equalsByTerm(expected.rowSet(), actual.rowSet());
        if (equal) return Optional.empty();
        List<String> want = render(expected, prefixes);
        List<String> got = render(actual, prefixes);
        List<String> missing = minus(want, got);
        List<String> unexpected = minus(got, want);
        StringBuilder sb = new StringBuilder("expected " + want.size() + " rows, got " + got.size());
        if (missing.isEmpty() && unexpected.isEmpty()) {
            if (ordered) {
                for (int i = 0; i < want.size(); i++) {
                    if (!want.get(i).equals(got.get(i))) {
                        sb.append("; the same rows in another order (the query has ORDER BY): row ")
                                .append(i + 1)
                                .append(" should be ")
                                .append(want.get(i))
                                .append(" but is ")
                                .append(got.get(i));
                        break;
                    }
                }
            } else {
                sb.append("; the rows differ only in their blank nodes");
            }
        }
        list(sb, "missing", missing);
        list(sb, "unexpected", unexpected);
        return Optional.of(sb.toString());
    }

    private static Optional<String> graphs(Model expected, Model actual, PrefixMapping prefixes) {
        if (expected.isIsomorphicWith(actual)) return Optional.empty();
        List<String> want = triples(expected, prefixes);
        List<String> got = triples(actual, prefixes);
        StringBuilder sb =
                new StringBuilder("expected a graph of " + expected.size() + " triples, got " + actual.size());
        list(sb, "missing", minus(want, got));
        list(sb, "unexpected", minus(got, want));
        return Optional.of(sb.toString());
    }

    private static void list(StringBuilder sb, String what, List<String> rows) {
        if (rows.isEmpty()) return;
        sb.append("\n  ").append(what).append(" (").append(rows.size()).append("):");
        rows.stream().limit(SHOWN).forEach(r -> sb.append("\n    ").append(r));
        if (rows.size() > SHOWN) sb.append("\n    …");
    }

    /** Multiset difference, keeping {@code a}'s order. */
    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> left = new HashMap<>();
        b.forEach(s -> left.merge(s, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (left.getOrDefault(s, 0) > 0) left.merge(s, -1, Integer::sum);
            else out.add(s);
        }
        return out;
    }

    private static List<String> render(QueryAnswer.Table table, PrefixMapping prefixes) {
        List<String> rows = new ArrayList<>();
        for (Binding row : table.rows()) {
            rows.add(table.vars().stream()
                    .map(v -> "?" + v.getVarName() + "="
                            + (row.contains(v) ? FmtUtils.stringForNode(row.get(v), prefixes) : "(unbound)"))
                    .collect(Collectors.joining(" ")));
        }
        return rows;
    }

    private static List<String> triples(Model model, PrefixMapping prefixes) {
        return model.getGraph().stream().map(t -> format(t, prefixes)).sorted().toList();
    }

    private static String format(Triple t, PrefixMapping prefixes) {
        return FmtUtils.stringForTriple(t, prefixes) + " .";
    }

    private static String kind(QueryAnswer a) {
        if (a instanceof QueryAnswer.Table) return "a result table";
        return a instanceof QueryAnswer.Bool ? "a boolean" : "a graph";
    }
}
