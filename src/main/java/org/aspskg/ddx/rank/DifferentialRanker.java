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
    /** Every class {@link #ancestors} mentions, numbered; and by number, the numbers of its ancestors (or null). */
    private final Map<String, Integer> termIds = new HashMap<>();

    private final java.util.BitSet[] ancestorIds;
    /** By number, whether a class is among its own ancestors (then redundancy is decided pair by pair). */
    private final boolean[] selfAncestor;

    private final String ontologyVersion;
    private final DemographicModel demographics;
    /** The hypotheses, then the subtypes of those that pool subtypes: every set of rows the ranker weighs. */
    private final List<String> keys;
    /** The hypothesis of each key: itself, or the hypothesis a subtype belongs to. */
    private final Map<String, String> hypothesisOfKey = new HashMap<>();

    /**
     * @param associations    the hypotheses and their associations, with their likelihood ratios
     * @param tbox            which stated classes imply which (to count a piece of evidence once)
     * @param terms           the features' labels
     * @param ontologyVersion the versionIRI of the ontology, recorded in each ranking; or null
     * @param demographics    weighs age and sex once per hypothesis (see {@link DemographicModel})
     */
    public DifferentialRanker(
            DiseaseFeatureAssociations associations,
            CaseTBox tbox,
            TermIndex terms,
            String ontologyVersion,
            DemographicModel demographics) {
        this.associations = associations;
        this.demographics = demographics;
        this.terms = terms;
        this.ontologyVersion = ontologyVersion;
        for (OWLClass c : tbox.stateableClasses()) {
            ancestors.put(
                    c.getIRI().toString(),
                    tbox.effectiveAncestors(c).stream()
                            .map(a -> a.getIRI().toString())
                            .collect(Collectors.toUnmodifiableSet()));
        }
        List<String> keyList = new ArrayList<>(associations.hypotheses());
        for (String h : associations.hypotheses()) {
            hypothesisOfKey.put(h, h);
            for (DiseaseFeatureAssociations.Component c : associations.components(h)) {
                hypothesisOfKey.put(c.iri(), h);
                if (!keyList.contains(c.iri())) keyList.add(c.iri());
            }
        }
        this.keys = List.copyOf(keyList);
        Set<String> groups = new LinkedHashSet<>();
        for (String key : keys) {
            for (Association a : associations.of(key)) {
                if (a.ageGroup() != null) groups.add(a.ageGroup());
            }
        }
        this.ageGroups = List.copyOf(groups);
        for (var e : ancestors.entrySet()) {
            termIds.putIfAbsent(e.getKey(), termIds.size());
            for (String a : e.getValue()) termIds.putIfAbsent(a, termIds.size());
        }
        ancestorIds = new java.util.BitSet[termIds.size()];
        for (var e : ancestors.entrySet()) {
            java.util.BitSet bits = new java.util.BitSet(termIds.size());
            for (String a : e.getValue()) bits.set(termIds.get(a));
            ancestorIds[termIds.get(e.getKey())] = bits;
        }
        selfAncestor = new boolean[termIds.size()];
        for (int id = 0; id < ancestorIds.length; id++)
            selfAncestor[id] = ancestorIds[id] != null && ancestorIds[id].get(id);
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
    private static List<CaseStatement> unexplained(PatientCase c, boolean[] redundant, boolean[] explained) {
        List<CaseStatement> out = new ArrayList<>();
        for (int s = 0; s < c.statements().size(); s++) {
            CaseStatement st = c.statements().get(s);
            boolean finding = st.kind() == CaseStatement.Kind.PRESENT || st.kind() == CaseStatement.Kind.ABSENT;
            if (finding && !redundant[s] && !explained[s]) out.add(st);
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
        List<CaseStatement> statements = c.statements();
        boolean[] redundant = redundantStatements(c);
        Known known = known(classification);
        Map<String, Map<String, Association>> byKey = known.byKey;
        // the features the case decides, shared by every hypothesis, in the knowledge's feature order
        Map<String, CaseClassification.FeatureStatus> decided = decided(classification, known);
        List<String> decidedFeatures = new ArrayList<>(decided.keySet());
        List<CaseClassification.FeatureStatus> decidedStatus = new ArrayList<>(decided.values());
        int[] decidedIds = new int[decidedFeatures.size()];
        for (int i = 0; i < decidedIds.length; i++) decidedIds[i] = id(decidedFeatures.get(i));
        Set<String> counted = new LinkedHashSet<>();
        for (int i = 0; i < decidedFeatures.size(); i++) {
            String f = decidedFeatures.get(i);
            CaseClassification.FeatureStatus status = decidedStatus.get(i);
            boolean observed = status.observed();
            if (demographics.isDemographic(f) || subsumed(i, decidedFeatures, decidedStatus, decidedIds)) continue;
            boolean stated = status.witnesses().isEmpty();
            for (int w : status.witnesses()) {
                if (stated) break;
                stated = !redundant[w];
            }
            if (stated) counted.add(f);
        }
        Map<Integer, List<String>> general = moreGeneralFindings(c, redundant, known, decided, counted);
        general.keySet()
                .removeIf(s -> demographics.isDemographic(statements.get(s).term()));
        Map<String, DemographicModel.Factor> demographic = demographics.factors(classification);
        Map<String, Association> demographicRows =
                demographic.isEmpty() ? Map.of() : demographicAssociations(demographic);
        double pretest = pretestProbability();
        boolean[] explained = new boolean[statements.size()];
        // what each hypothesis shares: the general findings' rows, each counted feature's status and statements
        int generalCount = general.size();
        Association[][] generalRows = new Association[generalCount][];
        CaseStatement[] generalStatement = new CaseStatement[generalCount];
        String[] generalLabel = new String[generalCount];
        // Summed in a fixed order (by the stated class, then present before absent), not in the order the
        // statements were written: floating-point addition is not associative, and the last bits of a
        // probability must not depend on how the case was written or read back from the store.
        List<Map.Entry<Integer, List<String>>> generalInOrder = new ArrayList<>(general.entrySet());
        generalInOrder.sort(Comparator.comparing((Map.Entry<Integer, List<String>> e) ->
                        statements.get(e.getKey()).term())
                .thenComparing(e -> statements.get(e.getKey()).kind()));
        int g = 0;
        for (var e : generalInOrder) {
            CaseStatement st = statements.get(e.getKey());
            generalRows[g] = known.generalised(st.term(), e.getValue());
            generalStatement[g] = st;
            generalLabel[g] = terms.label(st.term());
            explained[e.getKey()] = true;
            g++;
        }
        int countedCount = counted.size();
        String[] countedFeature = counted.toArray(new String[0]);
        CaseClassification.FeatureStatus[] countedStatus = new CaseClassification.FeatureStatus[countedCount];
        for (int k = 0; k < countedCount; k++) {
            countedStatus[k] = decided.get(countedFeature[k]);
        }
        boolean[] weighed = new boolean[countedCount];
        List<String> hypotheses = associations.hypotheses();
        double[] logLikelihood = new double[hypotheses.size()];
        double[] log10Ratio = new double[hypotheses.size()];
        String[] bestKey = new String[hypotheses.size()];
        Map<String, Association[]> componentGeneral = new HashMap<>();
        for (int hi = 0; hi < hypotheses.size(); hi++) {
            String h = hypotheses.get(hi);
            List<DiseaseFeatureAssociations.Component> components = associations.components(h);
            if (!associations.isMixture(h)) {
                Association[] rowsOf = new Association[generalCount];
                for (int k = 0; k < generalCount; k++) rowsOf[k] = generalRows[k][hi];
                double[] weighedAs = weigh(
                        h,
                        rowsOf,
                        generalStatement,
                        demographicRows.get(h),
                        byKey,
                        countedFeature,
                        countedStatus,
                        weighed,
                        explained);
                logLikelihood[hi] = weighedAs[0];
                log10Ratio[hi] = weighedAs[1];
                bestKey[hi] = h;
                continue;
            }
            // a hypothesis that pools subtypes: P(case | h) = Σ_k w_k P(case | h, k), summed in log space; its
            // evidence is that of the subtype that contributes most
            double max = Double.NEGATIVE_INFINITY;
            double[] score = new double[components.size()];
            double[] log10 = new double[components.size()];
            for (int ci = 0; ci < components.size(); ci++) {
                DiseaseFeatureAssociations.Component component = components.get(ci);
                String key = component.iri();
                Association[] rowsOf = new Association[generalCount];
                for (int k = 0; k < generalCount; k++) {
                    rowsOf[k] = known.generalisedFor(
                            key,
                            generalStatement[k].term(),
                            generalInOrder.get(k).getValue());
                }
                componentGeneral.put(key, rowsOf);
                double[] weighedAs = weigh(
                        key,
                        rowsOf,
                        generalStatement,
                        demographicRows.get(key),
                        byKey,
                        countedFeature,
                        countedStatus,
                        weighed,
                        explained);
                score[ci] = Math.log(component.weight()) + weighedAs[0];
                log10[ci] = weighedAs[1];
                if (score[ci] > max) {
                    max = score[ci];
                    bestKey[hi] = key;
                    log10Ratio[hi] = log10[ci];
                }
            }
            double sum = 0;
            for (double v : score) sum += Math.exp(v - max);
            logLikelihood[hi] = max + Math.log(sum);
        }
        // the evidence lists are built when first asked for: a summary, a CSV row or the compact RDF of a
        // cohort's rankings never asks, and building them is most of the cost of a ranking
        EvidenceLists evidence = new EvidenceLists(
                statements,
                redundant,
                hypotheses,
                byKey,
                generalRows,
                generalStatement,
                generalLabel,
                demographic,
                demographicRows,
                countedFeature,
                countedStatus,
                bestKey,
                componentGeneral);
        List<RankedHypothesis> ranked = new ArrayList<>(hypotheses.size());
        for (int hi = 0; hi < hypotheses.size(); hi++) {
            String h = hypotheses.get(hi);
            ranked.add(new RankedHypothesis(0, h, associations.label(h), log10Ratio[hi], 0, evidence.of(hi)));
        }
        double max = java.util.Arrays.stream(logLikelihood).max().orElse(0);
        double sum = java.util.Arrays.stream(logLikelihood)
                .map(v -> Math.exp(v - max))
                .sum();
        List<RankedHypothesis> withPosterior = new ArrayList<>(ranked.size());
        for (int hi = 0; hi < ranked.size(); hi++) {
            RankedHypothesis h = ranked.get(hi);
            double posterior = Math.exp(logLikelihood[hi] - max) / sum;
            withPosterior.add(
                    new RankedHypothesis(0, h.disease(), h.label(), h.log10LikelihoodRatio(), posterior, h.evidence()));
        }
        return new DifferentialRanking(
                classification,
                pretest,
                numbered(withPosterior, POSTERIOR_ORDER),
                unexplained(c, redundant, explained),
                ontologyVersion);
    }

    /**
     * The log-likelihood of a case under one set of rows (a hypothesis, or one subtype of a hypothesis that
     * pools subtypes), and the sum of the log10 likelihood ratios of its evidence: {ln, log10}. Marks the
     * counted features some row weighs, and the statements they rest on as explained.
     */
    private static double[] weigh(
            String key,
            Association[] general,
            CaseStatement[] generalStatement,
            Association demographicRow,
            Map<String, Map<String, Association>> byKey,
            String[] countedFeature,
            CaseClassification.FeatureStatus[] countedStatus,
            boolean[] weighed,
            boolean[] explained) {
        double ln = 0;
        double log10 = 0;
        for (int k = 0; k < general.length; k++) {
            boolean observed = generalStatement[k].kind() == CaseStatement.Kind.PRESENT;
            Association a = general[k];
            ln += Math.log(a.probability(observed));
            log10 += Math.log10(a.likelihoodRatio(observed));
        }
        if (demographicRow != null) {
            ln += Math.log(demographicRow.frequency());
            log10 += Math.log10(demographicRow.likelihoodRatioIfPresent());
        }
        Map<String, Association> perFeature = byKey.getOrDefault(key, Map.of());
        for (int k = 0; k < countedFeature.length; k++) {
            Association a = perFeature.get(countedFeature[k]);
            if (a == null) continue;
            boolean observed = countedStatus[k].observed();
            ln += Math.log(a.probability(observed));
            log10 += Math.log10(a.likelihoodRatio(observed));
            if (!weighed[k]) {
                weighed[k] = true;
                for (int w : countedStatus[k].witnesses()) explained[w] = true;
            }
        }
        return new double[] {ln, log10};
    }

    /**
     * The evidence of every hypothesis of one ranking, built on the first request for any of them (and
     * then kept): each piece in the order of {@link #EVIDENCE_ORDER}, with the statements it rests on.
     */
    private final class EvidenceLists {
        private final List<CaseStatement> statements;
        private final boolean[] redundant;
        private final List<String> hypotheses;
        private final Map<String, Map<String, Association>> byKey;
        private final Association[][] generalRows;
        private final CaseStatement[] generalStatement;
        private final String[] generalLabel;
        private final Map<String, DemographicModel.Factor> demographic;
        private final Map<String, Association> demographicRows;
        private final String[] countedFeature;
        private final CaseClassification.FeatureStatus[] countedStatus;
        /** Per hypothesis, the key its evidence is that of: itself, or its most probable subtype. */
        private final String[] bestKey;
        /** Per subtype, its rows for the general findings. */
        private final Map<String, Association[]> componentGeneral;

        private List<List<Evidence>> built;

        EvidenceLists(
                List<CaseStatement> statements,
                boolean[] redundant,
                List<String> hypotheses,
                Map<String, Map<String, Association>> byKey,
                Association[][] generalRows,
                CaseStatement[] generalStatement,
                String[] generalLabel,
                Map<String, DemographicModel.Factor> demographic,
                Map<String, Association> demographicRows,
                String[] countedFeature,
                CaseClassification.FeatureStatus[] countedStatus,
                String[] bestKey,
                Map<String, Association[]> componentGeneral) {
            this.bestKey = bestKey;
            this.componentGeneral = componentGeneral;
            this.statements = statements;
            this.redundant = redundant;
            this.hypotheses = hypotheses;
            this.byKey = byKey;
            this.generalRows = generalRows;
            this.generalStatement = generalStatement;
            this.generalLabel = generalLabel;
            this.demographic = demographic;
            this.demographicRows = demographicRows;
            this.countedFeature = countedFeature;
            this.countedStatus = countedStatus;
        }

        /** The evidence of the {@code hi}-th hypothesis, as a list that builds every hypothesis' on first use. */
        List<Evidence> of(int hi) {
            return new org.aspskg.ddx.LazyList<>(() -> all().get(hi));
        }

        private synchronized List<List<Evidence>> all() {
            if (built == null) built = build();
            return built;
        }

        private List<List<Evidence>> build() {
            List<CaseStatement> ageAndSex = null;
            int countedCount = countedFeature.length;
            List<CaseStatement>[] countedStatements = newStatementLists(countedCount);
            String[] countedLabel = new String[countedCount];
            List<List<Evidence>> out = new ArrayList<>(hypotheses.size());
            for (int hi = 0; hi < hypotheses.size(); hi++) {
                String h = bestKey[hi];
                boolean plain = h.equals(hypotheses.get(hi));
                List<Evidence> evidence = new ArrayList<>();
                for (int k = 0; k < generalRows.length; k++) {
                    CaseStatement st = generalStatement[k];
                    boolean observed = st.kind() == CaseStatement.Kind.PRESENT;
                    Association a =
                            plain ? generalRows[k][hi] : componentGeneral.get(h)[k];
                    evidence.add(new Evidence(a, generalLabel[k], observed, a.likelihoodRatio(observed), List.of(st)));
                }
                DemographicModel.Factor factor = demographic.get(h);
                if (factor != null) {
                    Association a = demographicRows.get(h);
                    if (ageAndSex == null) {
                        List<CaseStatement> found = new ArrayList<>();
                        for (CaseStatement st : statements) {
                            if (st.kind() == CaseStatement.Kind.AGE || st.kind() == CaseStatement.Kind.SEX)
                                found.add(st);
                        }
                        ageAndSex = List.copyOf(found);
                    }
                    evidence.add(new Evidence(
                            a, "age and sex (" + factor.cells() + ")", true, a.likelihoodRatioIfPresent(), ageAndSex));
                }
                Map<String, Association> perFeature = byKey.getOrDefault(h, Map.of());
                for (int k = 0; k < countedCount; k++) {
                    Association a = perFeature.get(countedFeature[k]);
                    if (a == null) continue;
                    CaseClassification.FeatureStatus status = countedStatus[k];
                    if (countedStatements[k] == null) {
                        List<CaseStatement> found = new ArrayList<>();
                        for (int w : status.witnesses()) {
                            if (!redundant[w]) found.add(statements.get(w));
                        }
                        countedStatements[k] = List.copyOf(found);
                        countedLabel[k] = terms.label(countedFeature[k]);
                    }
                    evidence.add(new Evidence(
                            a,
                            countedLabel[k],
                            status.observed(),
                            a.likelihoodRatio(status.observed()),
                            countedStatements[k]));
                }
                evidence.sort(EVIDENCE_ORDER);
                out.add(List.copyOf(evidence));
            }
            return out;
        }
    }

    private static final Comparator<Evidence> EVIDENCE_ORDER = Comparator.comparingDouble(
                    (Evidence e) -> -Math.abs(Math.log10(e.likelihoodRatio())))
            .thenComparing(e -> e.association().iri());

    private static final Comparator<RankedHypothesis> POSTERIOR_ORDER =
            Comparator.comparingDouble(RankedHypothesis::postTestProbability).reversed();

    @SuppressWarnings("unchecked")
    private static List<CaseStatement>[] newStatementLists(int n) {
        return (List<CaseStatement>[]) new List<?>[n];
    }

    /**
     * Whether another decided feature with the same status makes the i-th one count for nothing: a more
     * specific present one (the i-th is among its ancestors), or a more general absent one.
     */
    private boolean subsumed(int i, List<String> features, List<CaseClassification.FeatureStatus> status, int[] ids) {
        boolean observed = status.get(i).observed();
        for (int j = 0; j < features.size(); j++) {
            if (j == i || status.get(j).observed() != observed) continue;
            if (features.get(j).equals(features.get(i))) continue;
            if (observed ? isAncestor(ids[j], ids[i]) : isAncestor(ids[i], ids[j])) return true;
        }
        return false;
    }

    /** The number of a class among those {@link #ancestors} mentions, or -1. */
    private int id(String iri) {
        Integer id = iri == null ? null : termIds.get(iri);
        return id == null ? -1 : id;
    }

    /** {@code ancestors.getOrDefault(of, Set.of()).contains(ancestor)}, by the classes' numbers. */
    private boolean isAncestor(int of, int ancestor) {
        return of >= 0 && ancestor >= 0 && ancestorIds[of] != null && ancestorIds[of].get(ancestor);
    }

    /** The features the case decides, in the order of {@link Known#features} (as every hypothesis lists them). */
    private static Map<String, CaseClassification.FeatureStatus> decided(
            CaseClassification classification, Known known) {
        Map<String, CaseClassification.FeatureStatus> features = classification.features();
        int[] order = new int[features.size()];
        int n = 0;
        for (String f : features.keySet()) {
            Integer index = known.featureIndex.get(f);
            if (index != null) order[n++] = index;
        }
        java.util.Arrays.sort(order, 0, n);
        Map<String, CaseClassification.FeatureStatus> decided = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String f = known.features.get(order[i]);
            decided.put(f, features.get(f));
        }
        return decided;
    }

    /**
     * The knowledge as a case of given observed age groups sees it, computed once per set of age groups:
     * per hypothesis its rows by feature (an age-specific row replaces the general one for a case in that
     * age group), every feature in that order, and what follows from them alone — the known features below
     * a more general finding, and the rows that weigh it.
     */
    private final class Known {
        final Map<String, Map<String, Association>> byKey;
        final List<String> features;
        final Map<String, Integer> featureIndex = new HashMap<>();
        private final Map<String, Below> below = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Association[]> generalised = new java.util.concurrent.ConcurrentHashMap<>();

        Known(Map<String, Map<String, Association>> byKey) {
            this.byKey = byKey;
            Set<String> all = new LinkedHashSet<>();
            byKey.values().forEach(perFeature -> all.addAll(perFeature.keySet()));
            this.features = List.copyOf(all);
            for (int i = 0; i < features.size(); i++) featureIndex.put(features.get(i), i);
        }

        /** The known features below a term no feature is, in feature order, and the most general of them. */
        Below below(String term) {
            return below.computeIfAbsent(term, t -> {
                List<String> under = new ArrayList<>();
                for (String f : features) {
                    if (ancestors.getOrDefault(f, Set.of()).contains(t)) under.add(f);
                }
                List<String> maximal = new ArrayList<>();
                for (String f : under) {
                    boolean top = true;
                    for (String o : under) {
                        if (!o.equals(f) && ancestors.getOrDefault(f, Set.of()).contains(o)) {
                            top = false;
                            break;
                        }
                    }
                    if (top) maximal.add(f);
                }
                return new Below(List.copyOf(under), List.copyOf(maximal));
            });
        }

        /** The row weighing a general finding through the known features below it for one subtype. */
        Association generalisedFor(String key, String term, List<String> maximal) {
            return subtypeGeneralised.computeIfAbsent(
                    List.of(key, term), k -> DifferentialRanker.this.generalised(key, term, maximal, byKey));
        }

        private final Map<List<String>, Association> subtypeGeneralised =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** The rows weighing a general finding through the known features below it, per hypothesis index. */
        Association[] generalised(String term, List<String> maximal) {
            return generalised.computeIfAbsent(term, t -> {
                List<String> hypotheses = associations.hypotheses();
                Association[] rows = new Association[hypotheses.size()];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = DifferentialRanker.this.generalised(hypotheses.get(i), t, maximal, byKey);
                }
                return rows;
            });
        }
    }

    private record Below(List<String> below, List<String> maximal) {}

    /** The age groups some row is restricted to, in the order the rows list them. */
    private final List<String> ageGroups;

    private final Map<java.util.BitSet, Known> knownByAgeGroups = new java.util.concurrent.ConcurrentHashMap<>();

    private Known known(CaseClassification classification) {
        java.util.BitSet observed = new java.util.BitSet();
        for (int i = 0; i < ageGroups.size(); i++) {
            var group = classification.feature(ageGroups.get(i));
            if (group.isPresent() && group.get().observed()) observed.set(i);
        }
        return knownByAgeGroups.computeIfAbsent(observed, k -> {
            Map<String, Map<String, Association>> byKey = new LinkedHashMap<>();
            for (String h : keys) {
                for (Association a : associations.of(h)) {
                    if (a.ageGroup() != null && !k.get(ageGroups.indexOf(a.ageGroup()))) continue;
                    Map<String, Association> perFeature = byKey.computeIfAbsent(h, x -> new LinkedHashMap<>());
                    Association existing = perFeature.get(a.feature());
                    if (existing == null || existing.ageGroup() == null) perFeature.put(a.feature(), a);
                }
            }
            byKey.replaceAll((h, perFeature) -> java.util.Collections.unmodifiableMap(perFeature));
            return new Known(java.util.Collections.unmodifiableMap(byKey));
        });
    }

    /**
     * The demographic rows of every hypothesis for one set of factors, computed once per set of compatible
     * cells and probabilities (and reused only when the factors rest on the same rows).
     */
    private Map<String, Association> demographicAssociations(Map<String, DemographicModel.Factor> factors) {
        List<Object> key = new ArrayList<>();
        List<List<Association>> from = new ArrayList<>();
        for (var e : factors.entrySet()) {
            key.add(e.getKey());
            key.add(e.getValue().cells());
            key.add(e.getValue().probability());
            from.add(e.getValue().from());
        }
        DemographicRows known = demographicRows.get(key);
        if (known != null && known.from().equals(from)) return known.rows();
        Map<String, Association> rows = new LinkedHashMap<>();
        factors.forEach((h, factor) -> rows.put(h, demographicAssociation(h, factor, factors)));
        DemographicRows computed = new DemographicRows(from, java.util.Collections.unmodifiableMap(rows));
        if (demographicRows.size() < MAX_DEMOGRAPHIC_ROWS) demographicRows.putIfAbsent(key, computed);
        return computed.rows();
    }

    /** The most sets of demographic rows kept: one per set of compatible age-and-sex cells seen. */
    private static final int MAX_DEMOGRAPHIC_ROWS = 4096;

    private record DemographicRows(List<List<Association>> from, Map<String, Association> rows) {}

    private final Map<List<Object>, DemographicRows> demographicRows = new java.util.concurrent.ConcurrentHashMap<>();

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
            Known known,
            Map<String, CaseClassification.FeatureStatus> decided,
            Set<String> counted) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (int s = 0; s < c.statements().size(); s++) {
            CaseStatement st = c.statements().get(s);
            boolean finding = st.kind() == CaseStatement.Kind.PRESENT || st.kind() == CaseStatement.Kind.ABSENT;
            if (!finding || redundant[s] || st.term() == null || known.featureIndex.containsKey(st.term())) continue;
            Below found = known.below(st.term());
            List<String> below = found.below();
            List<String> maximal = found.maximal();
            if (maximal.isEmpty()) continue;
            boolean present = st.kind() == CaseStatement.Kind.PRESENT;
            if (present) {
                boolean decidedPresent = false;
                for (String f : below) {
                    CaseClassification.FeatureStatus status = decided.get(f);
                    if (status != null && status.observed()) {
                        decidedPresent = true;
                        break;
                    }
                }
                if (decidedPresent) continue;
            }
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
        String own = hypothesisOfKey.getOrDefault(h, h);
        double ph = p.containsKey(h) ? p.get(h) : probabilityThrough(h, below, byKey);
        double qh = p.entrySet().stream()
                .filter(e -> !e.getKey().equals(own))
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
        return Association.fromFrequencies(
                parts.isEmpty() ? term : parts.get(0).iri(),
                associations.label(h) + ": " + terms.label(term) + " (through " + below.size() + " more specific)",
                h,
                term,
                ph,
                qh,
                basis,
                refs,
                parts.stream().allMatch(Association::assumed));
    }

    /** 1 − (1 − b) Π (1 − P(f | key)) over the known features below a general finding, kept within the bounds. */
    private double probabilityThrough(String key, List<String> below, Map<String, Map<String, Association>> byKey) {
        double none = 1 - associations.notReported();
        for (String f : below) {
            Association a = byKey.getOrDefault(key, Map.of()).get(f);
            if (a != null) none *= 1 - a.frequency();
        }
        return Math.max(FLOOR, Math.min(1 - FLOOR, 1 - none));
    }

    /**
     * The one demographic piece of evidence of a hypothesis: P(the age-and-sex cells compatible with the case
     * | h) from the {@link DemographicModel}, against the mean of the same over the other hypotheses. It
     * points to the derived node of the hypothesis' first sourced group frequency and cites all of them.
     */
    private Association demographicAssociation(
            String h, DemographicModel.Factor factor, Map<String, DemographicModel.Factor> all) {
        double ph = Math.max(FLOOR, Math.min(1 - FLOOR, factor.probability()));
        String own = hypothesisOfKey.getOrDefault(h, h);
        double qh = all.entrySet().stream()
                .filter(e -> associations.hypotheses().contains(e.getKey())
                        && !e.getKey().equals(own))
                .mapToDouble(
                        e -> Math.max(FLOOR, Math.min(1 - FLOOR, e.getValue().probability())))
                .average()
                .orElse(ph);
        Set<Reference> refs = new LinkedHashSet<>();
        factor.from().forEach(a -> refs.addAll(a.references()));
        String basis = String.format(
                java.util.Locale.ROOT,
                "age and sex counted once: P(%s | %s) = %.3f, fitted to the sourced group frequencies %s; %.3f on average in the other hypotheses",
                factor.cells(),
                associations.label(h),
                ph,
                factor.from().stream()
                        .map(a -> String.format(
                                java.util.Locale.ROOT,
                                "%s%s %.2f",
                                terms.label(a.feature()),
                                a.ageGroup() == null ? "" : " among " + terms.label(a.ageGroup()),
                                a.frequency()))
                        .collect(Collectors.joining(", ", "(", ")")),
                qh);
        return Association.fromFrequencies(
                factor.from().isEmpty() ? h : factor.from().get(0).iri(),
                associations.label(h) + ": age and sex",
                h,
                DemographicModel.FEATURE,
                ph,
                qh,
                basis,
                refs,
                factor.from().isEmpty());
    }

    /**
     * Statements another statement of the case implies: a present X when a more specific present Y
     * is stated (X is among Y's superclasses or what Y is part of); an absent X when a more general
     * absent Y is stated; the later of two identical statements.
     */
    private boolean[] redundantStatements(PatientCase c) {
        List<CaseStatement> st = c.statements();
        int n = st.size();
        boolean[] out = new boolean[n];
        int[] ids = new int[n];
        // per kind: the classes stated with it, and the union of their ancestors (linear in the statements)
        java.util.BitSet[] stated = new java.util.BitSet[KINDS.length];
        java.util.BitSet[] below = new java.util.BitSet[KINDS.length];
        Set<String> seen = null;
        for (int i = 0; i < n; i++) {
            CaseStatement s = st.get(i);
            if (s.term() == null) continue;
            int kind = s.kind().ordinal();
            int id = id(s.term());
            ids[i] = id;
            if (id >= 0) {
                if (stated[kind] == null) {
                    stated[kind] = new java.util.BitSet();
                    below[kind] = new java.util.BitSet();
                }
                if (stated[kind].get(id)) {
                    out[i] = true; // the later of two identical statements
                } else {
                    stated[kind].set(id);
                    if (ancestorIds[id] != null) below[kind].or(ancestorIds[id]);
                }
            } else {
                if (seen == null) seen = new java.util.HashSet<>();
                if (!seen.add(kind + " " + s.term())) out[i] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            CaseStatement s = st.get(i);
            int id = ids[i];
            if (out[i] || s.term() == null || id < 0) continue;
            int kind = s.kind().ordinal();
            if (selfAncestor[id]) {
                out[i] = redundantByPairs(st, ids, i); // a class among its own ancestors: compare pair by pair
            } else if (s.kind() == CaseStatement.Kind.PRESENT) {
                // a more specific present class of the case has this one among its ancestors
                out[i] = below[kind].get(id);
            } else {
                // a more general class stated with the same kind is among this one's ancestors
                out[i] = ancestorIds[id] != null && ancestorIds[id].intersects(stated[kind]);
            }
        }
        return out;
    }

    private static final CaseStatement.Kind[] KINDS = CaseStatement.Kind.values();

    /** {@link #redundantStatements} for one statement, against every other statement of the case. */
    private boolean redundantByPairs(List<CaseStatement> st, int[] ids, int i) {
        CaseStatement s = st.get(i);
        for (int j = 0; j < st.size(); j++) {
            CaseStatement t = st.get(j);
            if (i == j || t.kind() != s.kind() || t.term() == null) continue;
            boolean same =
                    ids[i] >= 0 && ids[j] >= 0 ? ids[i] == ids[j] : s.term().equals(t.term());
            boolean redundant;
            if (same) {
                redundant = j < i;
            } else if (s.kind() == CaseStatement.Kind.PRESENT) {
                redundant = isAncestor(ids[j], ids[i]);
            } else {
                redundant = isAncestor(ids[i], ids[j]);
            }
            if (redundant) return true;
        }
        return false;
    }
}
