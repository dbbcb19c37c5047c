package org.aspskg.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportRow;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.search.EntitySearcher;

/**
 * How far the mapping set covers the terms someone would link ({@code asps-kg map --coverage}): per
 * vocabulary, the terms mapped to it and the terms of the kinds expected in it that are not, and a row
 * per gap. A term's kinds come from the classified ontology (its inferred superclasses among the
 * {@link CoveragePolicy} roots); classes defined by an equivalence (asps-kg's own query classes such as
 * "lesion without flow voids") are no kind's members, as nothing outside asps-kg has them.
 */
public final class MappingCoverage {
    /** One term of a linkable kind (or a mapped term of no kind): CURIE, label and its kinds. */
    public record Term(String curie, String label, List<String> kinds) {
        public Term {
            kinds = List.copyOf(kinds);
        }
    }

    /** What is known about one (vocabulary, term) pair. */
    public enum Status {
        MAPPED,
        NOT_MAPPED,
        UNVERIFIABLE,
        /** A term of a linkable kind with no mapping in any vocabulary (vocabulary "-"). */
        NO_MAPPING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One row of the coverage: WARN for a term of a linkable kind with no mapping at all, and for a gap
     * in a vocabulary its kind requires that unverified.tsv does not explain; INFO otherwise.
     * {@code detail} holds the codes (mapped) or the reason (unverifiable).
     */
    public record Row(Level level, String vocabulary, Term term, Status status, String detail) {}

    /** One vocabulary's line of the table. */
    public record Vocabulary(
            String prefix,
            List<String> expectedFor,
            Set<String> mapped,
            Set<String> notMapped,
            Set<String> unverifiable) {}

    /** The whole coverage: a line per vocabulary, the rows and the report of the WARN rows. */
    public record Coverage(String source, List<Vocabulary> vocabularies, List<Row> rows) {
        public Coverage {
            vocabularies = List.copyOf(vocabularies);
            rows = List.copyOf(rows);
        }

        public List<Row> rows(Level level) {
            return rows.stream().filter(r -> r.level() == level).toList();
        }

        /** The rows as a quality report (rule = status, subject = term, property = vocabulary), for --fail-on. */
        public QualityReport report() {
            return new QualityReport(
                    source,
                    rows.stream()
                            .map(r -> new ReportRow(
                                    r.level(),
                                    r.status().label(),
                                    r.term().curie(),
                                    r.vocabulary(),
                                    r.detail(),
                                    List.of()))
                            .toList());
        }
    }

    private MappingCoverage() {}

    /**
     * Reads the mapping set and the policy beside it, classifies the ontology with HermiT and returns the
     * coverage.
     */
    public static Coverage compute(java.nio.file.Path mappingSet, java.nio.file.Path ontologyFile) {
        MappingSet set = SssomReader.read(mappingSet);
        CoveragePolicy policy = CoveragePolicy.besideMappingSet(mappingSet);
        OWLOntology ontology = org.aspskg.ontology.OntologyLoader.load(ontologyFile);
        try (org.aspskg.reason.Classification c =
                org.aspskg.reason.Classification.classify(ontology, org.aspskg.reason.ReasonerKind.HERMIT)) {
            Set<String> subjectPrefixes = new TreeSet<>();
            set.mappings().forEach(m -> Curie.parse(m.subjectId()).ifPresent(id -> subjectPrefixes.add(id.prefix())));
            Map<String, Term> linkable = linkableTerms(ontology, c.reasoner(), policy, set.curieMap(), subjectPrefixes);
            OWLDataFactory df = ontology.getOWLOntologyManager().getOWLDataFactory();
            return of(
                    set,
                    linkable,
                    policy,
                    curie -> set.curieMap()
                            .expand(curie)
                            .map(iri -> label(ontology, df.getOWLClass(iri)))
                            .orElse(""));
        }
    }

