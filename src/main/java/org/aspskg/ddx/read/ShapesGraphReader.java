package org.aspskg.ddx.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ontology.AspsVocabulary;

/**
 * Reads a SHACL shapes graph for a compiler of its checks ({@link CompiledCaseShapes} for JSON cases,
 * {@link CompiledGraphShapes} for case graphs), remembering every triple it read so that a
 * {@code sh:} statement no compiler step looked at makes the shapes not compilable rather than
 * silently ignored.
 */
class ShapesGraphReader {
    /** The shapes use a construct the compiler does not know: validate with jena-shacl instead. */
    static final class NotCompilable extends RuntimeException {
        NotCompilable(String message) {
            super(message);
        }
    }

    /** A path: predicates, each optionally {@code sh:zeroOrMorePath}; {@code predicate} when it is one predicate. */
    record ShapePath(List<Step> steps, String predicate) {}

    record Step(String predicate, boolean zeroOrMore) {}

    final Graph g;
    final Set<Triple> read = new HashSet<>();

    ShapesGraphReader(Graph g) {
        this.g = g;
    }

    List<Node> all(Node s, Node p) {
        List<Node> out = new ArrayList<>();
        g.find(s, p, Node.ANY).forEachRemaining(t -> {
            read.add(t);
            out.add(t.getObject());
        });
        return out;
    }

    Node one(Node s, Node p) {
        List<Node> all = all(s, p);
        if (all.size() > 1) throw new NotCompilable(s + " has " + all.size() + " values of " + p);
        return all.isEmpty() ? null : all.get(0);
    }

    List<Node> list(Node head) {
        List<Node> out = new ArrayList<>();
        Node n = head;
        while (n != null && !n.equals(RDF.nil.asNode())) {
            out.add(one(n, RDF.first.asNode()));
            n = one(n, RDF.rest.asNode());
            if (n == null) throw new NotCompilable("an RDF list of the shapes does not end in rdf:nil");
        }
        return out;
    }

    /**
     * The shapes that target {@code aspskg:PatientCase} ({@code sh:targetClass}), in the graph's order;
     * a shape targeting any other class makes the shapes not compilable.
     */
    List<Node> patientCaseTargets() {
        List<Node> targets = new ArrayList<>();
        g.find(Node.ANY, SHACL.targetClass, Node.ANY).forEachRemaining(t -> {
            if (!t.getObject().equals(AspsVocabulary.PATIENT_CASE.asNode())) {
                throw new NotCompilable("a shape targets " + t.getObject() + "; only aspskg:PatientCase is compiled");
            }
            read.add(t);
            targets.add(t.getSubject());
        });
        return targets;
    }

    String message(Node shape) {
        Node m = one(shape, SHACL.message);
        return m == null ? null : m.getLiteralLexicalForm();
    }

    void requireAllRead() {
        List<String> unread = new ArrayList<>();
        g.find().forEachRemaining(t -> {
            if (t.getPredicate().getURI().startsWith("http://www.w3.org/ns/shacl#") && !read.contains(t)) {
                unread.add(t.toString());
            }
        });
        if (!unread.isEmpty()) throw new NotCompilable("not compiled: " + String.join("; ", unread));
    }

    ShapePath path(Node node) {
        if (node == null) throw new NotCompilable("a property shape without sh:path");
        if (node.isURI()) return new ShapePath(List.of(new Step(node.getURI(), false)), node.getURI());
        List<Step> steps = new ArrayList<>();
        for (Node element : list(node)) {
            if (element.isURI()) {
                steps.add(new Step(element.getURI(), false));
            } else {
                Node star = one(element, SHACL.zeroOrMorePath);
                if (star == null || !star.isURI()) throw new NotCompilable("an unknown path " + element);
                steps.add(new Step(star.getURI(), true));
            }
        }
        return new ShapePath(steps, null);
    }

    static int integer(Node n) {
        try {
            return Integer.parseInt(n.getLiteralLexicalForm());
        } catch (RuntimeException e) {
            throw new NotCompilable("not an integer: " + n);
        }
    }
}
