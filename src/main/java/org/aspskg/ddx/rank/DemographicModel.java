package org.aspskg.ddx.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.aspskg.ddx.cases.DemographicGroups;
import org.aspskg.ddx.classify.CaseClassification;

/**
 * Age and sex counted once per hypothesis. The ontology's demographic groups overlap (infants and children
 * 0–17, adolescents 10–19, young adults 18–39, adults 18+, older adults 60+, females under 30, females,
 * males); a case's age and sex put it in some of them and out of the others, and multiplying a likelihood
 * ratio for each membership and each non-membership would count one age many times. Instead the groups'
 * boundaries cut age × sex into disjoint cells (0–9, 10–17, 18–19, 20–29, 30–39, 40–59, 60+; female,
 * male), and for each hypothesis a distribution over the cells is fitted to the frequencies its sources
 * give for groups ({@code P(adolescent | osteosarcoma) = 0.6}, …) by generalised iterative scaling (statements
 * that conflict are pooled by weight of evidence, whatever their order: see {@link #fit}),
 * starting from the same weight for every year of age from 0 to {@value #REFERENCE_YEARS} and both sexes
 * alike (the maximum-entropy distribution that meets the sourced frequencies; where no source says
 * anything of an age, the hypothesis is given that age's share of the years). The case then contributes
 * one factor per hypothesis: P(the cells compatible with what is known of its age and sex | h).
 *
 * <p>A statement with an age group of its own ({@code aspskg:inAgeGroup}) gives a share <em>within</em> that band:
 * "a slight female predilection in patients younger than 30" is P(female | younger than 30, h) = 0.55, which
 * moves mass between the sexes inside the band and leaves the band's own share to the other statements.
 *
 * <p>Only sourced frequencies constrain a hypothesis (a derived node marked assumed, the not-reported
 * default, does not: "no source says how many children have it" is not "5 % of cases are children").
 */
public final class DemographicModel {
    /** The reference weight is uniform over the years of age [0, REFERENCE_YEARS). */
    static final int REFERENCE_YEARS = 90;

    /** The feature the one demographic piece of evidence of every hypothesis is about. */
    public static final String FEATURE = org.aspskg.ontology.AspsVocabulary.iri("DemographicGroup");

    /** Rounds of the fitting at most; it stops earlier once no cell moves by more than {@link #CONVERGED}. */
    private static final int MAX_ROUNDS = 20_000;

    /** The largest change of a cell's log-probability in a round (renormalised) below which the fit has converged. */
    private static final double CONVERGED = 1e-13;

    private final List<DemographicGroups.Group> groups;
    private final Set<String> groupIris = new LinkedHashSet<>();
    private final List<int[]> bins = new ArrayList<>();
    private final List<String> sexes;
    private final Map<String, double[]> cellProbabilities = new LinkedHashMap<>();
    private final Map<String, List<Association>> constraints = new LinkedHashMap<>();

    /** One hypothesis' factor for a case: the probability of the compatible cells and the rows it rests on. */
    public record Factor(double probability, List<Association> from, String cells) {}

    public DemographicModel(DemographicGroups demographics, DiseaseFeatureAssociations associations) {
        this(demographics.groups(), demographics.sexes(), statements(demographics, associations));
        // a hypothesis that pools subtypes is the mixture of its subtypes' distributions, Σ_k w_k P(cell | k),
        // not a fit to all their rows at once (a median of 64 for one subtype, adolescents for the other)
        for (String h : associations.hypotheses()) {
            List<DiseaseFeatureAssociations.Component> components = associations.components(h);
            if (!associations.isMixture(h)) continue;
            double[] mixed = new double[cells()];
            List<Association> from = new ArrayList<>();
            for (DiseaseFeatureAssociations.Component c : components) {
                double[] p = cellProbabilities.get(c.iri());
                for (int cell = 0; cell < mixed.length; cell++) mixed[cell] += c.weight() * p[cell];
                from.addAll(constraints.get(c.iri()));
            }
            cellProbabilities.put(h, mixed);
            constraints.put(h, List.copyOf(from));
        }
    }

