package org.aspskg.ontology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aspskg.AspsKgException;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClassAssertionAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLDataPropertyAssertionAxiom;
import org.semanticweb.owlapi.model.OWLDisjointClassesAxiom;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.OWLObjectPropertyAssertionAxiom;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;
import org.semanticweb.owlapi.vocab.OWL2Datatype;

/**
 * Likelihood ratios that compare the hypotheses with each other, derived at build time from the
 * frequencies of the association table (reproducible: the same tables give the same ratios).
 *
 * <p>The hypotheses are ASPS and its differential diagnoses (the {@code aspskg:hasDifferentialDiagnosis}
 * assertions): mutually exclusive alternatives for one lesion. For a feature {@code f} (in an age group
 * {@code g}, when the rows are age-specific) and a hypothesis {@code h}:
 *
 * <ul>
 *   <li>{@code p(h) = P(f | h)}: the rows' frequencies pooled — the summed counts {@code k} of {@code n}
 *       when every row counts cases, estimated as {@code (k + 1/2) / (n + 1)} (Jeffreys), else the mean of the
 *       proportions; a row about a subclass of a hypothesis (arteriovenous
 *       malformation under vascular malformation) counts for that hypothesis, and for that subtype only when the
 *       hypothesis pools subtypes and the subclass is one of them; no row for {@code h} in
 *       {@code g} gives {@code h} exactly what it has for {@code f} at all ages: its rows for {@code f} (in any
 *       age group when all are age-specific), else {@code 1 - (1 - b) Π(1 - p_i)} over the more specific
 *       features its rows report, else the complement of the reported alternative value of an attribute, else
 *       the same finding on another modality, else the frequency of the nearest more general feature they report
 *       halved at each level (a part of a reported site), else, for the value of an attribute every lesion has
 *       ({@code aspskg:valueOfLesionAttribute}), the mean over the hypotheses that got a frequency, and failing
 *       that the frequency the word table gives "not reported" (assumptions, marked on the node); two exclusive
 *       values of a lesion attribute that both have rows are made to add up to 1;
 *   <li>{@code q(h) = P(f | not h)}: the mean of {@code p} over the other hypotheses (equal priors among
 *       them);
 *   <li>{@code LR+ = p / q}, {@code LR- = (1 - p) / (1 - q)}, with {@code p} and {@code q} kept within
 *       [{@value #FLOOR}, 1 - {@value #FLOOR}] so that no single finding can make a hypothesis impossible.
 * </ul>
 *
 * A feature every hypothesis shows equally often has {@code LR = 1} for each: it counts for none. Each
 * result is an {@code aspskg:DerivedLikelihoodRatio} node naming the rows it was derived from.
 */
public final class LikelihoodRatioDerivation {
    /** The IRIs of the derived nodes start with this. */
    public static final String DERIVED_NS = AspsVocabulary.NS + "derived/";
    /** The frequency assumed for a feature no row of a hypothesis reports, unless the word table says otherwise. */
    public static final BigDecimal DEFAULT_NOT_REPORTED = new BigDecimal("0.05");
    /** The word of the frequency table that gives the not-reported frequency. */
    public static final String NOT_REPORTED = "not reported";

    /** Every probability is kept within [FLOOR, 1 - FLOOR]. */
    public static final double FLOOR = 0.005;

    private LikelihoodRatioDerivation() {}

    /**
     * One association row: its node, disease, feature, age group (or null) and frequency, counts when given, and
     * the subtype of its hypothesis it holds for (or null: every subtype).
     */
    record Row(
            IRI node,
            IRI disease,
            IRI feature,
            IRI ageGroup,
            BigDecimal frequency,
            Long numerator,
            Long denominator,
            IRI subtype) {}

    /** What the derivation gives one hypothesis for one feature (and age group): p, its clipped value and q. */
    private record Derived(IRI hypothesis, IRI feature, IRI group, Estimate p, double ph, double qh) {}