    /**
     * The linkable terms of a classified ontology: for each class in the mapping set's subject namespace
     * ({@code subjectPrefixes}; imported classes such as UBERON's are other vocabularies' terms, not
     * ours), other than the roots themselves and classes defined by an equivalence, the kinds whose roots
     * it is below.
     */
    public static Map<String, Term> linkableTerms(
            OWLOntology ontology,
            OWLReasoner reasoner,
            CoveragePolicy policy,
            CurieMap curies,
            Set<String> subjectPrefixes) {
        OWLDataFactory df = ontology.getOWLOntologyManager().getOWLDataFactory();
        Map<String, List<String>> kindsOf = new TreeMap<>();
        Set<String> roots = new TreeSet<>();
        for (CoveragePolicy.Kind kind : policy.kinds()) {
            for (String root : kind.roots()) {
                String iri = curies.expand(root)
                        .orElseThrow(() -> new org.aspskg.AspsKgException(
                                "coverage.tsv: root '" + root + "' has a prefix the mapping set does not declare",
                                "Write the root as a CURIE of the mapping set's curie_map (aspskg:…)."));
                roots.add(iri);
                OWLClass rootClass = df.getOWLClass(iri);
                reasoner.getSubClasses(rootClass, false)
                        .entities()
                        .filter(c -> !c.isOWLNothing())
                        .forEach(c -> {
                            List<String> kinds =
                                    kindsOf.computeIfAbsent(c.getIRI().toString(), k -> new ArrayList<>());
                            if (!kinds.contains(kind.name())) kinds.add(kind.name());
                        });
            }
        }
        Map<String, Term> terms = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : kindsOf.entrySet()) {
            OWLClass c = df.getOWLClass(e.getKey());
            if (roots.contains(e.getKey()) || definedByEquivalence(ontology, c)) continue;
            Optional<Curie> curie = curies.compress(e.getKey());
            if (curie.isEmpty() || !subjectPrefixes.contains(curie.get().prefix())) continue;
            terms.put(curie.get().toString(), new Term(curie.get().toString(), label(ontology, c), e.getValue()));
        }
        return terms;
    }

    /** The label of any class of the ontology (for mapped terms of no kind). */
    public static String label(OWLOntology ontology, OWLClass c) {
        OWLDataFactory df = ontology.getOWLOntologyManager().getOWLDataFactory();
        return EntitySearcher.getAnnotationObjects(c, ontology.importsClosure(), df.getRDFSLabel())
                .map(a -> a.getValue().asLiteral())
                .flatMap(Optional::stream)
                .map(OWLLiteral::getLiteral)
                .sorted()
                .findFirst()
                .orElse("");
    }

    private static boolean definedByEquivalence(OWLOntology ontology, OWLClass c) {
        return ontology.equivalentClassesAxioms(c)
                .anyMatch(ax -> ax.classExpressions().anyMatch(OWLClassExpression::isAnonymous));
    }