    /**
     * A model of given groups and, per hypothesis, the sourced group frequencies ("statements") it is fitted
     * to; the public constructor reads both from the ontology. For tests of the fitting itself.
     */
    DemographicModel(
            List<DemographicGroups.Group> groups,
            java.util.Collection<String> sexValues,
            Map<String, List<Association>> statements) {
        this.groups = List.copyOf(groups);
        this.groups.forEach(g -> groupIris.add(g.iri()));
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        for (DemographicGroups.Group g : this.groups) {
            if (g.minimumAge() != null) cuts.add(g.minimumAge());
            if (g.maximumAge() != null && g.maximumAge() + 1 < REFERENCE_YEARS) cuts.add(g.maximumAge() + 1);
        }
        List<Integer> c = new ArrayList<>(cuts);
        for (int i = 0; i < c.size(); i++) {
            bins.add(new int[] {c.get(i), i + 1 < c.size() ? c.get(i + 1) - 1 : Integer.MAX_VALUE});
        }
        List<String> s = new ArrayList<>(sexValues);
        if (s.isEmpty()) s.add("any");
        this.sexes = List.copyOf(s);
        for (var e : statements.entrySet()) {
            List<Association> rows = e.getValue().stream()
                    .filter(a -> (a.ageGroup() == null || groupIris.contains(a.ageGroup()))
                            && groupIris.contains(a.feature())
                            && !a.assumed())
                    .toList();
            constraints.put(e.getKey(), rows);
            cellProbabilities.put(e.getKey(), fit(rows));
        }
    }

    private static Map<String, List<Association>> statements(
            DemographicGroups demographics, DiseaseFeatureAssociations associations) {
        Map<String, List<Association>> out = new LinkedHashMap<>();
        for (String h : associations.hypotheses()) out.put(h, associations.of(h));
        // each subtype of a hypothesis that pools subtypes has its own distribution, fitted to its own rows
        for (String h : associations.hypotheses()) {
            for (DiseaseFeatureAssociations.Component c : associations.components(h)) {
                if (!c.iri().equals(h)) out.put(c.iri(), associations.of(c.iri()));
            }
        }
        return out;
    }

    /** Whether a feature is a demographic group, which this model (not a likelihood ratio per group) weighs. */
    public boolean isDemographic(String feature) {
        return groupIris.contains(feature) || FEATURE.equals(feature);
    }

    private int cells() {
        return bins.size() * sexes.size();
    }

    private boolean inGroup(int cell, DemographicGroups.Group g) {
        int[] bin = bins.get(cell / sexes.size());
        String sex = sexes.get(cell % sexes.size());
        if (g.sex() != null && !g.sex().equalsIgnoreCase(sex)) return false;
        if (g.minimumAge() != null && bin[0] < g.minimumAge()) return false;
        return g.maximumAge() == null
                || bin[1] <= g.maximumAge()
                || (bin[1] == Integer.MAX_VALUE && g.maximumAge() >= REFERENCE_YEARS - 1);
    }

    private DemographicGroups.Group group(String iri) {
        return groups.stream().filter(g -> g.iri().equals(iri)).findFirst().orElseThrow();
    }