    /**
     * The derived nodes' axioms for the association rows among {@code axioms}.
     *
     * <p>A hypothesis that pools clinically different subtypes (osteosarcoma of bone and of soft tissue) has a
     * row whose feature is a subclass of the hypothesis for each subtype: the subtype's share of the hypothesis'
     * cases, its weight in the mixture. Such a hypothesis gets, besides the nodes of all its rows pooled (as
     * every hypothesis does: for the queries and for the other hypotheses' means), one set of nodes per subtype
     * ({@code aspskg:aboutSubtype}), derived from its rows without a subtype and those of that subtype only,
     * against the other hypotheses as they are; and a {@code aspskg:DerivedSubtypeWeight} node per subtype. A
     * row whose subtype is the hypothesis itself states a share among all its cases (angiosarcoma: skin 33 %):
     * the weights carry it, so it enters no subtype's rows.
     */
    static List<OWLAxiom> derive(Collection<OWLAxiom> axioms, BigDecimal notReported, OWLDataFactory df) {
        List<IRI> hypotheses = hypotheses(axioms);
        if (hypotheses.isEmpty()) return List.of();
        Map<IRI, IRI> parent = namedParents(axioms);
        Map<IRI, Set<IRI>> containers = containers(axioms);
        Map<IRI, IRI> modality = modalities(axioms);
        Map<IRI, Set<IRI>> alternatives = disjointAlternatives(axioms);
        // the declared-disjoint values of a lesion attribute (deep or superficial soft tissue): every soft-tissue
        // lesion has exactly one, so a hypothesis' two frequencies must add up to 1
        Map<IRI, Set<IRI>> exclusive = new LinkedHashMap<>();
        alternatives.forEach((k, v) -> exclusive.put(k, Set.copyOf(v)));
        List<Row> rows = new ArrayList<>();
        // per hypothesis, its subtypes' share rows (a row whose feature is a subclass of its hypothesis)
        Map<IRI, Map<IRI, List<Row>>> shares = new TreeMap<>(Comparator.comparing(IRI::toString));
        List<Row> stated = new ArrayList<>();
        for (Row row : rows(axioms)) {
            IRI h = hypothesisOf(row.disease(), hypotheses, parent);
            if (h == null) continue;
            if (!row.feature().equals(h) && hypothesisOf(row.feature(), List.of(h), parent) != null) {
                shares.computeIfAbsent(h, k -> new TreeMap<>(Comparator.comparing(IRI::toString)))
                        .computeIfAbsent(row.feature(), k -> new ArrayList<>())
                        .add(row);
                continue;
            }
            stated.add(row);
        }
        for (Row row : stated) {
            IRI h = hypothesisOf(row.disease(), hypotheses, parent);
            // a row about a subclass that is one of its hypothesis' subtypes (an arteriovenous malformation
            // series) holds for that subtype only, whether or not its subtype cell says so
            IRI subtype = row.subtype();
            if (!row.disease().equals(h) && shares.getOrDefault(h, Map.of()).containsKey(row.disease())) {
                if (subtype != null && !subtype.equals(row.disease())) {
                    throw new AspsKgException(
                            row.node() + " is about " + row.disease() + " but holds for the subtype " + subtype,
                            "A row about a subtype holds for that subtype: correct the row's disease or subtype cell in"
                                    + " ontology/tables/associations.tsv.");
                }
                subtype = row.disease();
            }
            rows.add(new Row(
                    row.node(),
                    h,
                    row.feature(),
                    row.ageGroup(),
                    row.frequency(),
                    row.numerator(),
                    row.denominator(),
                    subtype));
        }
        for (Row row : rows) {
            // a row tagged with the hypothesis itself holds for the hypothesis as a whole (a site's share among all
            // its cases, which the weights and the subtypes' own rows carry): it enters no subtype's rows
            if (row.subtype() != null
                    && !(row.subtype().equals(row.disease()) && shares.containsKey(row.disease()))
                    && !shares.getOrDefault(row.disease(), Map.of()).containsKey(row.subtype())) {
                throw new AspsKgException(
                        row.node() + " holds for the subtype " + row.subtype()
                                + ", which has no share row among the rows of " + row.disease(),
                        "In ontology/tables/associations.tsv give the subtype's share (a row whose feature is the"
                                + " subtype) or leave the row's subtype cell empty.");
            }
        }
        Set<List<IRI>> featureKeys = new LinkedHashSet<>();
        for (Row row : rows) featureKeys.add(Arrays.asList(row.feature(), row.ageGroup()));
        Map<IRI, String> attribute = attributes(axioms);
        Map<List<IRI>, List<Row>> all = byKey(rows);
        for (Map.Entry<IRI, String> a : attribute.entrySet()) {
            for (Map.Entry<IRI, String> b : attribute.entrySet()) {
                if (a.getKey().equals(b.getKey()) || !a.getValue().equals(b.getValue())) continue;
                // two values of one attribute, neither a kind of the other (large mass and mass larger than
                // 5 cm are one size said twice, slow and rapid growth two growth rates)
                if (isBelow(a.getKey(), b.getKey(), containers) || isBelow(b.getKey(), a.getKey(), containers))
                    continue;
                alternatives
                        .computeIfAbsent(a.getKey(), k -> new LinkedHashSet<>())
                        .add(b.getKey());
            }
        }
        Set<IRI> demographic = demographicGroups(axioms);
        World world = new World(
                hypotheses,
                featureKeys,
                containers,
                parent,
                modality,
                alternatives,
                exclusive,
                attribute,
                demographic,
                notReported.doubleValue());
        List<Derived> base = world.derive(all);
        List<OWLAxiom> subtypeNodes = new ArrayList<>();
        // per (hypothesis, feature, age group) of a mixture: the marginal Σ_k w_k p_k, which replaces the pooled
        // rows' p in the hypothesis' own node and in the other hypotheses' means
        Map<List<IRI>, Estimate> marginal = new LinkedHashMap<>();
        for (Map.Entry<IRI, Map<IRI, List<Row>>> mixture : shares.entrySet()) {
            IRI h = mixture.getKey();
            Map<IRI, Estimate> share = new LinkedHashMap<>();
            mixture.getValue().forEach((k, v) -> share.put(k, pooled(v)));
            double total = share.values().stream().mapToDouble(Estimate::value).sum();
            Map<List<IRI>, double[]> sums = new LinkedHashMap<>();
            Map<List<IRI>, List<IRI>> from = new LinkedHashMap<>();
            Map<List<IRI>, Boolean> assumed = new LinkedHashMap<>();
            for (Map.Entry<IRI, Estimate> e : share.entrySet()) {
                IRI k = e.getKey();
                double weight = e.getValue().value() / total;
                subtypeNodes.addAll(weightNode(df, h, k, e.getValue(), weight));
                List<Row> component = rows.stream()
                        .filter(r -> !r.disease().equals(h)
                                || r.subtype() == null
                                || r.subtype().equals(k))
                        .toList();
                for (Derived d : world.derive(byKey(component))) {
                    if (!d.hypothesis().equals(h)) continue;
                    subtypeNodes.addAll(node(df, h, k, d));
                    List<IRI> key = Arrays.asList(h, d.feature(), d.group());
                    double[] sum = sums.computeIfAbsent(key, x -> new double[2]);
                    sum[0] += weight * d.p().value();
                    sum[1] += weight;
                    from.computeIfAbsent(key, x -> new ArrayList<>()).addAll(d.p().from());
                    assumed.merge(key, d.p().assumed(), Boolean::logicalAnd);
                }
            }
            // a row of the hypothesis as a whole (a share among all its cases) is cited by the marginal it describes
            for (Row r : rows) {
                if (r.disease().equals(h) && h.equals(r.subtype())) {
                    from.computeIfAbsent(Arrays.asList(h, r.feature(), r.ageGroup()), x -> new ArrayList<>())
                            .add(r.node());
                }
            }
            sums.forEach((key, sum) -> {
                // a key every subtype has (a sex's share within an age band may be one subtype's statement only)
                if (Math.abs(sum[1] - 1) < 1e-9) {
                    marginal.put(
                            key,
                            new Estimate(sum[0], List.copyOf(new LinkedHashSet<>(from.get(key))), assumed.get(key)));
                }
            });
        }
        List<OWLAxiom> out = new ArrayList<>();
        for (Derived d : withMarginals(base, marginal)) out.addAll(node(df, d.hypothesis(), null, d));
        out.addAll(subtypeNodes);
        return out;
    }

