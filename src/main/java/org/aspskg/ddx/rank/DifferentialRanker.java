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
import org.semanticweb.owlapi.model.OWLClass;

/**
 * Ranks a case's differential diagnosis the way LIRICAL does (Robinson et al., AJHG 2020): each
 * hypothesis starts from the same pre-test probability, 1/N for N hypotheses, and its odds are
 * multiplied by the likelihood ratio of every association the case decides — LR+ when the case
 * shows the feature, LR− when it is known not to (stated absent, or entailed absent by the
 * ontology: a TFE3-negative case does not show nuclear TFE3 staining). Hypotheses are ranked by
 * the composite likelihood ratio, which orders them as the post-test probability does; ties keep
 * the hypotheses' IRI order.
 *
 * <p>Each piece of evidence counts once per hypothesis. For every statement of the case the
 * hypothesis' strongest matching association is taken (largest |log LR|; then the more specific
 * feature; then IRI order) — "thigh" matches ASPS's thigh and lower-limb associations but counts
 * once — and a statement implied by another of the same case (lower limb beside thigh, or "no
 * necrosis on CT" beside "no necrosis") adds nothing. An association with an age group counts only
 * for a case known to be in that group. All numbers come from the ontology through
 * {@link DiseaseFeatureAssociations}; none is in this class.
 */
public final class DifferentialRanker {
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

    public DifferentialRanking rank(CaseClassification classification) {
        if (associations.derivedFromFrequencies()) return rankByPosterior(classification);
        PatientCase c = classification.patientCase();
        boolean[] redundant = redundantStatements(c);
        double pretest = pretestProbability();
        double pretestOdds = pretest / (1 - pretest);
        Set<Integer> explained = new LinkedHashSet<>();
        List<RankedHypothesis> ranked = new ArrayList<>();
        for (String disease : associations.hypotheses()) {
            List<Candidate> candidates = candidates(disease, classification);
            Map<Association, Candidate> counted = new LinkedHashMap<>();
            for (Candidate k : candidates) {
                if (k.witnesses().isEmpty()) counted.put(k.association(), k);
            }
            for (int s = 0; s < c.statements().size(); s++) {
                if (redundant[s]) continue;
                final int statement = s;
                candidates.stream()
                        .filter(k -> k.witnesses().contains(statement))
                        .min(this::stronger)
                        .ifPresent(k -> {
                            counted.put(k.association(), k);
                            explained.add(statement);
                        });
            }
            List<Evidence> evidence = new ArrayList<>();
            double log10 = 0;
            for (Candidate k : counted.values()) {
                double lr = k.association().likelihoodRatio(k.observed());
                log10 += Math.log10(lr);
                List<CaseStatement> statements = k.witnesses().stream()
                        .filter(i -> !redundant[i])
                        .map(c.statements()::get)
                        .toList();
                evidence.add(new Evidence(
                        k.association(),
                        terms.label(k.association().feature()),
                        k.observed(),
                        lr,
                        statements.isEmpty()
                                ? k.witnesses().stream()
                                        .map(c.statements()::get)
                                        .toList()
                                : statements));
            }
            evidence.sort(Comparator.comparingDouble((Evidence e) -> -Math.abs(Math.log10(e.likelihoodRatio())))
                    .thenComparing(e -> e.association().iri()));
            double odds = pretestOdds * Math.pow(10, log10);
            double post = Double.isInfinite(odds) ? 1.0 : odds / (1 + odds);
            ranked.add(new RankedHypothesis(0, disease, associations.label(disease), log10, post, evidence));
        }
        return new DifferentialRanking(
                classification,
                pretest,
                numbered(
                        ranked,
                        Comparator.comparingDouble(RankedHypothesis::log10LikelihoodRatio)
                                .reversed()),
                unexplained(c, redundant, explained),
                ontologyVersion);
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
    private DifferentialRanking rankByPosterior(CaseClassification classification) {
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
        double pretest = pretestProbability();
        Set<Integer> explained = new LinkedHashSet<>();
        List<RankedHypothesis> ranked = new ArrayList<>();
        Map<String, Double> logLikelihood = new LinkedHashMap<>();
        for (String h : associations.hypotheses()) {
            double ln = 0;
            double log10 = 0;
            List<Evidence> evidence = new ArrayList<>();
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

    /** An association whose feature the case decides, with the statements that decide it. */
    private record Candidate(Association association, boolean observed, Set<Integer> witnesses) {}

    private List<Candidate> candidates(String disease, CaseClassification classification) {
        List<Candidate> out = new ArrayList<>();
        for (Association a : associations.of(disease)) {
            if (a.ageGroup() != null) {
                var group = classification.feature(a.ageGroup());
                if (group.isEmpty() || !group.get().observed()) continue;
            }
            classification
                    .feature(a.feature())
                    .ifPresent(status ->
                            out.add(new Candidate(a, status.observed(), new LinkedHashSet<>(status.witnesses()))));
        }
        return out;
    }

    /** Orders candidates strongest first: larger |log LR|, then the more specific feature, then IRI. */
    private int stronger(Candidate x, Candidate y) {
        double sx = Math.abs(Math.log10(x.association().likelihoodRatio(x.observed())));
        double sy = Math.abs(Math.log10(y.association().likelihoodRatio(y.observed())));
        if (sx != sy) return sx > sy ? -1 : 1;
        String fx = x.association().feature();
        String fy = y.association().feature();
        if (!fx.equals(fy)) {
            if (ancestors.getOrDefault(fx, Set.of()).contains(fy)) return -1;
            if (ancestors.getOrDefault(fy, Set.of()).contains(fx)) return 1;
        }
        return x.association().iri().compareTo(y.association().iri());
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