    /**
     * The distribution over the cells closest to "every year alike" that meets the statements, pooled by
     * weight of evidence where they conflict; independent of the order of the statements.
     *
     * <p>Each round computes, from the same current distribution, every statement's proportional-fitting step
     * (cells in its group × target / inside, the others × (1 − target) / (1 − inside)) and applies their
     * geometric mean weighted by the statements' weights (generalised iterative scaling). Consistent
     * statements are met exactly, as by the sequential fitting this replaces; conflicting ones (a word row
     * for young adults beside a registry's age bins that leave less for them) end at the weighted compromise
     * at which the weighted divergences Σ w_i KL(model share_i ‖ target_i) are least (the stationary point of
     * that sum within the family the fitting moves in), instead of on
     * whichever statement happened to be applied last. A single statement is met after the first round.
     */
    private double[] fit(List<Association> rows) {
        double[] p = new double[cells()];
        for (int cell = 0; cell < p.length; cell++) {
            int[] bin = bins.get(cell / sexes.size());
            int to = Math.min(bin[1], REFERENCE_YEARS - 1);
            p[cell] = (double) (to - bin[0] + 1) / REFERENCE_YEARS / sexes.size();
        }
        if (rows.isEmpty()) return p;
        double[] weight = new double[rows.size()];
        double totalWeight = 0;
        for (int i = 0; i < rows.size(); i++) {
            weight[i] = weightOfEvidence(rows.get(i));
            totalWeight += weight[i];
        }
        boolean[][] in = new boolean[rows.size()][p.length];
        boolean[][] within = new boolean[rows.size()][p.length];
        for (int i = 0; i < rows.size(); i++) {
            DemographicGroups.Group g = group(rows.get(i).feature());
            String band = rows.get(i).ageGroup();
            DemographicGroups.Group b = band == null ? null : group(band);
            for (int cell = 0; cell < p.length; cell++) {
                within[i][cell] = b == null || inGroup(cell, b);
                in[i][cell] = within[i][cell] && inGroup(cell, g);
            }
        }
        double[] step = new double[p.length];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            java.util.Arrays.fill(step, 0);
            for (int i = 0; i < rows.size(); i++) {
                double inside = 0;
                double band = 0;
                for (int cell = 0; cell < p.length; cell++) {
                    if (in[i][cell]) inside += p[cell];
                    if (within[i][cell]) band += p[cell];
                }
                if (band <= 0) continue;
                inside /= band; // a share within the statement's age band (all patients when it has none)
                if (inside <= 0 || inside >= 1) continue;
                double target = rows.get(i).frequency();
                double w = weight[i] / totalWeight;
                double up = w * Math.log(target / inside);
                double down = w * Math.log((1 - target) / (1 - inside));
                for (int cell = 0; cell < p.length; cell++) {
                    if (within[i][cell]) step[cell] += in[i][cell] ? up : down;
                }
            }
            double total = 0;
            for (int cell = 0; cell < p.length; cell++) {
                p[cell] *= Math.exp(step[cell]);
                total += p[cell];
            }
            // at the pooled point of conflicting statements the steps no longer vanish but are equal in every
            // cell, which the renormalisation cancels: converged when no cell moves once renormalised
            double largest = 0;
            double shift = Math.log(total);
            for (int cell = 0; cell < p.length; cell++) {
                p[cell] /= total;
                if (p[cell] > 0) largest = Math.max(largest, Math.abs(step[cell] - shift));
            }
            if (largest < CONVERGED) break;
        }
        return p;
    }

    /**
     * The weight a statement (one group's pooled frequency) carries where statements conflict: the number of
     * works it rests on, at least 1. This is the rule the derivation already applies to rows of one feature
     * that are not all counts (their plain mean: a word row and a registry are one source each), carried
     * over to statements about overlapping groups.
     */
    static double weightOfEvidence(Association statement) {
        long works = statement.references().stream()
                .filter(r -> r.number() == 0)
                .map(Reference::iri)
                .distinct()
                .count();
        return Math.max(1, works);
    }

    /**
     * The factor of each hypothesis for a case, or an empty map when the case decides no demographic group:
     * the probability of the cells compatible with every group the case is known to be in or not in.
     */
    public Map<String, Factor> factors(CaseClassification classification) {
        boolean[] compatible = new boolean[cells()];
        java.util.Arrays.fill(compatible, true);
        boolean any = false;
        for (DemographicGroups.Group g : groups) {
            var status = classification.feature(g.iri());
            if (status.isEmpty()) continue;
            any = true;
            for (int cell = 0; cell < compatible.length; cell++) {
                if (inGroup(cell, g) != status.get().observed()) compatible[cell] = false;
            }
        }
        if (!any) return Map.of();
        StringBuilder described = new StringBuilder();
        for (int cell = 0; cell < compatible.length; cell++) {
            if (!compatible[cell]) continue;
            int[] bin = bins.get(cell / sexes.size());
            if (described.length() > 0) described.append(", ");
            described
                    .append(bin[1] == Integer.MAX_VALUE ? bin[0] + "+" : bin[0] + "–" + bin[1])
                    .append(sexes.size() > 1 ? " " + sexes.get(cell % sexes.size()) : "");
        }
        Map<String, Factor> out = new LinkedHashMap<>();
        for (var e : cellProbabilities.entrySet()) {
            double sum = 0;
            for (int cell = 0; cell < compatible.length; cell++) if (compatible[cell]) sum += e.getValue()[cell];
            out.put(e.getKey(), new Factor(sum, constraints.get(e.getKey()), described.toString()));
        }
        return out;
    }

    /** One cell of the model: an age bin (its last year {@link Integer#MAX_VALUE} for the open one) and a sex. */
    public record Cell(int fromAge, int toAge, String sex) {}

    /**
     * The cell of {@code hypothesis} at cumulative probability {@code u} in [0, 1): drawing u uniformly draws a
     * cell with its fitted probability (cells in their fixed order).
     */
    public Cell cellAt(String hypothesis, double u) {
        double[] p = cellProbabilities.get(hypothesis);
        if (p == null) throw new IllegalArgumentException("no demographic model for " + hypothesis);
        double sum = 0;
        int last = 0;
        for (int cell = 0; cell < p.length; cell++) {
            if (p[cell] <= 0) continue;
            last = cell;
            sum += p[cell];
            if (u < sum) break;
        }
        int[] bin = bins.get(last / sexes.size());
        String sex = sexes.get(last % sexes.size());
        return new Cell(bin[0], bin[1], "any".equals(sex) ? null : sex);
    }

    /** P(age from..to, sex | h) under the fitted distribution (sex null: both); for tests and docs. */
    public double probability(String hypothesis, int age, String sex) {
        double[] p = cellProbabilities.get(hypothesis);
        double sum = 0;
        for (int cell = 0; cell < p.length; cell++) {
            int[] bin = bins.get(cell / sexes.size());
            if (age < bin[0] || age > bin[1]) continue;
            if (sex != null && !sexes.get(cell % sexes.size()).equalsIgnoreCase(sex)) continue;
            sum += p[cell];
        }
        return sum;
    }
}
