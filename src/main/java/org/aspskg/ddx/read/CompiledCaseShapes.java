package org.aspskg.ddx.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.read.ShapesGraphReader.NotCompilable;
import org.aspskg.ddx.read.ShapesGraphReader.ShapePath;
import org.aspskg.ontology.AspsVocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case shapes compiled into checks on a {@link PatientCase} as the JSON reader makes it, without
 * building its RDF: each shape becomes a tree of predicates over a view of the case that answers "the
 * values of path p" the way {@link CaseRdf} would write them (the case typed {@code aspskg:PatientCase},
 * a blank node typed with the class for each present finding, site, group or sex, the complement of a
 * restriction for each absent one, the age as one {@code xsd:integer}, the label as an {@code @en}
 * string), and the class hierarchy the SHACL validation sees beside a case ({@link CaseShapes#hierarchy()}).
 * A well-formed case costs a few microseconds here against a few hundred with jena-shacl, which stays
 * the reference: a test holds the two to the same verdicts, shapes and paths.
 *
 * <p>The compiler knows the SHACL core constraints the shapes file uses (closed shapes, node kinds,
 * counts, datatypes, value ranges, classes, {@code sh:in}, {@code sh:hasValue}, {@code sh:or},
 * {@code sh:node}, qualified value shapes, predicate paths and {@code (p [sh:zeroOrMorePath q])}
 * sequences). Every {@code sh:} statement of the file must be read by it: a shape with a constraint it
 * does not know (say {@code sh:pattern}, or a target other than {@code aspskg:PatientCase}) is not
 * compiled at all, and {@link #compile} returns empty so that cases are validated with jena-shacl.
 */
public final class CompiledCaseShapes {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledCaseShapes.class);

    /** No statement: a result about the case as a whole (a count, an {@code sh:or} of the case). */
    public static final int NO_STATEMENT = -1;

    /**
     * One result of the compiled checks; the focus is always the case (the JSON form has no other
     * node a shape targets).
     *
     * @param shape     the IRI (or blank node label) of the shape that gave it ({@code sh:sourceShape})
     * @param component the constraint component's IRI ({@code sh:sourceConstraintComponent})
     * @param path      the IRI of the path's predicate, or null for a result of a node shape
     * @param statement the index of the statement whose node (or age) is the offending value, or
     *                  {@link #NO_STATEMENT}
     * @param value     the offending value as text (the age, the class of a finding's node, the case's IRI for
     *                  a result of a node shape), or null
     * @param message   the shape's {@code sh:message}
     */
    public record Violation(String shape, String component, String path, int statement, String value, String message) {}

    private final List<Check> checks;
    private final CaseRdf rdf;
    private final Graph hierarchy;
    /** For each class in the hierarchy: itself and every class reachable by rdfs:subClassOf. */
    private final Map<String, Set<String>> superClasses;

    /** The same, as values, for {@code (rdfs:subClassOf)*} paths. */
    private final Map<String, List<Value>> superClassValues = new HashMap<>();

    private CompiledCaseShapes(List<Check> checks, CaseRdf rdf, Graph hierarchy) {
        this.checks = checks;
        this.rdf = rdf;
        this.hierarchy = hierarchy;
        this.superClasses = superClasses(hierarchy);
        superClasses.forEach((c, sup) -> {
            List<Value> values = new ArrayList<>(sup.size());
            for (String s : sup) values.add(new Iri(s));
            superClassValues.put(c, List.copyOf(values));
        });
    }

    /**
     * Compiles the shapes; empty (with the reason logged) when they use a construct the compiler does
     * not know, so that the caller keeps validating with jena-shacl.
     */
    public static Optional<CompiledCaseShapes> compile(CaseShapes shapes, CaseRdf rdf) {
        try {
            return Optional.of(compileOrFail(shapes.shapesGraph(), shapes.hierarchy(), rdf));
        } catch (NotCompilable e) {
            LOG.warn("case shapes not compiled, JSON cases are validated with jena-shacl: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** As {@link #compile}, failing with the reason instead. */
    static CompiledCaseShapes compileOrFail(Graph shapesGraph, Graph hierarchy, CaseRdf rdf) {
        ShapesReader in = new ShapesReader(shapesGraph);
        List<Check> checks = new ArrayList<>();
        for (Node target : in.patientCaseTargets()) checks.addAll(in.nodeShape(target));
        in.requireAllRead();
        return new CompiledCaseShapes(List.copyOf(checks), rdf, hierarchy);
    }

    /** Checks a case; an empty list when it conforms to the shapes. */
    public List<Violation> check(PatientCase c) {
        CaseView view = new CaseView(c);
        List<Violation> out = new ArrayList<>(0);
        for (Check check : checks) check.check(this, view, out);
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The case as the nodes CaseRdf writes, without writing them

    /** A node of the case's RDF form (or of the hierarchy beside it). */
    private sealed interface Value permits CaseNode, Filler, Absent, Restriction, Iri, Age, Label {}

    /** The case. */
    private record CaseNode() implements Value {}

    /** The blank node of a present finding, site or group (or the sex's group), typed with {@code type}. */
    private record Filler(String type, int statement) implements Value {}

    /** The class of the cases without {@code type} on {@code property}: {@code [ owl:complementOf restriction ]}. */
    private record Absent(String type, String property, int statement) implements Value {}

    /** {@code [ owl:onProperty property ; owl:someValuesFrom type ]}. */
    private record Restriction(String type, String property, int statement) implements Value {}

    private record Iri(String iri) implements Value {}

    /** The age, an {@code xsd:integer} literal (distinct by value, as literals are). */
    private record Age(long years) implements Value {}

    /** The label, an {@code @en} literal. */
    private record Label(String text) implements Value {}

    private static final CaseNode CASE_NODE = new CaseNode();
    private static final Iri PATIENT_CASE = new Iri(AspsVocabulary.PATIENT_CASE.getURI());

    /** The values of the case node's predicates, made once per check. */
    private final class CaseView {
        final PatientCase c;
        final Map<String, List<Value>> values = new HashMap<>(8);

        CaseView(PatientCase c) {
            this.c = c;
            List<Value> types = new ArrayList<>(2);
            types.add(PATIENT_CASE);
            values.put(RDF.type.getURI(), types);
            if (c.label() != null) values.put(RDFS.label.getURI(), List.of(new Label(c.label())));
            List<CaseStatement> statements = c.statements();
            for (int i = 0; i < statements.size(); i++) {
                CaseStatement st = statements.get(i);
                switch (st.kind()) {
                    case AGE -> {
                        List<Value> ages =
                                values.computeIfAbsent(AspsVocabulary.AGE_IN_YEARS.getURI(), k -> new ArrayList<>(1));
                        Age age = new Age(Long.parseLong(st.written()));
                        if (!ages.contains(age)) ages.add(age);
                    }
                    case ABSENT -> types.add(new Absent(rdf.classOf(st), rdf.propertyOf(st), i));
                    case PRESENT, SEX ->
                        values.computeIfAbsent(rdf.propertyOf(st), k -> new ArrayList<>())
                                .add(new Filler(rdf.classOf(st), i));
                }
            }
        }

        /** The statement a value was written for (the first with that age for an age). */
        int statementOf(Value v) {
            if (v instanceof Filler f) return f.statement();
            if (v instanceof Absent a) return a.statement();
            if (v instanceof Restriction r) return r.statement();
            if (v instanceof Age a) {
                for (int i = 0; i < c.statements().size(); i++) {
                    CaseStatement st = c.statements().get(i);
                    if (st.kind() == CaseStatement.Kind.AGE && Long.parseLong(st.written()) == a.years()) return i;
                }
            }
            return NO_STATEMENT;
        }
    }

    /** The objects of {@code predicate} from a node, as the case graph united with the hierarchy holds them. */
    private List<Value> values(CaseView view, Value node, String predicate) {
        if (node instanceof CaseNode) return view.values.getOrDefault(predicate, List.of());
        if (node instanceof Filler f) {
            return predicate.equals(RDF.type.getURI()) ? List.of(new Iri(f.type())) : List.of();
        }
        if (node instanceof Absent a) {
            if (predicate.equals(RDF.type.getURI())) return List.of(new Iri(OWL2.Class.getURI()));
            if (predicate.equals(OWL2.complementOf.getURI())) {
                return List.of(new Restriction(a.type(), a.property(), a.statement()));
            }
            return List.of();
        }
        if (node instanceof Restriction r) {
            if (predicate.equals(RDF.type.getURI())) return List.of(new Iri(OWL2.Restriction.getURI()));
            if (predicate.equals(OWL2.onProperty.getURI())) return List.of(new Iri(r.property()));
            if (predicate.equals(OWL2.someValuesFrom.getURI())) return List.of(new Iri(r.type()));
            return List.of();
        }
        if (node instanceof Iri i) {
            List<Value> out = new ArrayList<>();
            hierarchy
                    .find(NodeFactory.createURI(i.iri()), NodeFactory.createURI(predicate), Node.ANY)
                    .forEachRemaining(t -> {
                        if (t.getObject().isURI()) out.add(new Iri(t.getObject().getURI()));
                    });
            return out;
        }
        return List.of(); // a literal has no properties
    }

    /** {@code node (p)*}: the node and every node reachable by p. */
    private List<Value> zeroOrMore(CaseView view, Value node, String predicate) {
        if (node instanceof Iri i && predicate.equals(RDFS.subClassOf.getURI())) {
            List<Value> sup = superClassValues.get(i.iri());
            return sup == null ? List.of(node) : sup;
        }
        Set<Value> seen = new LinkedHashSet<>();
        Deque<Value> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            Value v = todo.pop();
            if (seen.add(v)) todo.addAll(values(view, v, predicate));
        }
        return new ArrayList<>(seen);
    }

    private List<Value> values(CaseView view, Value node, ShapePath path) {
        List<Value> at = List.of(node);
        for (ShapesGraphReader.Step step : path.steps()) {
            if (at.size() == 1) {
                Value v = at.get(0);
                at = step.zeroOrMore() ? zeroOrMore(view, v, step.predicate()) : values(view, v, step.predicate());
                continue;
            }
            List<Value> next = new ArrayList<>();
            for (Value v : at) {
                List<Value> reached =
                        step.zeroOrMore() ? zeroOrMore(view, v, step.predicate()) : values(view, v, step.predicate());
                for (Value r : reached) if (!next.contains(r)) next.add(r);
            }
            at = next;
        }
        return at;
    }

    private boolean isInstanceOf(CaseView view, Value v, String cls) {
        if (v instanceof Filler f) return isSubClassOf(f.type(), cls);
        for (Value type : values(view, v, RDF.type.getURI())) {
            if (type instanceof Iri i && isSubClassOf(i.iri(), cls)) return true;
        }
        return false;
    }

    /** {@code c rdfs:subClassOf* cls} in the hierarchy. */
    private boolean isSubClassOf(String c, String cls) {
        if (c.equals(cls)) return true;
        Set<String> sup = superClasses.get(c);
        return sup != null && sup.contains(cls);
    }

    private static String kindOf(Value v) {
        if (v instanceof Iri || v instanceof CaseNode) return "IRI";
        if (v instanceof Age || v instanceof Label) return "Literal";
        return "BlankNode";
    }

    private static Map<String, Set<String>> superClasses(Graph hierarchy) {
        Map<String, Set<String>> direct = new HashMap<>();
        hierarchy.find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).forEachRemaining(t -> {
            if (t.getSubject().isURI() && t.getObject().isURI()) {
                direct.computeIfAbsent(t.getSubject().getURI(), k -> new HashSet<>())
                        .add(t.getObject().getURI());
            }
        });
        Map<String, Set<String>> out = new HashMap<>();
        for (String c : direct.keySet()) {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(c));
            while (!todo.isEmpty()) {
                String x = todo.pop();
                if (seen.add(x)) todo.addAll(direct.getOrDefault(x, Set.of()));
            }
            out.put(c, Collections.unmodifiableSet(seen));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The compiled shapes

    /** A check of the case (a node shape's constraint, or one of a property shape's). */
    @FunctionalInterface
    private interface Check {
        void check(CompiledCaseShapes shapes, CaseView view, List<Violation> out);
    }

    /** Whether a value conforms to a shape (a nested shape: sh:node, sh:or member, qualified value shape). */
    @FunctionalInterface
    private interface Conforms {
        boolean test(CompiledCaseShapes shapes, CaseView view, Value v);
    }

    /** What a value-level constraint tests, and how it is reported at the top. */
    private record ValueConstraint(String component, Conforms conforms) {}

    /** What a count-level constraint tests (on all the values of the path). */
    private record CountConstraint(String component, Predicate<Integer> holds, Conforms counted) {}

    /** Reads the shapes graph, remembering every triple it read so that nothing is silently left out. */
    private static final class ShapesReader extends ShapesGraphReader {
        private final Map<Node, Conforms> nodeShapes = new HashMap<>();

        ShapesReader(Graph g) {
            super(g);
        }

        /** The checks of a node shape applied to the case, each reported as the case's result. */
        List<Check> nodeShape(Node shape) {
            String shapeName = name(shape);
            String message = message(shape);
            List<Check> checks = new ArrayList<>();
            // the constraints of the shape on the case itself, as for any value
            List<ValueConstraint> own = valueConstraints(shape);
            for (ValueConstraint vc : own) {
                checks.add((s, view, out) -> {
                    if (!vc.conforms().test(s, view, CASE_NODE)) {
                        // a node shape's result has the focus node, the case, as its value
                        out.add(new Violation(shapeName, vc.component(), null, NO_STATEMENT, view.c.iri(), message));
                    }
                });
            }
            List<Node> properties = all(shape, SHACL.property);
            Node closed = one(shape, SHACL.closed);
            if (closed != null
                    && closed.isLiteral()
                    && closed.getLiteralLexicalForm().equals("true")) {
                Set<String> allowed = new HashSet<>();
                for (Node p : properties) {
                    ShapePath path = path(one(p, SHACL.path));
                    if (path.predicate() != null) allowed.add(path.predicate());
                }
                Node ignored = one(shape, SHACL.ignoredProperties);
                if (ignored != null) for (Node n : list(ignored)) allowed.add(n.getURI());
                checks.add((s, view, out) -> view.values.forEach((predicate, values) -> {
                    if (allowed.contains(predicate)) return;
                    for (Value v : values) {
                        out.add(new Violation(
                                shapeName,
                                SHACL.ClosedConstraintComponent.getURI(),
                                predicate,
                                view.statementOf(v),
                                describe(v),
                                message));
                    }
                }));
            } else if (closed != null && !closed.getLiteralLexicalForm().equals("false")) {
                throw new NotCompilable(shape + " sh:closed " + closed);
            }
            for (Node p : properties) checks.addAll(propertyShape(p));
            return checks;
        }

        /** A property shape of the case: each constraint on the values of its path, reported with the path. */
        List<Check> propertyShape(Node shape) {
            String shapeName = name(shape);
            ShapePath path = path(one(shape, SHACL.path));
            String reported = path.predicate();
            if (reported == null) throw new NotCompilable(shape + ": a path on the case other than a predicate");
            String message = message(shape);
            List<Check> checks = new ArrayList<>();
            for (CountConstraint cc : countConstraints(shape)) {
                checks.add((s, view, out) -> {
                    int n = 0;
                    for (Value v : s.values(view, CASE_NODE, path))
                        if (cc.counted().test(s, view, v)) n++;
                    if (!cc.holds().test(n)) {
                        out.add(new Violation(shapeName, cc.component(), reported, NO_STATEMENT, null, message));
                    }
                });
            }
            for (ValueConstraint vc : valueConstraints(shape)) {
                checks.add((s, view, out) -> {
                    for (Value v : s.values(view, CASE_NODE, path)) {
                        if (!vc.conforms().test(s, view, v)) {
                            out.add(new Violation(
                                    shapeName, vc.component(), reported, view.statementOf(v), describe(v), message));
                        }
                    }
                });
            }
            return checks;
        }

        /** The count constraints of a property shape: min/max counts, qualified counts, has-value. */
        List<CountConstraint> countConstraints(Node shape) {
            List<CountConstraint> out = new ArrayList<>();
            Conforms any = (s, view, v) -> true;
            Node min = one(shape, SHACL.minCount);
            if (min != null) {
                int n = integer(min);
                out.add(new CountConstraint(SHACL.MinCountConstraintComponent.getURI(), c -> c >= n, any));
            }
            Node max = one(shape, SHACL.maxCount);
            if (max != null) {
                int n = integer(max);
                out.add(new CountConstraint(SHACL.MaxCountConstraintComponent.getURI(), c -> c <= n, any));
            }
            Node qualified = one(shape, SHACL.qualifiedValueShape);
            Node qMin = one(shape, SHACL.qualifiedMinCount);
            Node qMax = one(shape, SHACL.qualifiedMaxCount);
            if (qualified != null) {
                Conforms q = shape(qualified);
                if (qMin != null) {
                    int n = integer(qMin);
                    out.add(new CountConstraint(SHACL.QualifiedMinCountConstraintComponent.getURI(), c -> c >= n, q));
                }
                if (qMax != null) {
                    int n = integer(qMax);
                    out.add(new CountConstraint(SHACL.QualifiedMaxCountConstraintComponent.getURI(), c -> c <= n, q));
                }
            } else if (qMin != null || qMax != null) {
                throw new NotCompilable(shape + ": a qualified count without sh:qualifiedValueShape");
            }
            Node hasValue = one(shape, SHACL.hasValue);
            if (hasValue != null) {
                Value wanted = constant(hasValue);
                out.add(new CountConstraint(
                        SHACL.HasValueConstraintComponent.getURI(), c -> c >= 1, (s, view, v) -> v.equals(wanted)));
            }
            return out;
        }

        /** The constraints a shape puts on each value (the focus node of a node shape, each value of a property shape). */
        List<ValueConstraint> valueConstraints(Node shape) {
            List<ValueConstraint> out = new ArrayList<>();
            Node kind = one(shape, SHACL.nodeKind);
            if (kind != null) {
                Set<String> kinds = switch (kind.getLocalName()) {
                    case "IRI" -> Set.of("IRI");
                    case "BlankNode" -> Set.of("BlankNode");
                    case "Literal" -> Set.of("Literal");
                    case "BlankNodeOrIRI" -> Set.of("BlankNode", "IRI");
                    case "BlankNodeOrLiteral" -> Set.of("BlankNode", "Literal");
                    case "IRIOrLiteral" -> Set.of("IRI", "Literal");
                    default -> throw new NotCompilable("an unknown sh:nodeKind " + kind);
                };
                out.add(new ValueConstraint(
                        SHACL.NodeKindConstraintComponent.getURI(), (s, view, v) -> kinds.contains(kindOf(v))));
            }
            Node datatype = one(shape, SHACL.datatype);
            if (datatype != null) {
                String dt = datatype.getURI();
                out.add(new ValueConstraint(
                        SHACL.DatatypeConstraintComponent.getURI(),
                        (s, view, v) -> v instanceof Age
                                ? dt.equals(XSDDatatype.XSDinteger.getURI())
                                : v instanceof Label && dt.equals(RDF.langString.getURI())));
            }
            Node minInclusive = one(shape, SHACL.minInclusive);
            if (minInclusive != null) {
                long bound = integer(minInclusive);
                out.add(new ValueConstraint(
                        SHACL.MinInclusiveConstraintComponent.getURI(),
                        (s, view, v) -> v instanceof Age a && a.years() >= bound));
            }
            Node maxInclusive = one(shape, SHACL.maxInclusive);
            if (maxInclusive != null) {
                long bound = integer(maxInclusive);
                out.add(new ValueConstraint(
                        SHACL.MaxInclusiveConstraintComponent.getURI(),
                        (s, view, v) -> v instanceof Age a && a.years() <= bound));
            }
            for (Node cls : all(shape, SHACL.class_)) {
                String c = cls.getURI();
                out.add(new ValueConstraint(
                        SHACL.ClassConstraintComponent.getURI(), (s, view, v) -> s.isInstanceOf(view, v, c)));
            }
            Node in = one(shape, SHACL.in);
            if (in != null) {
                Set<Value> allowed = new HashSet<>();
                for (Node n : list(in)) allowed.add(constant(n));
                out.add(new ValueConstraint(SHACL.InConstraintComponent.getURI(), (s, view, v) -> allowed.contains(v)));
            }
            for (Node node : all(shape, SHACL.node)) {
                Conforms c = shape(node);
                out.add(new ValueConstraint(SHACL.NodeConstraintComponent.getURI(), c));
            }
            Node or = one(shape, SHACL.or);
            if (or != null) {
                List<Conforms> members = new ArrayList<>();
                for (Node m : list(or)) members.add(shape(m));
                out.add(new ValueConstraint(SHACL.OrConstraintComponent.getURI(), (s, view, v) -> {
                    for (Conforms m : members) if (m.test(s, view, v)) return true;
                    return false;
                }));
            }
            return out;
        }

        /** Whether a value conforms to a shape: its value constraints, and each of its property shapes. */
        Conforms shape(Node shape) {
            Conforms known = nodeShapes.get(shape);
            if (known != null) return known;
            // a shape referring to itself is not in the file; a placeholder guards against looping on one
            nodeShapes.put(shape, (s, view, v) -> {
                throw new IllegalStateException("recursive shape " + shape);
            });
            message(shape);
            if (one(shape, SHACL.closed) != null) throw new NotCompilable(shape + ": a nested closed shape");
            List<ValueConstraint> own = valueConstraints(shape);
            List<Conforms> parts = new ArrayList<>();
            for (ValueConstraint vc : own) parts.add(vc.conforms());
            Node ownPath = one(shape, SHACL.path);
            if (ownPath != null) {
                // a property shape used as a node's shape: its constraints on the values of its path
                ShapePath path = path(ownPath);
                List<CountConstraint> counts = countConstraints(shape);
                List<Conforms> valueParts = List.copyOf(parts);
                parts.clear();
                parts.add((s, view, v) -> {
                    List<Value> values = s.values(view, v, path);
                    for (CountConstraint cc : counts) {
                        int n = 0;
                        for (Value x : values) if (cc.counted().test(s, view, x)) n++;
                        if (!cc.holds().test(n)) return false;
                    }
                    for (Value x : values) for (Conforms c : valueParts) if (!c.test(s, view, x)) return false;
                    return true;
                });
            }
            for (Node p : all(shape, SHACL.property)) parts.add(shape(p));
            Conforms all = (s, view, v) -> {
                for (Conforms c : parts) if (!c.test(s, view, v)) return false;
                return true;
            };
            nodeShapes.put(shape, all);
            return all;
        }

        private static Value constant(Node n) {
            if (n.isURI()) return new Iri(n.getURI());
            if (n.isLiteral() && XSDDatatype.XSDinteger.getURI().equals(n.getLiteralDatatypeURI())) {
                return new Age(Long.parseLong(n.getLiteralLexicalForm()));
            }
            throw new NotCompilable("a constant other than an IRI or an integer: " + n);
        }

        private static String name(Node shape) {
            return shape.isURI() ? shape.getURI() : "_:" + shape.getBlankNodeLabel();
        }
    }

    private static String describe(Value v) {
        if (v instanceof Filler f) return f.type();
        if (v instanceof Absent a) return "not " + a.type();
        if (v instanceof Age a) return Long.toString(a.years());
        if (v instanceof Label l) return l.text();
        if (v instanceof Iri i) return i.iri();
        return null;
    }
}
