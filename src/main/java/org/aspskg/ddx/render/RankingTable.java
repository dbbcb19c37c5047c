package org.aspskg.ddx.render;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.aspskg.PrintableText;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.HypothesisExclusion;
import org.aspskg.ddx.rank.Association;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.Evidence;
import org.aspskg.ddx.rank.NextFindings;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.read.TermIndex;

/** The ranking as text for people: a summary table, then each hypothesis' evidence with its references. */
public final class RankingTable {
    private final TermIndex terms;

    public RankingTable(TermIndex terms) {
        this.terms = terms;
    }

    public void write(DifferentialRanking r, PrintWriter out) {
        PatientCase c = r.patientCase();
        out.println("Case " + PrintableText.of(c.id()) + (c.label() != null ? ": " + PrintableText.of(c.label()) : "")
                + " (" + PrintableText.of(c.source()) + ")");
        List<String> read = CaseReadingText.lines(c);
        read.forEach(l -> out.println(PrintableText.of(l)));
        if (!read.isEmpty()) out.println();
        String classes =
                r.classification().presentations().stream().map(terms::label).collect(Collectors.joining("; "));
        out.println("Classified as: " + (classes.isEmpty() ? "patient case (no defined presentation)" : classes));
        int n = r.hypotheses().size();
        out.printf(
                Locale.ROOT,
                "Pre-test probability 1/%d (%.3f) for each of %d hypotheses; post-test probabilities are "
                        + "normalised over them (P(h | case) ∝ P(case | h), the diseases' frequencies); "
                        + "LR = one hypothesis against the rest.%n%n",
                n,
                r.pretestProbability(),
                n);
        int width = Math.max(
                "Diagnosis".length(),
                r.hypotheses().stream().mapToInt(h -> h.label().length()).max().orElse(0));
        out.printf(
                Locale.ROOT,
                "%4s  %-" + width + "s  %10s  %8s  %3s  %7s%n",
                "Rank",
                "Diagnosis",
                "Post-test",
                "log10 LR",
                "For",
                "Against");
        for (RankedHypothesis h : r.hypotheses()) {
            out.printf(
                    Locale.ROOT,
                    "%4d  %-" + width + "s  %10s  %+8.2f  %3d  %7d%n",
                    h.rank(),
                    h.label(),
                    r.exclusion(h.disease()).isPresent() ? "excluded" : percent(h.postTestProbability()),
                    h.log10LikelihoodRatio(),
                    h.supporting().size(),
                    h.opposing().size());
        }
        for (RankedHypothesis h : r.hypotheses()) {
            out.println();
            out.println(h.rank() + ". " + h.label() + " (" + terms.curie(h.disease()) + ")");
            r.exclusion(h.disease()).ifPresent(x -> exclusion(out, x));
            if (h.evidence().isEmpty()) out.println("   no finding of the case bears on it");
            lines(out, "for", h.supporting());
            lines(out, "against", h.opposing());
            lines(out, "neutral", h.neutral());
        }
        if (!r.nextFindings().isEmpty()) {
            out.println();
            out.println("What to check next:");
            for (NextFindings.NextFinding f : r.nextFindings()) {
                out.println("   " + NextFindingText.sentence(f, terms::label));
            }
        }
        if (!r.unexplained().isEmpty()) {
            out.println();
            out.println("Not used by any hypothesis (the ontology has no association for them): "
                    + r.unexplained().stream()
                            .map(s -> (s.kind() == CaseStatement.Kind.ABSENT ? "no " : "") + "'"
                                    + PrintableText.of(s.written()) + "'")
                            .collect(Collectors.joining(", ")));
        }
        out.flush();
    }

    /** Why a hypothesis is excluded: each clash, the case statements and the axioms that entail the other side. */
    private void exclusion(PrintWriter out, HypothesisExclusion.Exclusion x) {
        for (HypothesisExclusion.Clash c : x.clashes()) {
            out.println("   EXCLUDED: every case of it " + (c.obligatePresent() ? "shows " : "lacks ")
                    + terms.label(c.feature()) + ", and the case states "
                    + c.statements().stream()
                            .map(s -> (s.kind() == CaseStatement.Kind.ABSENT ? "no " : "") + "'" + s.written() + "'"
                                    + " (" + s.position() + ")")
                            .collect(Collectors.joining(", ")));
            for (HypothesisExclusion.Axiom a : c.axioms()) {
                out.println("      because  " + a.text()
                        + (a.bridge()
                                ? "  [what a case of a diagnosis means]"
                                : a.sources().isEmpty()
                                        ? "  [no source given]"
                                        : "  ["
                                                + a.sources().stream()
                                                        .map(terms::curie)
                                                        .collect(Collectors.joining(", "))
                                                + "]"));
            }
        }
    }

    private static void lines(PrintWriter out, String side, List<Evidence> items) {
        for (Evidence e : items) {
            Association a = e.association();
            String refs = a.references().isEmpty()
                    ? "no source: assumed"
                    : "ref "
                            + a.references().stream()
                                    .map(ref -> ref.number() > 0 ? String.valueOf(ref.number()) : ref.shortName())
                                    .collect(Collectors.joining(", "));
            String from =
                    e.statements().stream().map(RankingTable::shown).distinct().collect(Collectors.joining(", "));
            out.printf(
                    Locale.ROOT,
                    "   %-7s  LR %-6s  %s %s%s  [%s; %s]%n",
                    side,
                    ratio(e.likelihoodRatio()),
                    e.featureLabel(),
                    e.observed() ? "present" : "absent",
                    from.isEmpty() ? "" : " (" + from + ")",
                    refs,
                    a.basis());
        }
    }

    private static String shown(CaseStatement s) {
        return switch (s.kind()) {
            case PRESENT, ABSENT -> "'" + PrintableText.of(s.written()) + "'";
            case AGE, SEX -> s.termLabel();
        };
    }

    /** A likelihood ratio to three significant digits: 11.5, 10, 0.5, 0.087. */
    static String ratio(double lr) {
        return new BigDecimal(lr).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String percent(double p) {
        if (p >= 0.9995 && p < 1) return ">99.9%";
        if (p > 0 && p < 0.0005) return "<0.1%";
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }
}
