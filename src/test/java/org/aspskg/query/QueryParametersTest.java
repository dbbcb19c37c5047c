package org.aspskg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parameterised queries bind their parameter however a client binds it, and each way gives the same
 * rows: Jena's {@code ParameterizedSparqlString} (text substitution), a VALUES block at the start of the
 * WHERE block (rdflib's {@code initBindings}: fixed bindings in scope everywhere), a VALUES block after it
 * (how rdflib's SPARQLStore and Oxigraph send initBindings to a remote store) and Jena's own substitution
 * of the parsed query; the rows equal the unbound query's rows for that value.
 */
class QueryParametersTest {
    private static final Path QUERY_12 = Path.of("queries", "12-facts-citing-reference.rq");
    private static final Path IMAGING_BY_CODE = Path.of("queries", "mappings", "01-imaging-findings-by-code.rq");
    private static KnowledgeGraphStore store;

    @BeforeAll
    static void open() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
    }

    @AfterAll
    static void close() {
        if (store != null) store.close();
    }

    @Test
    void query12AnswersEachReferenceTheSameWhicheverWayReferenceIsBound() throws Exception {
        String text = Files.readString(QUERY_12);
        List<List<String>> all = rows(QueryFactory.create(text));
        int referencesWithFacts = 0;
        for (int n = 1; n <= 11; n++) {
            String number = Integer.toString(n);
            List<List<String>> expected = all.stream()
                    .filter(r -> r.get(0)
                            .equals(NodeFactoryExtra.intToNode(Integer.parseInt(number))
                                    .toString()))
                    .toList();
            if (!expected.isEmpty()) referencesWithFacts++;
            Node value = NodeFactoryExtra.intToNode(n);

            ParameterizedSparqlString pss = new ParameterizedSparqlString(text);
            pss.setLiteral("reference", n);
            assertEquals(expected, rows(pss.asQuery()), "ParameterizedSparqlString, reference " + n);
            assertEquals(
                    expected, rows(valuesFirst(text, "reference", value)), "VALUES first (rdflib), reference " + n);
            assertEquals(
                    expected, rows(valuesLast(text, "reference", value)), "VALUES last (SPARQLStore), reference " + n);
            assertEquals(expected, rows(substituted(text, "reference", value)), "Jena substitution, reference " + n);
        }
        assertEquals(11, referencesWithFacts, "every reference 1-11 is cited by some fact");
    }

    @Test
    void theImagingFindingsByCodeQueryBindsItsCodeEveryWay() throws Exception {
        String text = Files.readString(IMAGING_BY_CODE);
        Node code = NodeFactory.createURI("http://purl.obolibrary.org/obo/DOID_4239");
        ParameterizedSparqlString pss = new ParameterizedSparqlString(text);
        pss.setIri("code", code.getURI());
        List<List<String>> expected = rows(pss.asQuery());
        assertTrue(!expected.isEmpty(), "DOID's ASPS code (DOID:4239 in the mapping set) finds imaging findings");
        assertEquals(expected, rows(valuesFirst(text, "code", code)));
        assertEquals(expected, rows(valuesLast(text, "code", code)));
        assertEquals(expected, rows(substituted(text, "code", code)));
    }

    /** rdflib's initBindings: the value bound before anything else in the WHERE block. */
    private static Query valuesFirst(String text, String var, Node value) {
        Query q = QueryFactory.create(text);
        ElementData data =
                new ElementData(List.of(Var.alloc(var)), List.of(BindingFactory.binding(Var.alloc(var), value)));
        ElementGroup group = new ElementGroup();
        group.addElement(data);
        group.addElement(q.getQueryPattern());
        q.setQueryPattern(group);
        return q;
    }

    /** A trailing VALUES clause, joined with the WHERE block's solutions before projection. */
    private static Query valuesLast(String text, String var, Node value) {
        Query q = QueryFactory.create(text);
        Binding b = BindingFactory.binding(Var.alloc(var), value);
        q.setValuesDataBlock(List.of(Var.alloc(var)), List.of(b));
        return q;
    }

    private static Query substituted(String text, String var, Node value) {
        return QueryTransformOps.transform(QueryFactory.create(text), Map.of(Var.alloc(var), value));
    }

    /** The rows in their order, each as the N-Triples forms of the projected variables' values. */
    private static List<List<String>> rows(Query q) {
        return org.apache.jena.system.Txn.calculateRead(store.datasetGraph(), () -> rowsInTxn(q));
    }

    private static List<List<String>> rowsInTxn(Query q) {
        List<List<String>> out = new ArrayList<>();
        try (QueryExec exec = QueryExec.dataset(store.datasetGraph()).query(q).build()) {
            RowSet rs = exec.select();
            List<Var> vars = rs.getResultVars();
            rs.forEachRemaining(b -> {
                List<String> row = new ArrayList<>();
                for (Var v : vars) row.add(b.contains(v) ? b.get(v).toString() : "");
                out.add(row);
            });
        }
        return out;
    }
}
