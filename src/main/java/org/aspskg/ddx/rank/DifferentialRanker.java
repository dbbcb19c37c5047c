package org.aspskg.ddx.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ddx.read.TermIndex;
import org.aspskg.ontology.LikelihoodRatioDerivation;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * Ranks a case's differential diagnosis over ASPS and its differentials, which are mutually exclusive
 * alternatives for one lesion. Each starts from the same prior, 1/N for N hypotheses (as in LIRICAL,
 * Robinson et al., AJHG 2020), and its posterior is normalised over the N: P(h | case) ∝ Π P(status of f
 * | h) over the features f the case decides — the frequency when the case shows f, its complement when it
 * is known not to (stated absent, or entailed absent by the ontology: a TFE3-negative case does not show
 * nuclear TFE3 staining). The frequencies and the one-against-the-rest likelihood ratios each piece of
 * evidence shows come from the ontology's derived nodes ({@link DiseaseFeatureAssociations}); this class
 * only combines them.
 *
 * <p>Every hypothesis is weighed on the same features, each piece of evidence once: for each statement the
 * most specific feature it decides (a thigh mass counts as thigh, not also as lower limb); a statement
 * implied by another of the same case (lower limb beside thigh, or "no necrosis on CT" beside "no
 * necrosis") adds nothing; an age-specific row replaces the general one for a case known to be in that
 * age group. A finding more general than every known feature (a "distant metastasis" when only lung, bone
 * and brain metastases are known) is weighed through the features below it, with
 * P(general | h) = 1 − (1 − b) Π (1 − P(f | h)), b the not-reported frequency.
 */
public final class DifferentialRanker {
    /** The bounds a general finding's probability is kept within, as the derivation keeps every frequency. */
    private static final double FLOOR = LikelihoodRatioDerivation.FLOOR;

    private final DiseaseFeatureAssociations associations;
    private final TermIndex terms;
    private final Map<String, Set<String>> ancestors = new HashMap<>();
    private final String ontologyVersion;

    /**
     * @param associations    the hypotheses and their associations, with their likelihood ratios
     * @param tbox            which stated classes imply which (to count a piece of evidence once)
     * @param terms           the features' labels
     * @param ontologyVersion the versionIRI of the ontology, recorded in each ranking; or null
     */
    public DifferentialRanker(
            DiseaseFeatureAssociations associations, CaseTBox tbox, TermIndex terms, String ontologyVersion) {
        this.associations = associations;
        this.terms = terms;
        this.ontologyVersion = ontologyVersion;
        for (OWLClass c : tbox.stateableClasses()) {
            ancestors.put(
                    c.getIRI().toString(),
                    tbox.effectiveAncestors(c).stream()
                            .map(a -> a.getIRI().toString())
                            .collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** The pre-test probability of every hypothesis: uniform over the hypotheses. */
    public double pretestProbability() {
        return 1.0 / associations.hypotheses().size();
    }

    /** The hypotheses in the given order, numbered from 1. */
    private static List<RankedHypothesis> numbered(List<RankedHypothesis> ranked, Comparator<RankedHypothesis> order) {
        List<RankedHypothesis> sorted = new ArrayList<>(ranked);
        sorted.sort(order);
        List<RankedHypothesis> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            RankedHypothesis h = sorted.get(i);
            out.add(new RankedHypothesis(
                    i + 1, h.disease(), h.label(), h.log10LikelihoodRatio(), h.postTestProbability(), h.evidence()));
        }
        return out;
    }

    /** The case's findings (present or absent) that no counted evidence rests on, redundant ones aside. */
    private static List<CaseStatement> unexplained(PatientCase c, boolean[] redundant, Set<Integer> explained) {
        List<CaseStatement> out = new ArrayList<>();
        for (int s = 0; s < c.statements().size(); s++) {
            CaseStatement st = c.statements().get(s);
            boolean finding = st.kind() == CaseStatement.Kind.PRESENT || st.kind() == CaseStatement.Kind.ABSENT;
            if (finding && !redundant[s] && !explained.contains(s)) out.add(st);
        }
        return out;
    }

    /**
     * The ranking when the ontology's ratios are derived from frequencies: the hypotheses are mutually
     * exclusive alternatives, so each one's probability is normalised over all of them (Bayes' rule with
     * equal priors: P(h | case) ∝ Π P(status of f | h) over the features the case decides). Every
     * hypothesis is weighed on the same features: for each statement the most specific feature it
     * decides (a thigh mass counts as thigh, not also as lower limb; an age-specific row replaces the
     * general one for a case in that age group). Each piece of evidence shows its one-against-the-rest
     * likelihood ratio, P(status | h) / P(status | the others).
     */
    public DifferentialRanking rank(CaseClassification classification) {
        PatientCase c = classification.patientCase();
        boolean[] redundant = redundantStatements(c);
        Map<String, Map<String, Association>> byKey = new LinkedHashMap<>();
        for (String h : associations.hypotheses()) {
            for (Association a : associations.of(h)) {
                if (a.ageGroup() != null) {
                    var group = classification.feature(a.ageGroup());
                    if (group.isEmpty() || !group.get().observed()) continue;
                }
                Map<String, Association> perFeature = byKey.computeIfAbsent(h, k -> new LinkedHashMap<>());
                Association known = perFeature.get(a.feature());
                if (known == null || known.ageGroup() == null) perFeature.put(a.feature(), a);
            }
        }
        // the features the case decides, shared by every hypothesis
        Map<String, CaseClassification.FeatureStatus> decided = new LinkedHashMap<>();
        for (Map<String, Association> perFeature : byKey.values()) {
            for (String f : perFeature.keySet()) {
                classification.feature(f).ifPresent(status -> decided.putIfAbsent(f, status));
            }
        }
        Set<String> counted = new LinkedHashSet<>();
        for (var e : decided.entrySet()) {
            String f = e.getKey();
            boolean observed = e.getValue().observed();
            boolean subsumed = decided.entrySet().stream()
                    .anyMatch(o -> !o.getKey().equals(f)
                            && o.getValue().observed() == observed
                            && (observed
                                    ? ancestors
                                            .getOrDefault(o.getKey(), Set.of())
                                            .contains(f)
                                    : ancestors.getOrDefault(f, Set.of()).contains(o.getKey())));
            boolean stated = e.getValue().witnesses().isEmpty()
                    || e.getValue().witnesses().stream().anyMatch(i -> !redundant[i]);
            if (!subsumed && stated) counted.add(f);
        }
        Map<Integer, List<String>> general = moreGeneralFindings(c, redundant, byKey, decided, counted);
        double pretest = pretestProbability();
        Set<Integer> explained = new LinkedHashSet<>();
        List<RankedHypothesis> ranked = new ArrayList<>();
        Map<String, Double> logLikelihood = new LinkedHashMap<>();
        for (String h : associations.hypotheses()) {
            double ln = 0;
            double log10 = 0;
            List<Evidence> evidence = new ArrayList<>();
            for (var g : general.entrySet()) {
                CaseStatement st = c.statements().get(g.getKey());
                boolean observed = st.kind() == CaseStatement.Kind.PRESENT;
                Association a = generalised(h, st.term(), g.getValue(), byKey);
                ln += Math.log(a.probability(observed));
                double lr = a.likelihoodRatio(observed);
                log10 += Math.log10(lr);
                explained.add(g.getKey());
                evidence.add(new Evidence(a, terms.label(st.term()), observed, lr, List.of(st)));
            }
            for (String f : counted) {
                Association a = byKey.getOrDefault(h, Map.of()).get(f);
                if (a == null) continue;
                CaseClassification.FeatureStatus status = decided.get(f);
                ln += Math.log(a.probability(status.observed()));
                double lr = a.likelihoodRatio(status.observed());
                log10 += Math.log10(lr);
                explained.addAll(status.witnesses());
                List<CaseStatement> statements = status.witnesses().stream()
                        .filter(i -> !redundant[i])
                        .map(c.statements()::get)
                        .toList();
                evidence.add(new Evidence(a, terms.label(f), status.observed(), lr, statements));
            }
            evidence.sort(Comparator.comparingDouble((Evidence e) -> -Math.abs(Math.log10(e.likelihoodRatio())))
                    .thenComparing(e -> e.association().iri()));
            logLikelihood.put(h, ln);
            ranked.add(new RankedHypothesis(0, h, associations.label(h), log10, 0, evidence));
        }
        double max = logLikelihood.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        double sum = logLikelihood.values().stream()
                .mapToDouble(v -> Math.exp(v - max))
                .sum();
        List<RankedHypothesis> withPosterior = new ArrayList<>();
        for (RankedHypothesis h : ranked) {
            double posterior = Math.exp(logLikelihood.get(h.disease()) - max) / sum;
            withPosterior.add(
                    new RankedHypothesis(0, h.disease(), h.label(), h.log10LikelihoodRatio(), posterior, h.evidence()));
        }
        return new DifferentialRanking(
                classification,
                pretest,
                numbered(
                        withPosterior,
                        Comparator.comparingDouble(RankedHypothesis::postTestProbability)
                                .reversed()),
                unexplained(c, redundant, explained),
                ontologyVersion);
    }

    /**
     * The case's findings that are more general than every feature the knowledge has (a "necrosis" when only
     * necrosis on CT and on MRI are known; a "distant metastasis" when only lung, bone and brain metastases
     * are), each with the most general known features below it. Such a finding is weighed through them (see
     * {@link #generalised}); the features below it that the case decides only because of it (a stated
     * absence entails theirs) are then not counted again. A present finding with a known feature below it
     * that the case decides present anyway is left to that more specific feature.
     */
    private Map<Integer, List<String>> moreGeneralFindings(
            PatientCase c,
            boolean[] redundant,
            Map<String, Map<String, Association>> byKey,
            Map<String, CaseClassification.FeatureStatus> decided,
            Set<String> counted) {
        Set<String> known = new LinkedHashSet<>();
        byKey.values().forEach(perFeature -> known.addAll(perFeature.keySet()));
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (int s = 0; s < c.statements().size(); s++) {
            CaseStatement st = c.statements().get(s);
            boolean finding = st.kind() == CaseStatement.Kind.PRESENT || st.kind() == CaseStatement.Kind.ABSENT;
            if (!finding || redundant[s] || st.term() == null || known.contains(st.term())) continue;
            String term = st.term();
            List<String> below = known.stream()
                    .filter(f -> ancestors.getOrDefault(f, Set.of()).contains(term))
                    .toList();
            List<String> maximal = below.stream()
                    .filter(f -> below.stream()
                            .noneMatch(o -> !o.equals(f)
                                    && ancestors.getOrDefault(f, Set.of()).contains(o)))
                    .toList();
            if (maximal.isEmpty()) continue;
            boolean present = st.kind() == CaseStatement.Kind.PRESENT;
            if (present
                    && below.stream()
                            .anyMatch(f ->
                                    decided.containsKey(f) && decided.get(f).observed())) continue;
            final int statement = s;
            if (!present) {
                counted.removeIf(f -> below.contains(f)
                        && !decided.get(f).observed()
                        && decided.get(f).witnesses().stream().allMatch(i -> i == statement));
            }
            out.put(s, maximal);
        }
        return out;
    }

    /**
     * A finding more general than the known features {@code below} it, for one hypothesis: the case has it if
     * it has any of them, or a kind of it no source reports, so P(general | h) = 1 − (1 − b) Π (1 − P(f | h))
     * with b the not-reported frequency, the same for every hypothesis (exact if they occur independently;
     * never less than the largest, as a more general finding must be at least as frequent). Its likelihood
     * ratio compares that with the mean of the same figure over the
     * other hypotheses, as the derivation does for every feature: a general finding is more evenly shared
     * than the specific ones, so its ratio is weaker. The evidence points to the derived node of the most
     * frequent feature below it and cites the sources of all of them.
     */
    private Association generalised(
            String h, String term, List<String> below, Map<String, Map<String, Association>> byKey) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (String x : associations.hypotheses()) {
            double none = 1 - associations.notReported();
            for (String f : below) {
                Association a = byKey.getOrDefault(x, Map.of()).get(f);
                if (a != null) none *= 1 - a.frequency();
            }
            p.put(x, Math.max(FLOOR, Math.min(1 - FLOOR, 1 - none)));
        }
        double ph = p.get(h);
        double qh = p.entrySet().stream()
                .filter(e -> !e.getKey().equals(h))
                .mapToDouble(Map.Entry::getValue)
                .average()
                .orElse(ph);
        List<Association> parts = below.stream()
                .map(f -> byKey.getOrDefault(h, Map.of()).get(f))
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparingDouble(Association::frequency).reversed())
                .toList();
        Set<Reference> refs = new LinkedHashSet<>();
        parts.forEach(a -> refs.addAll(a.references()));
        String basis = String.format(
                java.util.Locale.ROOT,
                "more general than %s: 1 − (1 − not reported) Π(1 − p) = %.0f %% in %s, %.0f %% on average in the other hypotheses",
                below.stream().map(terms::label).collect(Collectors.joining(", ")),
                100 * ph,
                associations.label(h),
                100 * qh);
        return new Association(
                parts.isEmpty() ? term : parts.get(0).iri(),
                associations.label(h) + ": " + terms.label(term) + " (through " + below.size() + " more specific)",
                h,
                term,
                null,
                ph / qh,
                (1 - ph) / (1 - qh),
                basis,
                List.copyOf(refs),
                ph,
                qh,
                parts.stream().allMatch(Association::assumed));
    }

    /**
     * Statements another statement of the case implies: a present X when a more specific present Y
     * is stated (X is among Y's superclasses or what Y is part of); an absent X when a more general
     * absent Y is stated; the later of two identical statements.
     */
    private boolean[] redundantStatements(PatientCase c) {
        List<CaseStatement> st = c.statements();
        boolean[] out = new boolean[st.size()];
        for (int i = 0; i < st.size(); i++) {
            CaseStatement s = st.get(i);
            if (s.term() == null) continue;
            for (int j = 0; j < st.size() && !out[i]; j++) {
                CaseStatement t = st.get(j);
                if (i == j || t.kind() != s.kind() || t.term() == null) continue;
                if (s.term().equals(t.term())) {
                    out[i] = j < i;
                } else if (s.kind() == CaseStatement.Kind.PRESENT) {
                    out[i] = ancestors.getOrDefault(t.term(), Set.of()).contains(s.term());
                } else {
                    out[i] = ancestors.getOrDefault(s.term(), Set.of()).contains(t.term());
                }
            }
        }
        return out;
    }
}
