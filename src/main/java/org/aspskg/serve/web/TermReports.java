package org.aspskg.serve.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.QuerySolutionMap;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL2;
import org.aspskg.ontology.AspsVocabulary;

/**
 * What a term page shows, read from the store: each section is a SELECT of its own (resources
 * {@code term/*.rq} beside this class, the term bound with a {@link ParameterizedSparqlString}), kept
 * with the query text so that the page can show the SPARQL behind it.
 */
final class TermReports {
    /** One section's query (as run, the term's IRI in place) and its rows. */
    record Section(String name, String sparql, List<QuerySolution> rows) {}

    static final List<String> SECTIONS = List.of("names", "ancestors", "children", "facts", "differentials", "codes");

    private final DatasetGraph dataset;

    TermReports(DatasetGraph dataset) {
        this.dataset = dataset;
    }

    /** Whether the store says anything about {@code iri} as a subject. */
    boolean knows(String iri) {
        Node n = NodeFactory.createURI(iri);
        return Txn.calculateRead(dataset, () -> dataset.getUnionGraph().contains(n, Node.ANY, Node.ANY));
    }

    /** The section named {@code name} (one of {@link #SECTIONS}) for the term {@code iri}. */
    Section section(String name, String iri) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(resource("term/" + name + ".rq"));
        q.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        q.setIri("term", iri);
        q.setIri("assertedGraph", AspsVocabulary.GRAPH_ASSERTED);
        q.setIri("inferredGraph", AspsVocabulary.GRAPH_INFERRED);
        return new Section(name, q.toString(), select(dataset, q));
    }

    /**
     * The term's description as RDF: its concise bounded description over every graph (its triples,
     * and those of the blank nodes they lead to), with the annotations on its mapping axioms.
     */
    Model describe(String iri) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        m.setNsPrefix("skos", AspsVocabulary.SKOS);
        Node term = NodeFactory.createURI(iri);
        Txn.executeRead(dataset, () -> {
            Graph union = dataset.getUnionGraph();
            Graph out = m.getGraph();
            Deque<Node> todo = new ArrayDeque<>(List.of(term));
            union.find(Node.ANY, OWL2.annotatedSource.asNode(), term)
                    .mapWith(Triple::getSubject)
                    .filterKeep(Node::isBlank)
                    .forEach(todo::add);
            Set<Node> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                Node s = todo.pop();
                if (!seen.add(s)) continue;
                union.find(s, Node.ANY, Node.ANY).forEach(t -> {
                    out.add(t);
                    if (t.getObject().isBlank()) todo.push(t.getObject());
                });
            }
        });
        return m;
    }

    /**
     * Runs a SELECT in a read transaction and returns its rows detached from the store (TDB2's
     * solutions read their nodes lazily, which only works inside the transaction).
     */
    static List<QuerySolution> select(DatasetGraph dataset, ParameterizedSparqlString query) {
        List<QuerySolution> rows = new ArrayList<>();
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dataset))
                    .query(query.asQuery())
                    .build()) {
                qe.execSelect().forEachRemaining(s -> {
                    QuerySolutionMap row = new QuerySolutionMap();
                    s.varNames().forEachRemaining(v -> row.add(v, s.get(v)));
                    rows.add(row);
                });
            }
        });
        return rows;
    }

    static String resource(String name) {
        try (InputStream in = TermReports.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