    /**
     * The derived values with a mixture hypothesis' p replaced by its marginal over its subtypes, and every
     * hypothesis' q (the mean of the others' p) recomputed with it. Unchanged when no hypothesis has subtypes.
     */
    private static List<Derived> withMarginals(List<Derived> base, Map<List<IRI>, Estimate> marginal) {
        if (marginal.isEmpty()) return base;
        Map<List<IRI>, Map<IRI, Estimate>> byFeature = new LinkedHashMap<>();
        for (Derived d : base) {
            Estimate p = marginal.getOrDefault(Arrays.asList(d.hypothesis(), d.feature(), d.group()), d.p());
            byFeature
                    .computeIfAbsent(Arrays.asList(d.feature(), d.group()), k -> new LinkedHashMap<>())
                    .put(d.hypothesis(), p);
        }
        List<Derived> out = new ArrayList<>();
        for (Derived d : base) {
            Map<IRI, Estimate> p = byFeature.get(Arrays.asList(d.feature(), d.group()));
            List<IRI> key = Arrays.asList(d.hypothesis(), d.feature(), d.group());
            boolean touched = marginal.keySet().stream()
                    .anyMatch(m -> m.get(1).equals(d.feature()) && Objects.equals(m.get(2), d.group()));
            if (!touched) {
                out.add(d);
                continue;
            }
            Estimate own = p.get(d.hypothesis());
            double ph = clip(own.value());
            double qh = clip(p.entrySet().stream()
                    .filter(e -> !e.getKey().equals(d.hypothesis()))
                    .mapToDouble(e -> e.getValue().value())
                    .average()
                    .orElse(ph));
            out.add(new Derived(
                    d.hypothesis(), d.feature(), d.group(), marginal.containsKey(key) ? own : d.p(), ph, qh));
        }
        return out;
    }