    /**
     * The coverage of a mapping set over the given linkable terms; {@code labelOf} names mapped terms of
     * no kind.
     */
    public static Coverage of(
            MappingSet set,
            Map<String, Term> linkable,
            CoveragePolicy policy,
            java.util.function.Function<String, String> labelOf) {
        Map<String, Map<String, Set<String>>> codes = new TreeMap<>(); // vocabulary -> term -> codes
        for (Mapping m : set.mappings()) {
            if (m.negated()) continue;
            Optional<Curie> object = Curie.parse(m.objectId());
            Optional<Curie> subject = Curie.parse(m.subjectId());
            if (object.isEmpty() || subject.isEmpty()) continue;
            codes.computeIfAbsent(object.get().prefix(), k -> new TreeMap<>())
                    .computeIfAbsent(subject.get().toString(), k -> new TreeSet<>())
                    .add(m.objectId());
        }
        Map<String, List<String>> expectedFor = new LinkedHashMap<>();
        Map<String, Boolean> required = new LinkedHashMap<>();
        for (CoveragePolicy.Kind kind : policy.kinds()) {
            for (String v : kind.vocabularies()) {
                expectedFor.computeIfAbsent(v, k -> new ArrayList<>()).add(kind.name());
                required.merge(kind.name() + "\t" + v, kind.required(), Boolean::logicalOr);
            }
        }
        Set<String> vocabularies = new LinkedHashSet<>(expectedFor.keySet());
        vocabularies.addAll(codes.keySet());

        List<Vocabulary> table = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String v : vocabularies) {
            Map<String, Set<String>> byTerm = codes.getOrDefault(v, Map.of());
            List<String> kinds = expectedFor.getOrDefault(v, List.of());
            Set<String> notMapped = new TreeSet<>();
            Set<String> unverifiable = new TreeSet<>();
            for (Map.Entry<String, Set<String>> e : byTerm.entrySet()) {
                Term t = linkable.getOrDefault(e.getKey(), new Term(e.getKey(), labelOf.apply(e.getKey()), List.of()));
                rows.add(new Row(Level.INFO, v, t, Status.MAPPED, String.join(" ", e.getValue())));
            }
            for (Term t : linkable.values()) {
                if (byTerm.containsKey(t.curie())) continue;
                List<String> expecting =
                        t.kinds().stream().filter(kinds::contains).toList();
                if (expecting.isEmpty()) continue;
                String why = policy.whyUnmapped(t.curie(), v);
                if (why != null) {
                    unverifiable.add(t.curie());
                    rows.add(new Row(Level.INFO, v, t, Status.UNVERIFIABLE, why));
                } else {
                    notMapped.add(t.curie());
                    boolean must = expecting.stream().anyMatch(k -> required.getOrDefault(k + "\t" + v, false));
                    rows.add(new Row(
                            must ? Level.WARN : Level.INFO,
                            v,
                            t,
                            Status.NOT_MAPPED,
                            must
                                    ? "expected for " + String.join(", ", expecting)
                                            + "; map it or list it in unverified.tsv with the reason"
                                    : "expected for " + String.join(", ", expecting)));
                }
            }
            table.add(new Vocabulary(v, kinds, byTerm.keySet(), notMapped, unverifiable));
        }
        for (Term t : linkable.values()) {
            boolean mapped = codes.values().stream().anyMatch(byTerm -> byTerm.containsKey(t.curie()));
            if (!mapped) {
                rows.add(new Row(
                        Level.WARN,
                        "-",
                        t,
                        Status.NO_MAPPING,
                        "no mapping in any vocabulary (" + String.join(", ", t.kinds()) + ")"
                                + whyNone(t, vocabularies, expectedFor, policy)));
            }
        }
        rows.sort(java.util.Comparator.comparing(Row::level)
                .thenComparing(r -> r.status().ordinal())
                .thenComparing(Row::vocabulary)
                .thenComparing(r -> r.term().curie()));
        return new Coverage(set.source().toString(), table, rows);
    }

    /**
     * What unverified.tsv says about a term without any mapping, vocabulary by vocabulary its kinds
     * expect: "; unverifiable: V: why; …", and the expected vocabularies it says nothing about.
     */
    private static String whyNone(
            Term t, Set<String> vocabularies, Map<String, List<String>> expectedFor, CoveragePolicy policy) {
        List<String> reasons = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (String v : vocabularies) {
            if (t.kinds().stream().noneMatch(expectedFor.getOrDefault(v, List.of())::contains)) continue;
            String why = policy.whyUnmapped(t.curie(), v);
            if (why != null) reasons.add(v + ": " + why);
            else unexplained.add(v);
        }
        StringBuilder detail = new StringBuilder();
        if (!reasons.isEmpty()) detail.append("; unverifiable: ").append(String.join("; ", reasons));
        if (!unexplained.isEmpty()) {
            detail.append("; no reason in unverified.tsv for ").append(String.join(", ", unexplained));
        }
        return detail.toString();
    }
}
