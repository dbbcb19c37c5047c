package org.aspskg.ddx.classify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLEquivalentClassesAxiom;
import org.semanticweb.owlapi.model.OWLObjectComplementOf;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;

/**
 * The fast path: a matcher compiled from the HermiT-classified {@link CaseTBox}, which realizes a
 * case by table look-ups instead of a tableau run.
 *
 * <p>Compiled once: for every class a case can state, which helper classes "the case shows X" a
 * present statement of it implies (X among its superclasses and what it is part of) and which
 * "the case does not show X" an absent statement implies (X below it); every defined case class
 * as the conjunction of the helper or named classes its definition is made of; the superclasses
 * of every case class; and which pairs of the ontology's case classes HermiT finds disjoint.
 *
 * <p>Per case: the statements' helper classes, then the defined classes whose conjuncts all hold,
 * closed under superclasses until nothing changes; the case is contradictory when it lands in a
 * class and its complement (shows X and does not show X) or in two disjoint classes. Each class
 * remembers the statements that put the case in it, so a clash names them.
 *
 * <p>This is complete for the shape of TBox it accepts — defined case classes that are
 * conjunctions of named classes, ∃p.X and ¬∃p.X on case properties, with any TBox around them —
 * and refuses any other shape when compiled. {@code CompiledCaseClassifierTest} checks it against
 * HermiT on every example case and on randomly generated ones. Thread-safe once built.
 */
public final class CompiledCaseClassifier implements CaseClassifier {
    private final CaseAssertions assertions;
    private final Function<String, String> labels;
    private final String[] classIri;
    private final boolean[] isOntologyClass;
    private final int patientCaseClass;
    private final int[][] supers;
    private final Map<String, int[]> presentImplies = new HashMap<>();
    private final Map<String, int[]> absentImplies = new HashMap<>();
    private final Map<String, Set<String>> effectiveAncestors = new HashMap<>();
    private final List<Definition> definitions = new ArrayList<>();
    private final String[] featureIri;
    private final int[] withOf;
    private final int[] withoutOf;
    private final List<int[]> disjointPairs = new ArrayList<>();

    /** A defined case class and the case classes whose conjunction defines it. */
    private record Definition(int cls, int[] conjuncts) {}

    public CompiledCaseClassifier(CaseTBox tbox, CaseAssertions assertions, Function<String, String> labels) {
        this.assertions = assertions;
        this.labels = labels;
        List<OWLClass> classes = tbox.caseClasses();
        Map<OWLClass, Integer> index = new HashMap<>();
        classIri = new String[classes.size()];
        isOntologyClass = new boolean[classes.size()];
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
            classIri[i] = classes.get(i).getIRI().toString();
            isOntologyClass[i] = tbox.ontologyCaseClasses().contains(classes.get(i));
        }
        patientCaseClass = index.get(tbox.patientCase());
        supers = new int[classes.size()][];
        for (int i = 0; i < classes.size(); i++) {
            supers[i] = tbox.superClasses(classes.get(i)).stream()
                    .filter(index::containsKey)
                    .mapToInt(index::get)
                    .distinct()
                    .toArray();
        }

        List<CaseTBox.Feature> features = new ArrayList<>(tbox.features().values());
        featureIri = new String[features.size()];
        withOf = new int[features.size()];
        withoutOf = new int[features.size()];
        Map<OWLClass, CaseTBox.Feature> byClass = new HashMap<>();
        for (int f = 0; f < features.size(); f++) {
            CaseTBox.Feature feature = features.get(f);
            featureIri[f] = feature.feature().getIRI().toString();
            withOf[f] = index.get(feature.with());
            withoutOf[f] = index.get(feature.without());
            byClass.put(feature.feature(), feature);
        }

        for (OWLClass stated : tbox.stateableClasses()) {
            CaseTBox.CaseProperty p = tbox.propertyOf(stated).orElseThrow();
            Set<OWLClass> anc = tbox.effectiveAncestors(stated);
            effectiveAncestors.put(
                    stated.getIRI().toString(),
                    anc.stream().map(c -> c.getIRI().toString()).collect(Collectors.toUnmodifiableSet()));
            presentImplies.put(
                    stated.getIRI().toString(),
                    anc.stream()
                            .map(byClass::get)
                            .filter(f -> f != null && f.property().equals(p))
                            .mapToInt(f -> index.get(f.with()))
                            .sorted()
                            .toArray());
            absentImplies.put(
                    stated.getIRI().toString(),
                    features.stream()
                            .filter(f -> f.property().equals(p)
                                    && tbox.effectiveAncestors(f.feature()).contains(stated))
                            .mapToInt(f -> index.get(f.without()))
                            .sorted()
                            .toArray());
        }

        compileDefinitions(tbox, index, byClass);

