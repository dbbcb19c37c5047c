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
 * give for groups ({@code P(adolescent | osteosarcoma) = 0.6}, …) by iterative proportional fitting,
 * starting from the same weight for every year of age from 0 to {@value #REFERENCE_YEARS} and both sexes
 * alike (the maximum-entropy distribution that meets the sourced frequencies; where no source says
 * anything of an age, the hypothesis is given that age's share of the years). The case then contributes
 * one factor per hypothesis: P(the cells compatible with what is known of its age and sex | h).
 *
 * <p>Only sourced frequencies constrain a hypothesis (a derived node marked assumed, the not-reported
 * default, does not: "no source says how many children have it" is not "5 % of cases are children").
 */
public final class DemographicModel {
    /** The reference weight is uniform over the years of age [0, REFERENCE_YEARS). */
    static final int REFERENCE_YEARS = 90;

    /** The feature the one demographic piece of evidence of every hypothesis is about. */
    public static final String FEATURE = org.aspskg.ontology.AspsVocabulary.iri("DemographicGroup");

    private static final int ROUNDS = 200;

    private final List<DemographicGroups.Group> groups;
    private final Set<String> groupIris = new LinkedHashSet<>();
    private final List<int[]> bins = new ArrayList<>();
    private final List<String> sexes;
    private final Map<String, double[]> cellProbabilities = new LinkedHashMap<>();
    private final Map<String, List<Association>> constraints = new LinkedHashMap<>();

    /** One hypothesis' factor for a case: the probability of the compatible cells and the rows it rests on. */
    public record Factor(double probability, List<Association> from, String cells) {}

    public DemographicModel(DemographicGroups demographics, DiseaseFeatureAssociations associations) {
        this.groups = demographics.groups();
        groups.forEach(g -> groupIris.add(g.iri()));
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        for (DemographicGroups.Group g : groups) {
            if (g.minimumAge() != null) cuts.add(g.minimumAge());
            if (g.maximumAge() != null && g.maximumAge() + 1 < REFERENCE_YEARS) cuts.add(g.maximumAge() + 1);
        }
        List<Integer> c = new ArrayList<>(cuts);
        for (int i = 0; i < c.size(); i++) {
            bins.add(new int[] {c.get(i), i + 1 < c.size() ? c.get(i + 1) - 1 : Integer.MAX_VALUE});
        }
        List<String> s = new ArrayList<>(demographics.sexes());
        if (s.isEmpty()) s.add("any");
        this.sexes = List.copyOf(s);
        for (String h : associations.hypotheses()) {
            List<Association> rows = associations.of(h).stream()
                    .filter(a -> a.ageGroup() == null && groupIris.contains(a.feature()) && !a.assumed())
                    .toList();
            constraints.put(h, rows);
            cellProbabilities.put(h, fit(rows));
        }
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

    private double[] fit(List<Association> rows) {
        double[] p = new double[cells()];
        for (int cell = 0; cell < p.length; cell++) {
            int[] bin = bins.get(cell / sexes.size());
            int to = Math.min(bin[1], REFERENCE_YEARS - 1);
            p[cell] = (double) (to - bin[0] + 1) / REFERENCE_YEARS / sexes.size();
        }
        for (int round = 0; round < ROUNDS && !rows.isEmpty(); round++) {
            for (Association a : rows) {
                DemographicGroups.Group g = group(a.feature());
                // renormalise before each step: the update below assumes a total of 1, and two groups whose
                // sourced shares do not add up to 1 (children 0.03 beside adults 0.82) otherwise multiply any
                // rounding error by (1 - target) / (1 - inside) each round, until the "distribution" sums to 4
                double total = 0;
                for (double v : p) total += v;
                for (int cell = 0; cell < p.length; cell++) p[cell] /= total;
                double inside = 0;
                for (int cell = 0; cell < p.length; cell++) if (inGroup(cell, g)) inside += p[cell];
                double target = a.frequency();
                if (inside <= 0 || inside >= 1) continue;
                for (int cell = 0; cell < p.length; cell++) {
                    p[cell] *= inGroup(cell, g) ? target / inside : (1 - target) / (1 - inside);
                }
            }
        }
        return p;
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