    private static Map<List<IRI>, List<Row>> byKey(List<Row> rows) {
        Map<List<IRI>, List<Row>> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            byKey.computeIfAbsent(Arrays.asList(row.disease(), row.feature(), row.ageGroup()), k -> new ArrayList<>())
                    .add(row);
        }
        return byKey;
    }

    /** The ontology's structure the derivation uses, and the features (with age groups) every hypothesis gets. */
    private record World(
            List<IRI> hypotheses,
            Set<List<IRI>> featureKeys,
            Map<IRI, Set<IRI>> containers,
            Map<IRI, IRI> parent,
            Map<IRI, IRI> modality,
            Map<IRI, Set<IRI>> alternatives,
            Map<IRI, Set<IRI>> exclusive,
            Map<IRI, String> attribute,
            Set<IRI> demographic,
            double notReported) {

        /** Every hypothesis' p and q for every feature key, from the rows by (disease, feature, age group). */
        List<Derived> derive(Map<List<IRI>, List<Row>> byKey) {
            // every hypothesis' frequency for each feature over all ages, with the fallbacks for a hypothesis
            // without a row: an age-specific key uses it too, so that a hypothesis without a row in that age group
            // is weighed exactly as it is for the feature in general
            Map<IRI, Map<IRI, Estimate>> allAges = new LinkedHashMap<>();
            for (List<IRI> key : featureKeys) {
                IRI feature = key.get(0);
                if (!allAges.containsKey(feature)) {
                    boolean isAttributeValue = attribute.containsKey(feature) || alternatives.containsKey(feature);
                    allAges.put(
                            feature,
                            allAgesEstimates(
                                    feature,
                                    hypotheses,
                                    byKey,
                                    containers,
                                    parent,
                                    modality,
                                    alternatives.getOrDefault(feature, Set.of()),
                                    attribute.containsKey(feature)
                                            ? exclusive.getOrDefault(feature, Set.of())
                                            : Set.of(),
                                    isAttributeValue,
                                    notReported));
                }
            }
            List<Derived> out = new ArrayList<>();
            for (List<IRI> key : featureKeys) {
                IRI feature = key.get(0);
                IRI group = key.get(1);
                Map<IRI, Estimate> p = new LinkedHashMap<>();
                for (IRI h : hypotheses) {
                    List<Row> own = group == null ? null : byKey.get(Arrays.asList(h, feature, group));
                    p.put(h, own != null ? pooled(own) : allAges.get(feature).get(h));
                }
                for (IRI h : hypotheses) {
                    double ph = clip(p.get(h).value());
                    double qh = clip(p.entrySet().stream()
                            .filter(e -> !e.getKey().equals(h))
                            .mapToDouble(e -> e.getValue().value())
                            .average()
                            .orElse(ph));
                    // a sex's share within an age band is a statement only where a source makes it: a hypothesis
                    // without such a row gets no node (its all-age share is no statement about the band, and the
                    // demographic model would take it for one)
                    if (group != null
                            && demographic.contains(feature)
                            && byKey.get(Arrays.asList(h, feature, group)) == null) continue;
                    out.add(new Derived(h, feature, group, p.get(h), ph, qh));
                }
            }
            return out;
        }
    }

    /**
     * Each hypothesis' frequency for a feature over all ages: its own rows (all ages), else what its rows for more
     * specific features, for the feature's alternative value, for the same finding on another modality or for a
     * more general feature give (in that order); else, for the value of an attribute every lesion has (a depth, a
     * size, a growth rate, a margin), the mean over the hypotheses that got a frequency so far — their sources'
     * silence is no evidence about which value; else the not-reported frequency.
     */
    private static Map<IRI, Estimate> allAgesEstimates(
            IRI feature,
            List<IRI> hypotheses,
            Map<List<IRI>, List<Row>> byKey,
            Map<IRI, Set<IRI>> containers,
            Map<IRI, IRI> parent,
            Map<IRI, IRI> modality,
            Set<IRI> others,
            Set<IRI> exclusive,
            boolean isAttributeValue,
            double notReported) {
        Map<IRI, Estimate> p = new LinkedHashMap<>();
        for (IRI h : hypotheses) {
            List<Row> own = byKey.get(Arrays.asList(h, feature, null));
            if (own == null) own = anyAgeRows(h, feature, byKey);
            Estimate e = own != null ? pooled(own) : null;
            if (e != null && exclusive.size() == 1) e = withExclusiveAlternative(e, h, exclusive, byKey);
            if (e == null) e = fromDescendants(h, feature, null, byKey, containers, notReported);
            if (e == null) e = fromAlternative(h, others, null, byKey);
            if (e == null) e = fromOtherModality(h, feature, null, byKey, parent, containers, modality);
            if (e == null) e = fromAncestor(h, feature, null, byKey, containers);
            if (e != null) p.put(h, e);
        }
        Estimate background = isAttributeValue && !p.isEmpty() ? background(p.values()) : null;
        Map<IRI, Estimate> out = new LinkedHashMap<>();
        for (IRI h : hypotheses) {
            Estimate e = p.get(h);
            if (e == null) e = background;
            out.put(h, e != null ? e : new Estimate(notReported, List.of(), true));
        }
        return out;
    }

    /**
     * A hypothesis' frequency for one of two exclusive values of a lesion attribute when its sources report both
     * (synovial sarcoma: superficial 0.7 in one source, deep 0.75 in another): the two must add up to 1, so a
     * source's frequency for the other value is also an estimate of {@code 1 -} this one, and the two estimates
     * are averaged (deep (0.75 + 0.3) / 2 = 0.525, superficial 0.475) instead of each value keeping a frequency
     * that, with the other, claims more than every lesion. Unchanged when the other value has no row.
     */
    private static Estimate withExclusiveAlternative(
            Estimate own, IRI h, Set<IRI> exclusive, Map<List<IRI>, List<Row>> byKey) {
        IRI other = exclusive.iterator().next();
        List<Row> rows = byKey.get(Arrays.asList(h, other, null));
        if (rows == null) return own;
        Estimate o = pooled(rows);
        List<IRI> from = new ArrayList<>(own.from());
        from.addAll(o.from());
        return new Estimate((own.value() + 1 - o.value()) / 2, from, false);
    }

    /**
     * A hypothesis' rows for a feature when all of them are age-specific (the head and neck in children): the
     * only frequency its sources give, pooled over the age groups. Null when it has none.
     */
    private static List<Row> anyAgeRows(IRI h, IRI feature, Map<List<IRI>, List<Row>> byKey) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<IRI>, List<Row>> e : byKey.entrySet()) {
            List<IRI> key = e.getKey();
            if (key.get(0).equals(h) && key.get(1).equals(feature) && key.get(2) != null) rows.addAll(e.getValue());
        }
        return rows.isEmpty() ? null : rows;
    }

    /**
     * The value of {@code aspskg:valueOfLesionAttribute} on each class that has it: the attribute every lesion has
     * one value of (depth, size, growth rate, margin on MRI) that the class is a value of.
     */
    private static Map<IRI, String> attributes(Collection<OWLAxiom> axioms) {
        IRI property = AssociationTable.aspskg("valueOfLesionAttribute");
        Map<IRI, String> out = new TreeMap<>();
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLAnnotationAssertionAxiom a
                    && a.getSubject().isIRI()
                    && a.getProperty().getIRI().equals(property)
                    && a.getValue().asLiteral().isPresent()) {
                out.put(
                        (IRI) a.getSubject(),
                        a.getValue().asLiteral().orElseThrow().getLiteral());
            }
        }
        return out;
    }

    /** The demographic groups: the classes with an age bound or a sex among their criteria. */
    private static Set<IRI> demographicGroups(Collection<OWLAxiom> axioms) {
        Set<IRI> criteria = Set.of(
                AssociationTable.aspskg("minimumAgeYears"),
                AssociationTable.aspskg("maximumAgeYears"),
                AssociationTable.aspskg("requiresSex"));
        Set<IRI> out = new TreeSet<>();
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLAnnotationAssertionAxiom a
                    && a.getSubject().isIRI()
                    && criteria.contains(a.getProperty().getIRI())) out.add((IRI) a.getSubject());
        }
        return out;
    }

    private record Estimate(double value, List<IRI> from, boolean assumed) {}

    /**
     * The features each named class is declared disjoint with ({@code DisjointClasses}): the other values of
     * an attribute every lesion has one value of (deep or superficial soft tissue, slow or rapid growth).
     */
    private static Map<IRI, Set<IRI>> disjointAlternatives(Collection<OWLAxiom> axioms) {
        Map<IRI, Set<IRI>> out = new LinkedHashMap<>();
        for (OWLAxiom ax : axioms) {
            if (!(ax instanceof OWLDisjointClassesAxiom d)) continue;
            List<IRI> named = d.classExpressions()
                    .filter(c -> c.isNamed())
                    .map(c -> c.asOWLClass().getIRI())
                    .sorted(Comparator.comparing(IRI::toString))
                    .toList();
            for (IRI a : named)
                for (IRI b : named)
                    if (!a.equals(b))
                        out.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
        }
        return out;
    }

    /**
     * For a feature a hypothesis' sources do not report but whose disjoint alternative they do (superficial
     * soft tissue when only deep soft tissue is reported): {@code 1 - p(alternative)}, what the alternative
     * leaves (exact for two values that cover every lesion, an upper bound otherwise). Marked as assumed;
     * null when no alternative is reported or several are.
     */
    private static Estimate fromAlternative(IRI h, Set<IRI> alternatives, IRI group, Map<List<IRI>, List<Row>> byKey) {
        Estimate found = null;
        for (IRI alt : alternatives) {
            List<Row> rows = byKey.get(Arrays.asList(h, alt, group));
            if (rows == null && group != null) rows = byKey.get(Arrays.asList(h, alt, null));
            if (rows == null) continue;
            if (found != null) return null;
            Estimate e = pooled(rows);
            found = new Estimate(1 - e.value(), e.from(), true);
        }
        return found;
    }

    /**
     * For a value of an attribute every lesion has (a feature with a disjoint alternative) that a hypothesis'
     * sources report neither way: every case of the hypothesis has some depth or some growth rate, so their
     * silence says nothing about which, and the mean over the hypotheses whose sources do say is taken — not
     * the not-reported frequency, which would read the silence as "the tumour is seldom deep". Assumed.
     */
    private static Estimate background(Collection<Estimate> known) {
        return new Estimate(
                known.stream().mapToDouble(Estimate::value).average().orElseThrow(), List.of(), true);
    }

    /** The modality of each feature observed with one ({@code observedWith some M}). */
    private static Map<IRI, IRI> modalities(Collection<OWLAxiom> axioms) {
        IRI observedWith = AssociationTable.aspskg("observedWith");
        Map<IRI, IRI> out = new LinkedHashMap<>();
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLSubClassOfAxiom s
                    && s.getSubClass().isNamed()
                    && s.getSuperClass() instanceof OWLObjectSomeValuesFrom some
                    && !some.getProperty().isAnonymous()
                    && some.getProperty().asOWLObjectProperty().getIRI().equals(observedWith)
                    && some.getFiller().isNamed()) {
                out.putIfAbsent(
                        s.getSubClass().asOWLClass().getIRI(),
                        some.getFiller().asOWLClass().getIRI());
            }
        }
        return out;
    }

    /**
     * For a finding seen with one modality that a hypothesis' sources report only as seen with another (the
     * same named finding, e.g. heterogeneous enhancement, on contrast-enhanced CT when only post-contrast T1
     * MRI is reported): the property belongs to the tumour, the modality only shows it, so the frequency
     * reported with the other modality is taken (the mean, when several are). The common parent must be a
     * finding below {@code aspskg:Finding}, not the category itself. Marked as assumed; null when none.
     */
    private static Estimate fromOtherModality(
            IRI h,
            IRI feature,
            IRI group,
            Map<List<IRI>, List<Row>> byKey,
            Map<IRI, IRI> parent,
            Map<IRI, Set<IRI>> containers,
            Map<IRI, IRI> modality) {
        IRI own = modality.get(feature);
        IRI finding = AssociationTable.aspskg("Finding");
        IRI common = parent.get(feature);
        if (own == null || common == null || common.equals(finding) || !isBelow(common, finding, containers))
            return null;
        List<Estimate> others = new ArrayList<>();
        for (Map.Entry<List<IRI>, List<Row>> e : byKey.entrySet()) {
            List<IRI> key = e.getKey();
            IRI sibling = key.get(1);
            if (!key.get(0).equals(h) || !Objects.equals(key.get(2), group) || sibling.equals(feature)) continue;
            if (!common.equals(parent.get(sibling))
                    || modality.get(sibling) == null
                    || modality.get(sibling).equals(own)) continue;
            others.add(pooled(e.getValue()));
        }
        if (others.isEmpty()) return null;
        List<IRI> from = new ArrayList<>();
        others.forEach(o -> from.addAll(o.from()));
        return new Estimate(
                others.stream().mapToDouble(Estimate::value).average().orElseThrow(), from, true);
    }

    /**
     * For a feature a hypothesis' sources do not report: the frequency of the nearest more general feature
     * they do report, halved at each level between the two (a thigh mass when only the lower limb is reported:
     * the thigh is one of its parts, how large a share is not known, so half; skin of the head and neck when
     * only superficial soft tissue is reported: a part of a part, a quarter; of several equally near, the least
     * frequent, which bounds it), marked as assumed; null when no ancestor is reported.
     */
    private static Estimate fromAncestor(
            IRI h, IRI feature, IRI group, Map<List<IRI>, List<Row>> byKey, Map<IRI, Set<IRI>> containers) {
        List<IRI> level = List.of(feature);
        Set<IRI> seen = new LinkedHashSet<>(level);
        for (int depth = 0; depth < 10 && !level.isEmpty(); depth++) {
            List<IRI> next = new ArrayList<>();
            Estimate nearest = null;
            for (IRI f : level) {
                for (IRI up : containers.getOrDefault(f, Set.of())) {
                    if (!seen.add(up)) continue;
                    List<Row> rows = byKey.get(Arrays.asList(h, up, group));
                    if (rows == null && group != null) rows = byKey.get(Arrays.asList(h, up, null));
                    if (rows != null) {
                        // a part of several reported features (a bone of the upper limb) is no more frequent than
                        // the least frequent of them: the same answer whatever order the axioms come in
                        Estimate e = pooled(rows);
                        if (nearest == null
                                || e.value() < nearest.value()
                                || (e.value() == nearest.value()
                                        && e.from()
                                                        .toString()
                                                        .compareTo(
                                                                nearest.from().toString())
                                                < 0)) {
                            nearest = e;
                        }
                    }
                    next.add(up);
                }
            }
            // half at each level: a part of a part of a reported region gets a quarter, and so on
            if (nearest != null) return new Estimate(nearest.value() / Math.pow(2, depth + 1), nearest.from(), true);
            level = next;
        }
        return null;
    }

    /**
     * For a feature a hypothesis' sources do not report but report more specific kinds of (a lower-limb
     * mass when only the thigh and the knee are reported): a case with any of them has the general feature,
     * so {@code P(general) = 1 - (1 - b) Π (1 - p_i)} over the most general of the reported kinds, where
     * {@code b} is the not-reported frequency: the chance that at least one reported kind is present, were
     * they independent (never below the largest {@code p_i}, which holds when they always come together, nor
     * far above their sum, which holds when they exclude each other), or that the feature comes in a kind no
     * source reports, as often as any unreported feature. Marked as assumed; null when no more specific
     * feature is reported.
     */
    private static Estimate fromDescendants(
            IRI h,
            IRI feature,
            IRI group,
            Map<List<IRI>, List<Row>> byKey,
            Map<IRI, Set<IRI>> containers,
            double notReported) {
        Map<IRI, Estimate> below = new LinkedHashMap<>();
        for (Map.Entry<List<IRI>, List<Row>> e : byKey.entrySet()) {
            List<IRI> key = e.getKey();
            if (!key.get(0).equals(h)
                    || !Objects.equals(key.get(2), group)
                    || key.get(1).equals(feature)) continue;
            if (isBelow(key.get(1), feature, containers)) below.put(key.get(1), pooled(e.getValue()));
        }
        if (below.isEmpty()) return null;
        double none = 1 - notReported;
        List<IRI> from = new ArrayList<>();
        for (Map.Entry<IRI, Estimate> e : below.entrySet()) {
            boolean covered = below.keySet().stream()
                    .anyMatch(other -> !other.equals(e.getKey()) && isBelow(e.getKey(), other, containers));
            if (covered) continue;
            none *= 1 - e.getValue().value();
            from.addAll(e.getValue().from());
        }
        return new Estimate(1 - none, from, true);
    }

    private static boolean isBelow(IRI feature, IRI ancestor, Map<IRI, Set<IRI>> containers) {
        Set<IRI> seen = new LinkedHashSet<>();
        List<IRI> level = List.of(feature);
        for (int depth = 0; depth < 12 && !level.isEmpty(); depth++) {
            List<IRI> next = new ArrayList<>();
            for (IRI f : level) {
                for (IRI up : containers.getOrDefault(f, Set.of())) {
                    if (up.equals(ancestor)) return true;
                    if (seen.add(up)) next.add(up);
                }
            }
            level = next;
        }
        return false;
    }

    /** Each named class's named superclasses and the classes it is part of ({@code part of some X}). */
    private static Map<IRI, Set<IRI>> containers(Collection<OWLAxiom> axioms) {
        IRI partOf = IRI.create("http://purl.obolibrary.org/obo/BFO_0000050");
        Map<IRI, Set<IRI>> out = new LinkedHashMap<>();
        for (OWLAxiom ax : axioms) {
            if (!(ax instanceof OWLSubClassOfAxiom s) || !s.getSubClass().isNamed()) continue;
            IRI sub = s.getSubClass().asOWLClass().getIRI();
            if (s.getSuperClass().isNamed()) {
                out.computeIfAbsent(sub, k -> new LinkedHashSet<>())
                        .add(s.getSuperClass().asOWLClass().getIRI());
            } else if (s.getSuperClass() instanceof OWLObjectSomeValuesFrom some
                    && !some.getProperty().isAnonymous()
                    && some.getProperty().asOWLObjectProperty().getIRI().equals(partOf)
                    && some.getFiller().isNamed()) {
                out.computeIfAbsent(sub, k -> new LinkedHashSet<>())
                        .add(some.getFiller().asOWLClass().getIRI());
            }
        }
        return out;
    }

    private static Estimate pooled(List<Row> rows) {
        List<IRI> from = rows.stream().map(Row::node).toList();
        if (rows.stream().allMatch(r -> r.denominator() != null)) {
            long n = rows.stream().mapToLong(Row::numerator).sum();
            long of = rows.stream().mapToLong(Row::denominator).sum();
            return new Estimate(smoothed(n, of), from, false);
        }
        return new Estimate(
                rows.stream()
                        .mapToDouble(r -> r.frequency().doubleValue())
                        .average()
                        .orElseThrow(),
                from,
                false);
    }

    /**
     * The estimate of a proportion from {@code k} cases of {@code n}: {@code (k + 1/2) / (n + 1)}, the posterior
     * mean under the Jeffreys prior Beta(1/2, 1/2). It is close to {@code k / n} for large series and keeps a
     * small one from claiming certainty (0/14 gives 0.033, not 0; 10/10 gives 0.95, not 1), so that how much
     * a count weighs follows how many cases it rests on.
     */
    static double smoothed(long k, long n) {
        return (k + 0.5) / (n + 1.0);
    }

    private static double clip(double v) {
        return Math.max(FLOOR, Math.min(1 - FLOOR, v));
    }

    private static List<OWLAxiom> node(OWLDataFactory df, IRI h, IRI subtype, Derived d) {
        IRI feature = d.feature();
        IRI group = d.group();
        Estimate p = d.p();
        double ph = d.ph();
        double qh = d.qh();
        String id = local(subtype != null ? subtype : h) + "-" + local(feature)
                + (group == null ? "" : "-in-" + local(group));
        OWLNamedIndividual node = df.getOWLNamedIndividual(IRI.create(DERIVED_NS + id));
        List<OWLAxiom> axioms = new ArrayList<>();
        axioms.add(df.getOWLDeclarationAxiom(node));
        axioms.add(
                df.getOWLClassAssertionAxiom(df.getOWLClass(AssociationTable.aspskg("DerivedLikelihoodRatio")), node));
        axioms.add(df.getOWLAnnotationAssertionAxiom(
                df.getRDFSLabel(),
                node.getIRI(),
                df.getOWLLiteral(
                        local(subtype != null ? subtype : h) + " / " + local(feature)
                                + (group == null ? "" : " in " + local(group))
                                + ": likelihood ratios against the other hypotheses",
                        "en")));
        annotate(axioms, df, node, "aboutDisease", h);
        if (subtype != null) annotate(axioms, df, node, "aboutSubtype", subtype);
        annotate(axioms, df, node, "aboutFeature", feature);
        if (group != null) annotate(axioms, df, node, "inAgeGroup", group);
        for (IRI row : p.from()) annotate(axioms, df, node, "derivedFrom", row);
        decimal(axioms, df, node, "frequency", ph);
        decimal(axioms, df, node, "frequencyInOtherHypotheses", qh);
        decimal(axioms, df, node, "likelihoodRatioIfPresent", ph / qh);
        decimal(axioms, df, node, "likelihoodRatioIfAbsent", (1 - ph) / (1 - qh));
        if (p.assumed()) {
            axioms.add(df.getOWLDataPropertyAssertionAxiom(
                    df.getOWLDataProperty(AssociationTable.aspskg("frequencyIsAssumed")),
                    node,
                    df.getOWLLiteral(true)));
        }
        return axioms;
    }

    /**
     * A subtype's weight in its hypothesis' mixture: its share rows pooled (counts smoothed as every count is),
     * divided by the sum over the hypothesis' subtypes so that the weights add up to 1.
     */
    private static List<OWLAxiom> weightNode(OWLDataFactory df, IRI h, IRI subtype, Estimate share, double weight) {
        OWLNamedIndividual node =
                df.getOWLNamedIndividual(IRI.create(DERIVED_NS + local(h) + "-subtype-" + local(subtype)));
        List<OWLAxiom> axioms = new ArrayList<>();
        axioms.add(df.getOWLDeclarationAxiom(node));
        axioms.add(df.getOWLClassAssertionAxiom(df.getOWLClass(AssociationTable.aspskg("DerivedSubtypeWeight")), node));
        axioms.add(df.getOWLAnnotationAssertionAxiom(
                df.getRDFSLabel(),
                node.getIRI(),
                df.getOWLLiteral(local(subtype) + ": share of " + local(h) + ", its weight in the mixture", "en")));
        annotate(axioms, df, node, "aboutDisease", h);
        annotate(axioms, df, node, "aboutSubtype", subtype);
        for (IRI row : share.from()) annotate(axioms, df, node, "derivedFrom", row);
        decimal(axioms, df, node, "frequency", weight);
        return axioms;
    }

    private static void annotate(
            List<OWLAxiom> axioms, OWLDataFactory df, OWLNamedIndividual node, String property, IRI value) {
        axioms.add(df.getOWLAnnotationAssertionAxiom(
                df.getOWLAnnotationProperty(AssociationTable.aspskg(property)), node.getIRI(), value));
    }

    private static void decimal(
            List<OWLAxiom> axioms, OWLDataFactory df, OWLNamedIndividual node, String property, double value) {
        String text = BigDecimal.valueOf(value)
                .setScale(4, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        axioms.add(df.getOWLDataPropertyAssertionAxiom(
                df.getOWLDataProperty(AssociationTable.aspskg(property)),
                node,
                df.getOWLLiteral(text, OWL2Datatype.XSD_DECIMAL)));
    }

    private static String local(IRI iri) {
        String s = iri.toString();
        return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('#')) + 1);
    }

    /**
     * ASPS and its differential diagnoses, in IRI order: the OWL API does not keep the edit source's order,
     * and the means over them must be summed in the same order on every build to give the same digits.
     */
    static List<IRI> hypotheses(Collection<OWLAxiom> axioms) {
        IRI differential = AssociationTable.aspskg("hasDifferentialDiagnosis");
        Set<IRI> out = new LinkedHashSet<>();
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLObjectPropertyAssertionAxiom a
                    && !a.getProperty().isAnonymous()
                    && a.getProperty().asOWLObjectProperty().getIRI().equals(differential)) {
                out.add(a.getSubject().asOWLNamedIndividual().getIRI());
            }
        }
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLObjectPropertyAssertionAxiom a
                    && !a.getProperty().isAnonymous()
                    && a.getProperty().asOWLObjectProperty().getIRI().equals(differential)) {
                out.add(a.getObject().asOWLNamedIndividual().getIRI());
            }
        }
        List<IRI> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(IRI::toString));
        return sorted;
    }

    private static Map<IRI, IRI> namedParents(Collection<OWLAxiom> axioms) {
        Map<IRI, IRI> parent = new TreeMap<>();
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLSubClassOfAxiom s
                    && s.getSubClass().isNamed()
                    && s.getSuperClass().isNamed()) {
                parent.putIfAbsent(
                        s.getSubClass().asOWLClass().getIRI(),
                        s.getSuperClass().asOWLClass().getIRI());
            }
        }
        return parent;
    }

    private static IRI hypothesisOf(IRI disease, List<IRI> hypotheses, Map<IRI, IRI> parent) {
        IRI d = disease;
        for (int i = 0; d != null && i < 20; i++) {
            if (hypotheses.contains(d)) return d;
            d = parent.get(d);
        }
        return null;
    }

    /** The association rows (statement nodes with a frequency) among the axioms. */
    static List<Row> rows(Collection<OWLAxiom> axioms) {
        IRI disease = AssociationTable.aspskg("aboutDisease");
        IRI feature = AssociationTable.aspskg("aboutFeature");
        IRI group = AssociationTable.aspskg("inAgeGroup");
        IRI subtype = AssociationTable.aspskg("aboutSubtype");
        IRI frequency = AssociationTable.aspskg("frequency");
        IRI numerator = AssociationTable.aspskg("frequencyNumerator");
        IRI denominator = AssociationTable.aspskg("frequencyDenominator");
        IRI association = AssociationTable.aspskg("DiseaseFeatureAssociation");
        Map<IRI, Map<IRI, Object>> props = new LinkedHashMap<>();
        Set<IRI> associations = new LinkedHashSet<>();
        for (OWLAxiom ax : axioms) {
            if (ax instanceof OWLAnnotationAssertionAxiom a
                    && a.getSubject().isIRI()
                    && a.getValue().isIRI()) {
                IRI p = a.getProperty().getIRI();
                if (p.equals(disease) || p.equals(feature) || p.equals(group) || p.equals(subtype)) {
                    props.computeIfAbsent((IRI) a.getSubject(), k -> new LinkedHashMap<>())
                            .put(p, a.getValue().asIRI().orElseThrow());
                }
            } else if (ax instanceof OWLDataPropertyAssertionAxiom d
                    && d.getSubject().isNamed()) {
                IRI p = d.getProperty().asOWLDataProperty().getIRI();
                if (p.equals(frequency) || p.equals(numerator) || p.equals(denominator)) {
                    props.computeIfAbsent(d.getSubject().asOWLNamedIndividual().getIRI(), k -> new LinkedHashMap<>())
                            .put(p, d.getObject().getLiteral());
                }
            } else if (ax instanceof OWLClassAssertionAxiom c
                    && c.getIndividual().isNamed()
                    && !c.getClassExpression().isAnonymous()
                    && c.getClassExpression().asOWLClass().getIRI().equals(association)) {
                associations.add(c.getIndividual().asOWLNamedIndividual().getIRI());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (IRI node : associations) {
            Map<IRI, Object> p = props.getOrDefault(node, Map.of());
            if (!p.containsKey(frequency) || !p.containsKey(disease) || !p.containsKey(feature)) continue;
            rows.add(new Row(
                    node,
                    (IRI) p.get(disease),
                    (IRI) p.get(feature),
                    (IRI) p.get(group),
                    new BigDecimal((String) p.get(frequency)),
                    p.containsKey(numerator) ? Long.valueOf((String) p.get(numerator)) : null,
                    p.containsKey(denominator) ? Long.valueOf((String) p.get(denominator)) : null,
                    (IRI) p.get(subtype)));
        }
        rows.sort((a, b) -> Objects.compare(a.node().toString(), b.node().toString(), String::compareTo));
        return rows;
    }
}