        for (List<OWLClass> pair : tbox.disjointCaseClasses()) {
            disjointPairs.add(new int[] {index.get(pair.get(0)), index.get(pair.get(1))});
        }
    }

    private void compileDefinitions(
            CaseTBox tbox, Map<OWLClass, Integer> index, Map<OWLClass, CaseTBox.Feature> features) {
        Set<OWLObjectProperty> caseProperties = tbox.caseProperties().stream()
                .map(CaseTBox.CaseProperty::property)
                .collect(Collectors.toSet());
        for (OWLAxiom ax : tbox.ontology().logicalAxioms().toList()) {
            boolean mentionsCaseProperty = ax.objectPropertiesInSignature().anyMatch(caseProperties::contains);
            if (!mentionsCaseProperty) continue;
            if (ax instanceof OWLEquivalentClassesAxiom eq) {
                List<OWLClass> named = eq.namedClasses().toList();
                if (named.stream().anyMatch(tbox::isHelperClass)) continue;
                for (OWLClass n : named) {
                    if (!tbox.ontologyCaseClasses().contains(n)) {
                        throw unsupported(
                                ax,
                                n.getIRI().getShortForm() + " uses a case property but is not a "
                                        + "subclass of PatientCase");
                    }
                }
                for (OWLClass n : named) {
                    for (OWLClassExpression def :
                            eq.classExpressions().filter(ce -> !ce.equals(n)).toList()) {
                        definitions.add(
                                new Definition(index.get(n), conjuncts(def, ax, index, features, caseProperties)));
                    }
                }
            } else if (ax instanceof OWLSubClassOfAxiom sub) {
                if (sub.getSubClass().isAnonymous()) {
                    throw unsupported(ax, "a general class inclusion over case properties");
                }
            } else if (ax.getAxiomType() != AxiomType.OBJECT_PROPERTY_DOMAIN
                    && ax.getAxiomType() != AxiomType.OBJECT_PROPERTY_RANGE
                    && ax.getAxiomType() != AxiomType.SUB_PROPERTY_CHAIN_OF
                    && ax.getAxiomType() != AxiomType.DECLARATION) {
                throw unsupported(ax, "an axiom of type " + ax.getAxiomType() + " on a case property");
            }
        }
    }

    private int[] conjuncts(
            OWLClassExpression def,
            OWLAxiom ax,
            Map<OWLClass, Integer> index,
            Map<OWLClass, CaseTBox.Feature> features,
            Set<OWLObjectProperty> caseProperties) {
        List<Integer> out = new ArrayList<>();
        for (OWLClassExpression c : def.asConjunctSet()) {
            if (c instanceof OWLClass named) {
                Integer i = index.get(named);
                // A named conjunct that is no case class never holds of a case: the definition never matches.
                out.add(i == null ? -1 : i);
            } else if (c instanceof OWLObjectSomeValuesFrom some && someOnCaseProperty(some, caseProperties)) {
                out.add(index.get(features.get(some.getFiller().asOWLClass()).with()));
            } else if (c instanceof OWLObjectComplementOf not
                    && not.getOperand() instanceof OWLObjectSomeValuesFrom some
                    && someOnCaseProperty(some, caseProperties)) {
                out.add(index.get(features.get(some.getFiller().asOWLClass()).without()));
            } else {
                throw unsupported(ax, "the conjunct " + c + " is neither a named class, ∃p.X nor ¬∃p.X");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean someOnCaseProperty(OWLObjectSomeValuesFrom some, Set<OWLObjectProperty> caseProperties) {
        return some.getProperty().isNamed()
                && caseProperties.contains(some.getProperty().asOWLObjectProperty())
                && some.getFiller().isNamed();
    }

    private static AspsKgException unsupported(OWLAxiom ax, String why) {
        return new AspsKgException(
                "the case classifier cannot compile " + ax + ": " + why,
                "Keep case classes as conjunctions of named classes, p some X and not (p some X) on the case "
                        + "properties, or extend CompiledCaseClassifier.");
    }

    @Override
    public CaseClassification classify(PatientCase patientCase) {
        List<CaseAssertion> stated = assertions.of(patientCase);
        BitSet types = new BitSet(classIri.length);
        BitSet[] witness = new BitSet[classIri.length];
        derive(patientCaseClass, new BitSet(), types, witness);
        // Every statement that directly implies a helper class, not only the first: the ranker's
        // choice of one association per statement must not depend on the order statements were written.
        BitSet[] direct = new BitSet[classIri.length];
        for (CaseAssertion a : stated) {
            int[] implied = (a.present() ? presentImplies : absentImplies).get(a.filler());
            if (implied == null) throw new IllegalArgumentException(a.filler() + " is not a stateable class");
            BitSet w = a.witnesses();
            for (int c : implied) {
                derive(c, w, types, witness);
                if (direct[c] == null) direct[c] = new BitSet();
                direct[c].or(w);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Definition d : definitions) {
                if (types.get(d.cls())) continue;
                BitSet w = new BitSet();
                boolean holds = true;
                for (int c : d.conjuncts()) {
                    if (c < 0 || !types.get(c)) {
                        holds = false;
                        break;
                    }
                    w.or(witness[c]);
                }
                if (holds) {
                    derive(d.cls(), w, types, witness);
                    changed = true;
                }
            }
        }
        checkClashes(patientCase, stated, types, witness);

        List<String> typeIris = new ArrayList<>();
        List<String> presentations = new ArrayList<>();
        for (int c = types.nextSetBit(0); c >= 0; c = types.nextSetBit(c + 1)) {
            typeIris.add(classIri[c]);
            if (isOntologyClass[c] && c != patientCaseClass) presentations.add(classIri[c]);
        }
        presentations.sort(Comparator.comparing(labels, String.CASE_INSENSITIVE_ORDER));
        Map<String, CaseClassification.FeatureStatus> features = new LinkedHashMap<>();
        // witness sets are shared between classes: each one's statement numbers listed once
        Map<BitSet, List<Integer>> listed = new IdentityHashMap<>();
        for (int f = 0; f < featureIri.length; f++) {
            int c = types.get(withOf[f]) ? withOf[f] : types.get(withoutOf[f]) ? withoutOf[f] : -1;
            if (c >= 0) {
                BitSet w = direct[c] != null ? direct[c] : witness[c];
                features.put(
                        featureIri[f],
                        new CaseClassification.FeatureStatus(
                                c == withOf[f], listed.computeIfAbsent(w, CompiledCaseClassifier::indexes)));
            }
        }
        return new CaseClassification(patientCase, Set.copyOf(typeIris), presentations, features);
    }

    private void derive(int cls, BitSet w, BitSet types, BitSet[] witness) {
        if (types.get(cls)) return;
        for (int s : supers[cls]) {
            if (!types.get(s)) {
                types.set(s);
                witness[s] = w;
            }
        }
    }

    private void checkClashes(PatientCase c, List<CaseAssertion> stated, BitSet types, BitSet[] witness) {
        // Linear in the statements: the absent ones by property and class, then each present one
        // looks up its own ancestors (a bounded set from the ontology), not every absent statement.
        // property → class → the first absent statement of it
        Map<String, Map<String, Integer>> absentByTerm = new HashMap<>();
        for (int i = 0; i < stated.size(); i++) {
            CaseAssertion a = stated.get(i);
            if (!a.present())
                absentByTerm.computeIfAbsent(a.property(), p -> new HashMap<>()).putIfAbsent(a.filler(), i);
        }
        if (!absentByTerm.isEmpty()) {
            for (CaseAssertion present : stated) {
                if (!present.present()) continue;
                Map<String, Integer> absentOfProperty = absentByTerm.get(present.property());
                if (absentOfProperty == null) continue;
                int first = Integer.MAX_VALUE; // the first absent statement it clashes with, as written
                for (String ancestor : effectiveAncestors.get(present.filler())) {
                    Integer i = absentOfProperty.get(ancestor);
                    if (i != null) first = Math.min(first, i);
                }
                if (first != Integer.MAX_VALUE) {
                    CaseAssertion absent = stated.get(first);
                    throw clash(
                            c,
                            present.witnesses(),
                            absent.witnesses(),
                            "the case would both show and not show " + labels.apply(absent.filler()));
                }
            }
        }
        for (int f = 0; f < featureIri.length; f++) {
            if (types.get(withOf[f]) && types.get(withoutOf[f])) {
                throw clash(
                        c,
                        witness[withOf[f]],
                        witness[withoutOf[f]],
                        "the case would both show and not show " + labels.apply(featureIri[f]));
            }
        }
        for (int[] pair : disjointPairs) {
            if (types.get(pair[0]) && types.get(pair[1])) {
                throw clash(
                        c,
                        witness[pair[0]],
                        witness[pair[1]],
                        "a case cannot be both a " + labels.apply(classIri[pair[0]]) + " and a "
                                + labels.apply(classIri[pair[1]]));
            }
        }
    }

    private static ContradictoryCaseException clash(PatientCase c, BitSet one, BitSet other, String why) {
        return new ContradictoryCaseException(c.id(), statements(c, one), statements(c, other), why);
    }

    private static List<CaseStatement> statements(PatientCase c, BitSet w) {
        List<CaseStatement> out = new ArrayList<>();
        for (int i = w.nextSetBit(0); i >= 0; i = w.nextSetBit(i + 1))
            out.add(c.statements().get(i));
        return out;
    }

    private static List<Integer> indexes(BitSet w) {
        Integer[] out = new Integer[w.cardinality()];
        int n = 0;
        for (int i = w.nextSetBit(0); i >= 0; i = w.nextSetBit(i + 1)) out[n++] = i;
        return List.of(out);
    }
}
