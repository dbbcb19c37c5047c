package org.aspskg.ddx.cohort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.DemographicGroups;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.CaseClassifier;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.rank.Association;
import org.aspskg.ddx.rank.DemographicModel;
import org.aspskg.ddx.rank.DiseaseFeatureAssociations;
import org.aspskg.ddx.read.TermIndex;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * A deterministic synthetic cohort of plausible patient cases, drawn from the ontology's
 * disease–feature associations ({@link DiseaseFeatureAssociations}, nothing weighted in code):
 *
 * <ul>
 *   <li>the true diagnosis is drawn uniformly from the ranked hypotheses (ASPS and its
 *       differentials), as the ranker's pre-test probability is uniform;</li>
 *   <li>a feature shows in a case of a diagnosis with the frequency the ontology derives for it
 *       ({@code aspskg:frequency} of the derived node: the sources' figure, or the documented
 *       assumption when no source reports it);</li>
 *   <li>age and sex follow the true diagnosis' demographic statements (young adults, a female
 *       predilection under 30, …) as the ranker weighs them: an age-and-sex cell is drawn from the
 *       {@link DemographicModel} fitted to them, then an age uniformly within the cell (1–85 years);
 *       finding associations restricted to an age group ({@code aspskg:inAgeGroup}) count only for a
 *       case in that group;</li>
 *   <li>a case has one primary anatomical site (a subclass of {@code aspskg:AnatomicalSite}),
 *       drawn by the sites' probabilities; other features are drawn independently;</li>
 *   <li>some features that did not show are stated absent (probability
 *       {@value #ABSENT_STATED}), never one the present findings imply;</li>
 *   <li>a case the ontology finds contradictory (disjoint findings drawn together) is drawn
 *       again.</li>
 * </ul>
 *
 * Case {@code i} of seed {@code s} depends only on (s, i): the same seed gives the same cohort,
 * and cases can be drawn in any order or in parallel.
 */
public final class CohortGenerator {
    /** P(feature | disease) for a feature the ontology derives no frequency for in that disease. */
    static final double UNSPECIFIED_BACKGROUND = 0.05;
    /** Probability that a feature which did not show is stated absent. */
    static final double ABSENT_STATED = 0.1;

    private static final double MIN_P = 0.001;
    private static final double MAX_P = 0.95;
    private static final int MIN_AGE = 1;
    private static final int MAX_AGE = 85;
    private static final int MAX_DRAWS = 200;

    private final CaseTBox tbox;
    private final DemographicGroups demographics;
    private final TermIndex terms;
    private final CaseClassifier classifier;
    private final List<String> diagnoses;
    private final List<String> features;
    private final Set<String> anatomicalSites = new TreeSet<>();
    /** Per feature, the features it implies (itself, its superclasses, what it is part of). */
    private final Map<String, Set<String>> implied = new HashMap<>();
    /** Per diagnosis and per subtype of one, its associations whose feature is a stateable finding or site. */
    private final Map<String, List<Association>> findingAssociations = new LinkedHashMap<>();
    /** Per diagnosis, the components of its mixture (its subtypes with their weights, or itself alone). */
    private final Map<String, List<DiseaseFeatureAssociations.Component>> components = new LinkedHashMap<>();
    /** Age and sex per diagnosis: the same fitted distribution the ranker weighs them by. */
    private final DemographicModel demographicModel;
    /** Per diagnosis and feature, P(feature) when the diagnosis has no association with it. */
    private final Map<String, Map<String, Double>> background = new LinkedHashMap<>();

    private final Map<String, DemographicGroups.Group> groups = new LinkedHashMap<>();

    /** One generated case and the diagnosis it was drawn from. */
    public record GeneratedCase(PatientCase patientCase, String trueDiagnosis) {}

    /**
     * @param associations what is drawn: the diagnoses and their associations
     * @param tbox         which features imply which, and which are anatomical sites
     * @param demographics the demographic groups an age and sex decide
     * @param demographicModel age and sex per diagnosis, the ranker's own (ages and sexes are drawn from it)
     * @param terms        the CURIEs and labels the statements are written with
     * @param classifier   finds the drawn cases that are contradictory, to draw them again
     */
    public CohortGenerator(
            DiseaseFeatureAssociations associations,
            CaseTBox tbox,
            DemographicGroups demographics,
            DemographicModel demographicModel,
            TermIndex terms,
            CaseClassifier classifier) {
        this.tbox = tbox;
        this.demographics = demographics;
        this.terms = terms;
        this.classifier = classifier;
        this.diagnoses = List.copyOf(associations.hypotheses());
        demographics.groups().forEach(g -> groups.put(g.iri(), g));
        this.demographicModel = demographicModel;
        Set<String> featureSet = new TreeSet<>();
        String site = AspsVocabulary.ANATOMICAL_SITE.getURI();
        for (Association a : associations.all()) {
            if (groups.containsKey(a.feature())) continue;
            OWLClass c = owlClass(a.feature());
            if (tbox.propertyOf(c).isEmpty()) continue;
            featureSet.add(a.feature());
            Set<String> up = new TreeSet<>();
            tbox.effectiveAncestors(c).forEach(x -> up.add(x.getIRI().toString()));
            tbox.superClasses(c).forEach(x -> up.add(x.getIRI().toString()));
            implied.put(a.feature(), up);
            if (up.contains(site)) anatomicalSites.add(a.feature());
        }
        this.features = List.copyOf(featureSet);
        for (String d : diagnoses) {
            components.put(d, associations.components(d));
            for (DiseaseFeatureAssociations.Component k : associations.components(d)) {
                List<Association> findings = new ArrayList<>();
                for (Association a : associations.of(k.iri())) {
                    if (!groups.containsKey(a.feature()) && featureSet.contains(a.feature())) findings.add(a);
                }
                findingAssociations.put(k.iri(), findings);
            }
            Map<String, List<Double>> others = new TreeMap<>();
            for (Association a : associations.all()) {
                if (!a.disease().equals(d) && featureSet.contains(a.feature())) {
                    others.computeIfAbsent(a.feature(), f -> new ArrayList<>()).add(rates(a)[1]);
                }
            }
            Map<String, Double> bg = new TreeMap<>();
            for (String f : featureSet) {
                List<Double> ps = others.get(f);
                bg.put(
                        f,
                        ps == null
                                ? UNSPECIFIED_BACKGROUND
                                : ps.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .orElseThrow());
            }
            background.put(d, bg);
        }
    }

    /** {P(feature | its disease), P(feature | the other diseases)}: the derived node's frequencies. */
    static double[] rates(Association a) {
        return new double[] {clamp(a.frequency()), clamp(a.frequencyInOthers())};
    }

    private static double clamp(double p) {
        return Math.max(MIN_P, Math.min(MAX_P, p));
    }

    /** The diagnoses cases are drawn from, in IRI order. */
    public List<String> diagnoses() {
        return diagnoses;
    }

    /** Cases 1…n of a seed, in order. */
    public List<GeneratedCase> generate(int n, long seed) {
        List<GeneratedCase> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) out.add(generateCase(seed, i));
        return out;
    }

    /** The case with 1-based number {@code index} of a seed's cohort. */
    public GeneratedCase generateCase(long seed, int index) {
        SplittableRandom rng = new SplittableRandom(mix(seed, index));
        String id = caseId(seed, index);
        String diagnosis = diagnoses.get(rng.nextInt(diagnoses.size()));
        // a hypothesis that pools subtypes: one subtype by its weight, whose age, sex and findings go together
        // (the model the ranker scores, Σ_k w_k P(case | k)); a plain hypothesis draws nothing more
        String component = component(rng, components.get(diagnosis));
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            PatientCase c = draw(rng, id, index, diagnosis, component);
            try {
                classifier.classify(c);
                return new GeneratedCase(c, diagnosis);
            } catch (ContradictoryCaseException e) {
                // disjoint findings drawn together: draw the case again
            }
        }
        throw new IllegalStateException("no consistent case for " + diagnosis + " in " + MAX_DRAWS + " draws");
    }

    /** {@code cohort-s<seed>-<index>}, zero-padded so that file names sort in case order. */
    public static String caseId(long seed, int index) {
        return String.format(Locale.ROOT, "cohort-s%d-%07d", seed, index);
    }

    private static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String component(SplittableRandom rng, List<DiseaseFeatureAssociations.Component> mixture) {
        if (mixture.size() == 1) return mixture.get(0).iri();
        double u = rng.nextDouble();
        double sum = 0;
        for (DiseaseFeatureAssociations.Component k : mixture) {
            sum += k.weight();
            if (u < sum) return k.iri();
        }
        return mixture.get(mixture.size() - 1).iri();
    }

    /** A case of {@code diagnosis}, drawn from {@code component} (the diagnosis itself or one of its subtypes). */
    private PatientCase draw(SplittableRandom rng, String id, int index, String diagnosis, String component) {
        SourcePosition at = SourcePosition.of(id);
        List<CaseStatement> statements = new ArrayList<>();
        int age = 0;
        String sex = null;
        // an age-and-sex cell from the distribution the ranker weighs ages and sexes by, then an age in it
        DemographicModel.Cell cell = demographicModel.cellAt(component, rng.nextDouble());
        int from = Math.max(MIN_AGE, cell.fromAge());
        int to = Math.max(from, Math.min(MAX_AGE, cell.toAge()));
        age = from + rng.nextInt(to - from + 1);
        sex = cell.sex();
        statements.add(CaseStatement.age(age, at));
        if (sex != null) statements.add(CaseStatement.sex(sex, at));
        Map<String, Boolean> member = memberships(age, sex);

        Map<String, Double> p = new TreeMap<>(background.get(diagnosis));
        Map<String, Double> own = new TreeMap<>();
        for (Association a : findingAssociations.get(component)) {
            if (a.ageGroup() != null && !member.getOrDefault(a.ageGroup(), false)) continue;
            own.merge(a.feature(), rates(a)[0], Math::max);
        }
        p.putAll(own);

        Set<String> present = new TreeSet<>();
        String primary = pickSite(rng, p);
        if (primary != null) present.add(primary);
        for (String f : features) {
            if (anatomicalSites.contains(f)) continue;
            if (rng.nextDouble() < p.get(f)) present.add(f);
        }
        Set<String> impliedByPresent = new TreeSet<>();
        present.forEach(f -> impliedByPresent.addAll(implied.get(f)));
        Set<String> absent = new TreeSet<>();
        for (String f : features) {
            if (anatomicalSites.contains(f) || impliedByPresent.contains(f)) continue;
            if (rng.nextDouble() < ABSENT_STATED) absent.add(f);
        }
        for (String f : present) statements.add(statement(true, f, at));
        for (String f : absent) statements.add(statement(false, f, at));
        return new PatientCase(
                AspsVocabulary.CASE_NS + id, id, "synthetic cohort case " + index, age, sex, statements, id);
    }

    private String pickSite(SplittableRandom rng, Map<String, Double> p) {
        double total = 0;
        for (String s : anatomicalSites) total += p.get(s);
        if (total <= 0) return null;
        double x = rng.nextDouble() * total;
        String last = null;
        for (String s : anatomicalSites) {
            last = s;
            x -= p.get(s);
            if (x < 0) return s;
        }
        return last;
    }

    private Map<String, Boolean> memberships(int age, String sex) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (DemographicGroups.Membership m : demographics.memberships(age, sex)) {
            out.put(m.group(), m.member());
        }
        return out;
    }

    private CaseStatement statement(boolean present, String feature, SourcePosition at) {
        String curie = terms.curie(feature);
        String label = terms.label(feature);
        return present
                ? CaseStatement.present(curie, feature, label, at)
                : CaseStatement.absent(curie, feature, label, at);
    }

    private OWLClass owlClass(String iri) {
        return tbox.dataFactory().getOWLClass(IRI.create(iri));
    }
}
