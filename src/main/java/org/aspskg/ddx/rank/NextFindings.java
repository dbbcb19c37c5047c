package org.aspskg.ddx.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.CaseClassifier;
import org.aspskg.ddx.read.TermIndex;

/**
 * What to check next: for a ranked case, the unstated findings that would best separate the leading
 * hypotheses. The ranking is used as a black box: each candidate finding (a finding some association is
 * about, that the case does not decide) is added to the case once present and once absent, the case is
 * classified and ranked again, and the two outcomes are weighed by the finding's predictive probability
 * P(present | case) = Σ_h P(h | case) · P(present | h), the frequencies being the associations' own (a
 * hypothesis without an association for the finding takes the mean of those that have one). The score is
 * the expected information gain about the leading hypotheses (the first {@value #LEADING}, their
 * probabilities renormalised): entropy now minus the expected entropy after the answer, in bits.
 */
public final class NextFindings {
    /** How many leading hypotheses a finding should separate. */
    public static final int LEADING = 3;
    /** How many findings to suggest. */
    public static final int SUGGESTED = 3;
    /** The least difference in frequency between two leading hypotheses for a finding to be tried. */
    static final double MIN_SPREAD = 0.1;

    /**
     * A finding worth checking.
     *
     * @param feature          the finding's IRI
     * @param label            its label
     * @param presentProbability P(present | case)
     * @param informationGain  expected information gain about the leading hypotheses, in bits
     * @param leaderIfPresent  the hypothesis ranked first if it is present, and its probability
     * @param leaderIfAbsent   the hypothesis ranked first if it is absent, and its probability
     * @param favours          the leading hypothesis the finding's presence favours most (highest frequency)
     * @param against          the leading hypothesis its presence favours least
     */
    public record NextFinding(
            String feature,
            String label,
            double presentProbability,
            double informationGain,
            String leaderIfPresent,
            double leaderIfPresentProbability,
            String leaderIfAbsent,
            double leaderIfAbsentProbability,
            String favours,
            String against) {}

    private final DiseaseFeatureAssociations associations;
    private final CaseClassifier classifier;
    private final Function<CaseClassification, DifferentialRanking> rank;
    private final TermIndex terms;
    private final List<String> candidates;

    /**
     * @param associations the hypotheses' associations (their features are the candidates; their frequencies
     *                     give the predictive probabilities)
     * @param classifier   classifies a case with the finding added
     * @param rank         ranks a classified case (exclusion included)
     * @param terms        labels, and which features are findings
     * @param findingKind  the kind label of findings ({@link TermIndex#kindOf}); sites and groups are not suggested
     */
    public NextFindings(
            DiseaseFeatureAssociations associations,
            CaseClassifier classifier,
            Function<CaseClassification, DifferentialRanking> rank,
            TermIndex terms,
            String findingKind) {
        this.associations = associations;
        this.classifier = classifier;
        this.rank = rank;
        this.terms = terms;
        Set<String> features = new LinkedHashSet<>();
        for (Association a : associations.all()) {
            if (a.ageGroup() == null && findingKind.equals(terms.kindOf(a.feature()))) {
                features.add(a.feature());
            }
        }
        this.candidates = List.copyOf(features);
    }

    /** The findings that best separate the leading hypotheses of this ranking, best first (none if nothing would). */
    public List<NextFinding> suggest(DifferentialRanking ranking) {
        List<RankedHypothesis> leading = ranking.hypotheses().stream()
                .filter(h -> ranking.exclusion(h.disease()).isEmpty())
                .limit(LEADING)
                .toList();
        if (leading.size() < 2) return List.of();
        double now = entropy(leading.stream().map(RankedHypothesis::disease).toList(), ranking);
        PatientCase c = ranking.patientCase();
        List<NextFinding> out = new ArrayList<>();
        List<String> names = leading.stream().map(RankedHypothesis::disease).toList();
        for (String f : candidates) {
            if (ranking.classification().feature(f).isPresent()) continue;
            // a finding about as frequent in every leading hypothesis cannot separate them: skip the two rankings
            double spread = names.stream()
                            .mapToDouble(h -> frequency(h, f))
                            .max()
                            .orElse(0)
                    - names.stream().mapToDouble(h -> frequency(h, f)).min().orElse(0);
            if (spread < MIN_SPREAD) continue;
            double p = predictive(f, ranking);
            if (p <= 0 || p >= 1) continue;
            DifferentialRanking present = rankWith(c, f, true);
            DifferentialRanking absent = rankWith(c, f, false);
            if (present == null || absent == null) continue;
            double gain = now - p * entropy(names, present) - (1 - p) * entropy(names, absent);
            if (gain <= 1e-6) continue;
            String favours = null;
            String against = null;
            double hi = -1;
            double lo = 2;
            for (String h : names) {
                double q = frequency(h, f);
                if (q > hi) {
                    hi = q;
                    favours = h;
                }
                if (q < lo) {
                    lo = q;
                    against = h;
                }
            }
            out.add(new NextFinding(
                    f,
                    terms.label(f),
                    p,
                    gain,
                    present.top().disease(),
                    present.top().postTestProbability(),
                    absent.top().disease(),
                    absent.top().postTestProbability(),
                    favours,
                    against));
        }
        out.sort(Comparator.comparingDouble(NextFinding::informationGain)
                .reversed()
                .thenComparing(NextFinding::feature));
        return List.copyOf(out.subList(0, Math.min(SUGGESTED, out.size())));
    }

    private DifferentialRanking rankWith(PatientCase c, String feature, boolean present) {
        List<CaseStatement> statements = new ArrayList<>(c.statements());
        String label = terms.label(feature);
        SourcePosition at = SourcePosition.of("(what to check next)");
        statements.add(
                present
                        ? CaseStatement.present(label, feature, label, at)
                        : CaseStatement.absent(label, feature, label, at));
        PatientCase with = new PatientCase(c.iri(), c.id(), c.label(), c.ageYears(), c.sex(), statements, c.source());
        try {
            return rank.apply(classifier.classify(with));
        } catch (AspsKgException e) {
            return null; // the finding contradicts the case (a contradictory case is refused): not a question to ask
        }
    }

    /** P(present | case): the hypotheses' frequencies weighted by their posterior probabilities. */
    private double predictive(String feature, DifferentialRanking r) {
        double sum = 0;
        double total = 0;
        for (RankedHypothesis h : r.hypotheses()) {
            sum += h.postTestProbability() * frequency(h.disease(), feature);
            total += h.postTestProbability();
        }
        return total > 0 ? sum / total : 0;
    }

    private double frequency(String disease, String feature) {
        for (Association a : associations.of(disease)) {
            if (a.ageGroup() == null && a.feature().equals(feature)) return a.frequency();
        }
        double sum = 0;
        int n = 0;
        for (Association a : associations.all()) {
            if (a.ageGroup() == null && a.feature().equals(feature)) {
                sum += a.frequency();
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Entropy in bits of the named hypotheses' probabilities in a ranking, renormalised over them. */
    private static double entropy(List<String> names, DifferentialRanking r) {
        Map<String, Double> p = new java.util.HashMap<>();
        for (RankedHypothesis h : r.hypotheses()) p.put(h.disease(), h.postTestProbability());
        double total = names.stream().mapToDouble(n -> p.getOrDefault(n, 0.0)).sum();
        if (total <= 0) return 0;
        double e = 0;
        for (String n : names) {
            double q = p.getOrDefault(n, 0.0) / total;
            if (q > 0) e -= q * Math.log(q) / Math.log(2);
        }
        return e;
    }
}
