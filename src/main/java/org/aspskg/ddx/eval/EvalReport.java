package org.aspskg.ddx.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.aspskg.ddx.render.RankingJson;

/**
 * The outcome of an {@link Evaluation}: every case's {@link CaseOutcome} and the tallies over them —
 * acceptance as written, phrases resolved, top-1 and top-3 accuracy overall and per diagnosis, how
 * often ASPS comes first for a case that is not ASPS — as a table for people or JSON for programs.
 */
public record EvalReport(
        String directory, Evaluation.Mode mode, String reader, List<Hypothesis> hypotheses, List<CaseOutcome> cases) {
    /** The IRI of ASPS, the hypothesis the "ASPS first for a non-ASPS case" rate is about. */
    public static final String ASPS = org.aspskg.ontology.AspsVocabulary.NS + "AlveolarSoftPartSarcoma";

    /** A ranked hypothesis of the knowledge. */
    public record Hypothesis(String iri, String label) {}

    /** Counts over a group of cases. */
    public record Tally(String name, int cases, int accepted, int top1, int top3, int nonAsps, int aspsFirst) {
        public double top1Rate() {
            return rate(top1, cases);
        }

        public double top3Rate() {
            return rate(top3, cases);
        }

        public double aspsFirstRate() {
            return rate(aspsFirst, nonAsps);
        }
    }

    public EvalReport {
        hypotheses = List.copyOf(hypotheses);
        cases = List.copyOf(cases);
    }

    static double rate(int n, int of) {
        return of == 0 ? 0 : (double) n / of;
    }

    public Tally overall() {
        return tally("all", c -> true);
    }

    /** One tally per diagnosis, in the order the cases come. */
    public List<Tally> perDiagnosis() {
        Map<String, Tally> out = new LinkedHashMap<>();
        for (CaseOutcome c : cases)
            out.computeIfAbsent(c.diagnosis(), d -> tally(d, o -> o.diagnosis().equals(d)));
        return List.copyOf(out.values());
    }

    private Tally tally(String name, Predicate<CaseOutcome> which) {
        List<CaseOutcome> in = cases.stream().filter(which).toList();
        List<CaseOutcome> nonAsps =
                in.stream().filter(c -> !c.hypothesis().equals(ASPS)).toList();
        return new Tally(
                name,
                in.size(),
                (int) in.stream().filter(CaseOutcome::accepted).count(),
                (int) in.stream().filter(CaseOutcome::top1).count(),
                (int) in.stream().filter(CaseOutcome::top3).count(),
                nonAsps.size(),
                (int) nonAsps.stream().filter(c -> ASPS.equals(c.topIri())).count());
    }

    public int phrasesResolved() {
        return cases.stream().mapToInt(CaseOutcome::resolved).sum();
    }

    public int phrasesUnresolved() {
        return cases.stream().mapToInt(c -> c.unresolved().size()).sum();
    }

    public int goldPhrases() {
        return cases.stream().mapToInt(CaseOutcome::gold).sum();
    }

    public int goldResolved() {
        return cases.stream().mapToInt(CaseOutcome::goldResolved).sum();
    }

    /** The cases whose true diagnosis was not ranked first (refused cases included). */
    public List<CaseOutcome> misses() {
        return cases.stream().filter(c -> !c.top1()).toList();
    }

    /** The report as a table and a list of misses. */
    public String table() {
        StringBuilder b = new StringBuilder();
        Tally all = overall();
        b.append("Evaluation of ")
                .append(directory)
                .append(" (")
                .append(mode.label())
                .append("; reader: ")
                .append(reader)
                .append(")\n");
        b.append(f(
                "cases %d; accepted as written (ranked without error) %d (%s)%n",
                all.cases(), all.accepted(), pct(rate(all.accepted(), all.cases()))));
        if (mode == Evaluation.Mode.TEXT) {
            b.append(f("phrases resolved %d; not understood %d%n", phrasesResolved(), phrasesUnresolved()));
            if (goldPhrases() > 0) {
                b.append(f(
                        "gold phrases resolved to the gold term or one it entails, same polarity, %d of %d (%s)%n",
                        goldResolved(), goldPhrases(), pct(rate(goldResolved(), goldPhrases()))));
            }
        } else {
            b.append(f(
                    "gold phrases used %d; gold terms a case cannot state %d%n",
                    phrasesResolved(), phrasesUnresolved()));
        }
        b.append('\n');
        b.append(f("%-30s %5s %14s %14s %16s%n", "diagnosis", "cases", "top-1", "top-3", "ASPS first"));
        List<Tally> rows = new ArrayList<>(perDiagnosis());
        rows.add(all);
        for (Tally t : rows) {
            b.append(f(
                    "%-30s %5d %14s %14s %16s%n",
                    t.name(),
                    t.cases(),
                    t.top1() + " (" + pct(t.top1Rate()) + ")",
                    t.top3() + " (" + pct(t.top3Rate()) + ")",
                    t.nonAsps() == 0 ? "-" : t.aspsFirst() + "/" + t.nonAsps() + " (" + pct(t.aspsFirstRate()) + ")"));
        }
        b.append(f(
                "%nASPS first for a non-ASPS case: %d of %d (%s)%n",
                all.aspsFirst(), all.nonAsps(), pct(all.aspsFirstRate())));
        long excluding = cases.stream().filter(c -> !c.excluded().isEmpty()).count();
        long truthExcluded = cases.stream()
                .filter(c -> c.excluded().contains(c.hypothesis()))
                .count();
        b.append(f(
                "cases that logically exclude a hypothesis: %d; true diagnosis excluded: %d%n",
                excluding, truthExcluded));
        List<CaseOutcome> misses = misses();
        if (!misses.isEmpty()) {
            b.append("\nMisses (what drove the first hypothesis):\n");
            for (CaseOutcome c : misses) {
                if (!c.accepted()) {
                    b.append("  ")
                            .append(c.file())
                            .append(": not ranked: ")
                            .append(c.error())
                            .append('\n');
                    continue;
                }
                b.append(f(
                        "  %s: true diagnosis ranked %s; first %s (%.0f%%)%s%n",
                        c.file(),
                        c.rankOfTruth() == null ? "-" : c.rankOfTruth().toString(),
                        c.top(),
                        100 * c.topProbability(),
                        c.drivers().isEmpty()
                                ? ", on no supporting finding"
                                : ", on " + String.join(", ", c.drivers())));
            }
        }
        return b.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = RankingJson.MAPPER.createObjectNode();
        root.put("directory", directory);
        root.put("mode", mode.name().toLowerCase(Locale.ROOT));
        root.put("reader", reader);
        Tally all = overall();
        ObjectNode summary = root.putObject("summary");
        summary.put("cases", all.cases());
        summary.put("accepted", all.accepted());
        summary.put("phrasesResolved", phrasesResolved());
        summary.put("phrasesUnresolved", phrasesUnresolved());
        if (mode == Evaluation.Mode.TEXT && goldPhrases() > 0) {
            summary.put("goldPhrases", goldPhrases());
            summary.put("goldResolved", goldResolved());
        }
        ArrayNode tallies = root.putArray("accuracy");
        List<Tally> rows = new ArrayList<>(perDiagnosis());
        rows.add(all);
        for (Tally t : rows) {
            tallies.addObject()
                    .put("diagnosis", t.name())
                    .put("cases", t.cases())
                    .put("accepted", t.accepted())
                    .put("top1", t.top1())
                    .put("top3", t.top3())
                    .put("top1Rate", t.top1Rate())
                    .put("top3Rate", t.top3Rate())
                    .put("nonAspsCases", t.nonAsps())
                    .put("aspsFirst", t.aspsFirst());
        }
        ArrayNode list = root.putArray("cases");
        for (CaseOutcome c : cases) {
            ObjectNode n = list.addObject();
            n.put("file", c.file());
            n.put("diagnosis", c.diagnosis());
            n.put("hypothesis", c.hypothesis());
            n.put("accepted", c.accepted());
            if (c.error() != null) n.put("error", c.error());
            n.put("resolved", c.resolved());
            c.unresolved().forEach(n.putArray("unresolved")::add);
            if (c.rankOfTruth() != null) n.put("rankOfTruth", c.rankOfTruth());
            if (c.top() != null) {
                n.put("top", c.top());
                n.put("topIri", c.topIri());
                n.put("topProbability", c.topProbability());
            }
            c.drivers().forEach(n.putArray("drivers")::add);
            c.excluded().forEach(n.putArray("excluded")::add);
            if (c.gold() > 0) {
                n.put("goldPhrases", c.gold());
                n.put("goldResolved", c.goldResolved());
                c.goldMissed().forEach(n.putArray("goldMissed")::add);
            }
        }
        return root;
    }

    public String json() {
        try {
            return RankingJson.MAPPER.writeValueAsString(toJson()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * r);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
