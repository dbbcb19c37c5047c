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
import java.util.function.IntPredicate;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.path.PathFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.read.ShapesGraphReader.NotCompilable;
import org.aspskg.ddx.read.ShapesGraphReader.ShapePath;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The case shapes compiled into checks on a graph of RDF cases (a case file, or a chunk of a cohort),
 * giving the results jena-shacl gives on the same graph united with the class hierarchy
 * ({@link CaseShapes#validate}): the same focus node, path, value, message, source shape and constraint
 * component for each, so that the problems made of them read the same. A chunk of 100 generated cases
 * costs well under a millisecond here against tens with jena-shacl, which stays the reference: a test
 * holds the two to the same results on every shape-violating RDF case of the test corpus and on a
 * seeded sample of mutated cases.
 *
 * <p>The checks decide the graphs cases are written as: the case's own statements, blank nodes or
 * IRIs typed with classes, absent statements as {@code [ owl:complementOf [ owl:onProperty p ;
 * owl:someValuesFrom X ] ]}, ages written as canonical {@code xsd:integer}s. A graph outside that —
 * one stating {@code rdfs:subClassOf} itself, describing a class of the ontology, or an age written
 * otherwise ({@code "007"}, {@code 30.5}, {@code "30"^^xsd:int}), where SHACL's value comparisons
 * and subclass reasoning would have to be reproduced in full — is not decided: {@link #validate}
 * returns empty and the caller validates that graph with jena-shacl. Shapes with a construct the
 * compiler does not know do not compile at all ({@link #compile} is empty).
 */
public final class CompiledGraphShapes {
    private static final Node TYPE = RDF.type.asNode();
    private static final Node SUB_CLASS_OF = RDFS.subClassOf.asNode();
    private static final String XSD_STRING = XSDDatatype.XSDstring.getURI();
    private static final String XSD_INTEGER = XSDDatatype.XSDinteger.getURI();
    private static final String LANG_STRING = RDF.langString.getURI();
    private static final String XSD_BOOLEAN = XSDDatatype.XSDboolean.getURI();

    private final List<TopShape> shapes;
    private final Set<Node> targetClasses;
    private final Graph hierarchy;
    /** The subjects of the hierarchy graph: a case graph describing one is not decided here. */
    private final Set<Node> hierarchySubjects = new HashSet<>();
    /** Each class of the hierarchy with itself and every class it reaches by rdfs:subClassOf. */
    private final Map<Node, List<Node>> superClasses = new HashMap<>();

    private CompiledGraphShapes(List<TopShape> shapes, Graph hierarchy) {
        this.shapes = shapes;
        this.hierarchy = hierarchy;
        hierarchy.find().forEachRemaining(t -> hierarchySubjects.add(t.getSubject()));
        Map<Node, Set<Node>> direct = new HashMap<>();
        hierarchy
                .find(Node.ANY, SUB_CLASS_OF, Node.ANY)
                .forEachRemaining(t -> direct.computeIfAbsent(t.getSubject(), k -> new HashSet<>())
                        .add(t.getObject()));
        for (Node c : direct.keySet()) {
            Set<Node> seen = new LinkedHashSet<>();
            Deque<Node> todo = new ArrayDeque<>(List.of(c));
            while (!todo.isEmpty()) {
                Node x = todo.pop();
                if (seen.add(x)) todo.addAll(direct.getOrDefault(x, Set.of()));
            }
            superClasses.put(c, List.copyOf(seen));
        }
        Node patientCase = AspsVocabulary.PATIENT_CASE.asNode();
        Set<Node> targets = new HashSet<>();
        targets.add(patientCase);
        superClasses.forEach((c, sup) -> {
            if (sup.contains(patientCase)) targets.add(c);
        });
        this.targetClasses = Collections.unmodifiableSet(targets);
    }

    /** Compiles the shapes; empty when they use a construct the compiler does not know. */
    public static Optional<CompiledGraphShapes> compile(CaseShapes shapes) {
        try {
            return Optional.of(compileOrFail(shapes.shapesGraph(), shapes.hierarchy()));
        } catch (NotCompilable e) {
            return Optional.empty();
        }
    }

    static CompiledGraphShapes compileOrFail(Graph shapesGraph, Graph hierarchy) {
        Reader in = new Reader(shapesGraph);
        List<TopShape> top = new ArrayList<>();
        for (Node shape : in.patientCaseTargets()) top.add(in.topShape(shape));
        in.requireAllRead();
        return new CompiledGraphShapes(List.copyOf(top), hierarchy);
    }

    /**
     * The SHACL results of the cases in {@code data} (with the hierarchy beside them), as jena-shacl
     * reports them; empty when the graph holds something these checks do not decide (see the class
     * comment), for the caller to validate it with jena-shacl.
     */
    public Optional<List<CaseShapes.Violation>> validate(Graph data) {
        Set<Node> focus = new LinkedHashSet<>();
        for (var it = data.find(); it.hasNext(); ) {
            Triple t = it.next();
            if (t.getPredicate().equals(SUB_CLASS_OF) || hierarchySubjects.contains(t.getSubject())) {
                return Optional.empty();
            }
            if (t.getPredicate().equals(TYPE) && targetClasses.contains(t.getObject())) focus.add(t.getSubject());
        }
        Ctx ctx = new Ctx(data);
        List<CaseShapes.Violation> out = new ArrayList<>();
        try {
            for (Node f : focus) for (TopShape s : shapes) s.check(ctx, f, out);
        } catch (Undecided e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    // ---------------------------------------------------------------------------------------------
    // The graph as the shapes see it

    /** A value these checks do not decide as jena-shacl would (e.g. an age written as a decimal). */
    private static final class Undecided extends RuntimeException {
        Undecided() {
            super(null, null, false, false);
        }
    }

    private static final Undecided UNDECIDED = new Undecided();

    /** The data graph united with the hierarchy; a subject is in one of them only (else not decided). */
    private final class Ctx {
        final Graph data;

        Ctx(Graph data) {
            this.data = data;
        }

        /** The distinct objects of {@code (s p ?)} in the union. */
        List<Node> objects(Node s, Node p) {
            if (s.isLiteral()) return List.of();
            Graph g = hierarchySubjects.contains(s) ? hierarchy : data;
            List<Node> out = new ArrayList<>(2);
            g.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
            return out;
        }

        /** {@code s (p)*}: the node and every node reached by p. */
        List<Node> zeroOrMore(Node s, Node p) {
            if (p.equals(SUB_CLASS_OF)) {
                // the data states no rdfs:subClassOf (else not decided here), so the hierarchy's closure is all
                List<Node> sup = superClasses.get(s);
                return sup == null ? List.of(s) : sup;
            }
            Set<Node> seen = new LinkedHashSet<>();
            Deque<Node> todo = new ArrayDeque<>(List.of(s));
            while (!todo.isEmpty()) {
                Node x = todo.pop();
                if (seen.add(x)) todo.addAll(objects(x, p));
            }
            return new ArrayList<>(seen);
        }

        List<Node> values(Node focus, Path path) {
            List<Node> at = List.of(focus);
            for (int i = 0; i < path.steps().length; i++) {
                Node p = path.steps()[i];
                boolean star = path.star()[i];
                if (at.size() == 1) {
                    at = star ? zeroOrMore(at.get(0), p) : objects(at.get(0), p);
                    continue;
                }
                Set<Node> next = new LinkedHashSet<>();
                for (Node v : at) next.addAll(star ? zeroOrMore(v, p) : objects(v, p));
                at = new ArrayList<>(next);
            }
            return at;
        }

        boolean isInstanceOf(Node v, Node cls) {
            if (v.isLiteral()) return false;
            for (Node type : objects(v, TYPE)) {
                if (type.equals(cls)) return true;
                List<Node> sup = superClasses.get(type);
                if (sup != null && sup.contains(cls)) return true;
            }
            return false;
        }
    }

    /** A compiled path: predicates, each with whether it is {@code sh:zeroOrMorePath}. */
    private record Path(Node[] steps, boolean[] star) {
        static Path of(ShapePath p) {
            Node[] steps = new Node[p.steps().size()];
            boolean[] star = new boolean[steps.length];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = org.apache.jena.graph.NodeFactory.createURI(
                        p.steps().get(i).predicate());
                star[i] = p.steps().get(i).zeroOrMore();
            }
            return new Path(steps, star);
        }
    }

    /** Whether a value conforms to a (nested) shape or meets a constraint. */
    @FunctionalInterface
    private interface Conforms {
        boolean test(Ctx ctx, Node v);
    }

    /** A constraint on each value, and its component. */
    private record ValueConstraint(Node component, Conforms conforms) {}

    /** A constraint on the number of values (those that {@code counted} accepts), and its component. */
    private record CountConstraint(Node component, IntPredicate holds, Conforms counted) {}

    /** A property shape reported at the top: the constraints on the values of a predicate of the focus. */
    private record PropertyCheck(
            Node shape,
            Path path,
            String pathText,
            Node predicate,
            String message,
            List<CountConstraint> counts,
            List<ValueConstraint> values) {}

    /** A shape targeting the cases: its own constraints on the focus, its closedness, its property shapes. */
    private record TopShape(
            Node shape,
            String message,
            List<ValueConstraint> own,
            Set<Node> closedAllowed,
            List<PropertyCheck> properties) {
        void check(Ctx ctx, Node focus, List<CaseShapes.Violation> out) {
            for (ValueConstraint vc : own) {
                if (!vc.conforms().test(ctx, focus)) {
                    out.add(new CaseShapes.Violation(focus, null, null, focus, message, shape, vc.component()));
                }
            }
            if (closedAllowed != null) {
                ctx.data.find(focus, Node.ANY, Node.ANY).forEachRemaining(t -> {
                    Node p = t.getPredicate();
                    if (closedAllowed.contains(p)) return;
                    out.add(new CaseShapes.Violation(
                            focus,
                            PathFactory.pathLink(p).toString(),
                            p,
                            t.getObject(),
                            message,
                            shape,
                            SHACL.ClosedConstraintComponent));
                });
            }
            for (PropertyCheck pc : properties) {
                List<Node> values = ctx.values(focus, pc.path());
                for (CountConstraint cc : pc.counts()) {
                    int n = 0;
                    for (Node v : values) if (cc.counted().test(ctx, v)) n++;
                    if (!cc.holds().test(n)) {
                        out.add(new CaseShapes.Violation(
                                focus, pc.pathText(), pc.predicate(), null, pc.message(), pc.shape(), cc.component()));
                    }
                }
                for (ValueConstraint vc : pc.values()) {
                    for (Node v : values) {
                        if (!vc.conforms().test(ctx, v)) {
                            out.add(new CaseShapes.Violation(
                                    focus, pc.pathText(), pc.predicate(), v, pc.message(), pc.shape(), vc.component()));
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The compiler

    private static final class Reader extends ShapesGraphReader {
        private final Map<Node, Conforms> nested = new HashMap<>();

        Reader(Graph g) {
            super(g);
        }

        TopShape topShape(Node shape) {
            String message = reportedMessage(shape);
            List<ValueConstraint> own = valueConstraints(shape);
            List<Node> properties = all(shape, SHACL.property);
            Set<Node> allowed = null;
            Node closed = one(shape, SHACL.closed);
            if (closed != null
                    && closed.isLiteral()
                    && closed.getLiteralLexicalForm().equals("true")) {
                allowed = new HashSet<>();
                for (Node p : properties) {
                    Node path = one(p, SHACL.path);
                    if (path != null && path.isURI()) allowed.add(path);
                }
                Node ignored = one(shape, SHACL.ignoredProperties);
                if (ignored != null) allowed.addAll(list(ignored));
            } else if (closed != null && !closed.getLiteralLexicalForm().equals("false")) {
                throw new NotCompilable(shape + " sh:closed " + closed);
            }
            if (one(shape, SHACL.path) != null) throw new NotCompilable(shape + ": a property shape with a target");
            List<PropertyCheck> checks = new ArrayList<>();
            for (Node p : properties) checks.add(propertyCheck(p));
            return new TopShape(shape, message, own, allowed, checks);
        }

        /** The message of a shape whose results are reported: jena-shacl's own wording is not reproduced. */
        String reportedMessage(Node shape) {
            String m = message(shape);
            if (m == null) throw new NotCompilable(shape + ": a reported shape without sh:message");
            return m;
        }

        PropertyCheck propertyCheck(Node shape) {
            Node pathNode = one(shape, SHACL.path);
            ShapePath path = path(pathNode);
            if (path.predicate() == null)
                throw new NotCompilable(shape + ": a path on the case other than a predicate");
            if (one(shape, SHACL.closed) != null) throw new NotCompilable(shape + ": a closed property shape");
            all(shape, SHACL.property).forEach(p -> {
                throw new NotCompilable(shape + ": a property shape with sh:property");
            });
            return new PropertyCheck(
                    shape,
                    Path.of(path),
                    PathFactory.pathLink(pathNode).toString(),
                    pathNode,
                    reportedMessage(shape),
                    countConstraints(shape),
                    valueConstraints(shape));
        }

        List<CountConstraint> countConstraints(Node shape) {
            List<CountConstraint> out = new ArrayList<>();
            Conforms any = (ctx, v) -> true;
            Node min = one(shape, SHACL.minCount);
            if (min != null) {
                int n = integer(min);
                out.add(new CountConstraint(SHACL.MinCountConstraintComponent, c -> c >= n, any));
            }
            Node max = one(shape, SHACL.maxCount);
            if (max != null) {
                int n = integer(max);
                out.add(new CountConstraint(SHACL.MaxCountConstraintComponent, c -> c <= n, any));
            }
            Node qualified = one(shape, SHACL.qualifiedValueShape);
            Node qMin = one(shape, SHACL.qualifiedMinCount);
            Node qMax = one(shape, SHACL.qualifiedMaxCount);
            if (qualified != null) {
                Conforms q = shape(qualified);
                if (qMin != null) {
                    int n = integer(qMin);
                    out.add(new CountConstraint(SHACL.QualifiedMinCountConstraintComponent, c -> c >= n, q));
                }
                if (qMax != null) {
                    int n = integer(qMax);
                    out.add(new CountConstraint(SHACL.QualifiedMaxCountConstraintComponent, c -> c <= n, q));
                }
            } else if (qMin != null || qMax != null) {
                throw new NotCompilable(shape + ": a qualified count without sh:qualifiedValueShape");
            }
            Node hasValue = one(shape, SHACL.hasValue);
            if (hasValue != null) {
                if (!hasValue.isURI()) throw new NotCompilable(shape + ": sh:hasValue other than an IRI");
                out.add(new CountConstraint(
                        SHACL.HasValueConstraintComponent, c -> c >= 1, (ctx, v) -> v.equals(hasValue)));
            }
            return out;
        }

        List<ValueConstraint> valueConstraints(Node shape) {
            List<ValueConstraint> out = new ArrayList<>();
            Node kind = one(shape, SHACL.nodeKind);
            if (kind != null) {
                Conforms c = switch (kind.getLocalName()) {
                    case "IRI" -> (ctx, v) -> v.isURI();
                    case "BlankNode" -> (ctx, v) -> v.isBlank();
                    case "Literal" -> (ctx, v) -> v.isLiteral();
                    case "BlankNodeOrIRI" -> (ctx, v) -> v.isBlank() || v.isURI();
                    case "BlankNodeOrLiteral" -> (ctx, v) -> v.isBlank() || v.isLiteral();
                    case "IRIOrLiteral" -> (ctx, v) -> v.isURI() || v.isLiteral();
                    default -> throw new NotCompilable("an unknown sh:nodeKind " + kind);
                };
                out.add(new ValueConstraint(SHACL.NodeKindConstraintComponent, c));
            }
            Node datatype = one(shape, SHACL.datatype);
            if (datatype != null) {
                String dt = datatype.getURI();
                if (!Set.of(XSD_STRING, XSD_INTEGER, LANG_STRING).contains(dt)) {
                    throw new NotCompilable("sh:datatype " + dt);
                }
                out.add(new ValueConstraint(SHACL.DatatypeConstraintComponent, (ctx, v) -> hasDatatype(v, dt)));
            }
            Node minInclusive = one(shape, SHACL.minInclusive);
            if (minInclusive != null) {
                long bound = integer(minInclusive);
                out.add(new ValueConstraint(SHACL.MinInclusiveConstraintComponent, (ctx, v) -> inRange(v, bound, 1)));
            }
            Node maxInclusive = one(shape, SHACL.maxInclusive);
            if (maxInclusive != null) {
                long bound = integer(maxInclusive);
                out.add(new ValueConstraint(SHACL.MaxInclusiveConstraintComponent, (ctx, v) -> inRange(v, bound, -1)));
            }
            for (Node cls : all(shape, SHACL.class_)) {
                out.add(new ValueConstraint(SHACL.ClassConstraintComponent, (ctx, v) -> ctx.isInstanceOf(v, cls)));
            }
            Node in = one(shape, SHACL.in);
            if (in != null) {
                Set<Node> allowed = new HashSet<>();
                for (Node n : list(in)) {
                    if (!n.isURI()) throw new NotCompilable("sh:in with a member other than an IRI: " + n);
                    allowed.add(n);
                }
                out.add(new ValueConstraint(SHACL.InConstraintComponent, (ctx, v) -> allowed.contains(v)));
            }
            for (Node node : all(shape, SHACL.node)) {
                Conforms c = shape(node);
                out.add(new ValueConstraint(SHACL.NodeConstraintComponent, c));
            }
            Node or = one(shape, SHACL.or);
            if (or != null) {
                List<Conforms> members = new ArrayList<>();
                for (Node m : list(or)) members.add(shape(m));
                out.add(new ValueConstraint(SHACL.OrConstraintComponent, (ctx, v) -> {
                    for (Conforms m : members) if (m.test(ctx, v)) return true;
                    return false;
                }));
            }
            return out;
        }

        /** Whether a value conforms to a nested shape: its constraints, its own path's, each property shape's. */
        Conforms shape(Node shape) {
            Conforms known = nested.get(shape);
            if (known != null) return known;
            nested.put(shape, (ctx, v) -> {
                throw new IllegalStateException("recursive shape " + shape);
            });
            message(shape); // a nested shape's message is not reported
            if (one(shape, SHACL.closed) != null) throw new NotCompilable(shape + ": a nested closed shape");
            List<Conforms> parts = new ArrayList<>();
            for (ValueConstraint vc : valueConstraints(shape)) parts.add(vc.conforms());
            Node ownPath = one(shape, SHACL.path);
            if (ownPath != null) {
                Path path = Path.of(path(ownPath));
                List<CountConstraint> counts = countConstraints(shape);
                List<Conforms> valueParts = List.copyOf(parts);
                parts.clear();
                parts.add((ctx, v) -> {
                    List<Node> values = ctx.values(v, path);
                    for (CountConstraint cc : counts) {
                        int n = 0;
                        for (Node x : values) if (cc.counted().test(ctx, x)) n++;
                        if (!cc.holds().test(n)) return false;
                    }
                    for (Node x : values) for (Conforms c : valueParts) if (!c.test(ctx, x)) return false;
                    return true;
                });
            }
            for (Node p : all(shape, SHACL.property)) parts.add(shape(p));
            Conforms all = (ctx, v) -> {
                for (Conforms c : parts) if (!c.test(ctx, v)) return false;
                return true;
            };
            nested.put(shape, all);
            return all;
        }
    }

    /**
     * {@code sh:datatype}: a literal of exactly that datatype, well formed. An {@code xsd:integer} not
     * written canonically is left to jena-shacl (its lexical rules are not reproduced).
     */
    private static boolean hasDatatype(Node v, String dt) {
        if (!v.isLiteral()) return false;
        String actual = v.getLiteralDatatypeURI();
        if (actual.equals(XSD_INTEGER)) {
            canonicalInteger(v);
            return dt.equals(XSD_INTEGER);
        }
        if (actual.equals(XSD_STRING) || actual.equals(LANG_STRING)) return dt.equals(actual);
        return false; // another datatype than the one required (SHACL compares the datatype IRIs)
    }

    /**
     * Whether a value meets {@code sh:minInclusive} ({@code sign} 1) or {@code sh:maxInclusive} ({@code
     * sign} -1) of {@code bound}: a canonical {@code xsd:integer} by its value; a node that cannot be
     * compared with a number (an IRI, a blank node, a string, a boolean) never does, as in SPARQL. Any
     * other literal (a decimal, an {@code xsd:int}, an integer not written canonically) is left to jena-shacl.
     */
    private static boolean inRange(Node v, long bound, int sign) {
        if (!v.isLiteral()) return false;
        String dt = v.getLiteralDatatypeURI();
        if (dt.equals(XSD_STRING) || dt.equals(LANG_STRING) || dt.equals(XSD_BOOLEAN)) return false;
        if (!dt.equals(XSD_INTEGER)) throw UNDECIDED;
        long value = canonicalInteger(v);
        return sign > 0 ? value >= bound : value <= bound;
    }

    private static long canonicalInteger(Node v) {
        String lex = v.getLiteralLexicalForm();
        int n = lex.length();
        int start = lex.startsWith("-") ? 1 : 0;
        if (n == start || n - start > 18 || (lex.charAt(start) == '0' && (n - start > 1 || start == 1))) {
            throw UNDECIDED;
        }
        for (int i = start; i < n; i++) {
            char c = lex.charAt(i);
            if (c < '0' || c > '9') throw UNDECIDED;
        }
        return Long.parseLong(lex);
    }
}
