package org.aspskg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The library's runner cannot pass vacuously: for every library query, an expected answer that is
 * wrong in a row, a value, a triple or (under ORDER BY) the order is rejected, while a reordering
 * the query does not ask for is accepted; a wrong or missing expected-results file fails the check.
 */
class AnswerComparisonTest {
    private static KnowledgeGraphStore store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Stream<Named<LibraryQuery>> libraryQueries() {
        return LibraryQueriesTest.libraryQueries();
    }

    private static QueryAnswer actual(Query query) {
        return SparqlQueries.answer(store.dataset(), query);
    }

    private static void assertRejected(Query query, QueryAnswer wrong, QueryAnswer actual, String mutation) {
        Optional<String> d = AnswerComparison.differences(query, wrong, actual);
        assertTrue(d.isPresent(), "an expected answer with " + mutation + " was accepted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryQueries")
    void aWrongExpectedAnswerIsRejected(LibraryQuery q) {
        Query query = q.parse();
        QueryAnswer actual = actual(query);
        assertEquals(Optional.empty(), AnswerComparison.differences(query, actual, actual), "an answer equals itself");
        if (actual instanceof QueryAnswer.Bool b) {
            assertRejected(query, new QueryAnswer.Bool(!b.value()), actual, "the opposite boolean");
        } else if (actual instanceof QueryAnswer.Graph g) {
            Model fewer = ModelFactory.createDefaultModel().add(g.model());
            if (!fewer.isEmpty()) {
                fewer.remove(fewer.listStatements().nextStatement());
                assertRejected(query, new QueryAnswer.Graph(fewer), actual, "a triple missing");
            }
            Model more = ModelFactory.createDefaultModel().add(g.model());
            more.add(more.createResource("urn:x-test:s"), RDFS.label, "not in the answer");
            assertRejected(query, new QueryAnswer.Graph(more), actual, "an extra triple");
        } else {
            QueryAnswer.Table t = (QueryAnswer.Table) actual;
            List<Binding> rows = t.rows();
            assertRejected(query, new QueryAnswer.Table(t.vars(), with(rows, extraRow(t))), actual, "an extra row");
            if (!rows.isEmpty()) {
                assertRejected(
                        query,
                        new QueryAnswer.Table(t.vars(), rows.subList(0, rows.size() - 1)),
                        actual,
                        "a row missing");
                List<Binding> changed = new ArrayList<>(rows);
                changed.set(0, extraRow(t));
                assertRejected(query, new QueryAnswer.Table(t.vars(), changed), actual, "a value changed");
                List<Var> renamed = new ArrayList<>(t.vars());
                renamed.set(0, Var.alloc(renamed.get(0).getVarName() + "Renamed"));
                assertRejected(query, new QueryAnswer.Table(renamed, List.of()), actual, "another variable");
            }
            int firstDifferent = firstRowUnlikeTheFirst(rows);
            if (firstDifferent > 0) {
                List<Binding> swapped = new ArrayList<>(rows);
                swapped.set(0, rows.get(firstDifferent));
                swapped.set(firstDifferent, rows.get(0));
                Optional<String> d =
                        AnswerComparison.differences(query, new QueryAnswer.Table(t.vars(), swapped), actual);
                if (query.hasOrderBy()) {
                    assertTrue(d.isPresent(), "rows out of the query's ORDER BY were accepted");
                    assertTrue(d.get().contains("in another order"), d.get());
                } else {
                    assertEquals(Optional.empty(), d, "without ORDER BY the rows' order does not matter");
                }
            }
        }
    }

    private static List<Binding> with(List<Binding> rows, Binding extra) {
        List<Binding> out = new ArrayList<>(rows);
        out.add(extra);
        return out;
    }

    /** A row whose first variable holds a literal no query returns. */
    private static Binding extraRow(QueryAnswer.Table t) {
        BindingBuilder b = BindingBuilder.create();
        b.add(t.vars().get(0), NodeFactory.createLiteralString("a value the knowledge graph does not hold"));
        return b.build();
    }

    private static int firstRowUnlikeTheFirst(List<Binding> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).equals(rows.get(0))) return i;
        }
        return -1;
    }

    @Test
    void aTamperedExpectedResultsFileFailsTheCheckWithTheDifference() throws Exception {
        QueryLibrary library = copyOfLibrary();
        LibraryQuery tfe3 = library.find("tfe3-sensitivity-specificity");
        Path file = ExpectedResults.requireFileFor(tfe3);
        assertTrue(LibraryCheck.check(tfe3, local()).passed(), "the untouched file passes");

        String text = Files.readString(file);
        assumeTrue(text.contains("\"0.92\""));
        Files.writeString(file, text.replaceFirst("\"0\\.92\"", "\"0.93\""));

        LibraryCheck.Outcome outcome = LibraryCheck.check(tfe3, local());
        assertFalse(outcome.passed());
        String problem = outcome.problem().orElseThrow();
        assertTrue(
                problem.startsWith("06-tfe3-sensitivity-specificity.rq does not give the answer in "
                        + "06-tfe3-sensitivity-specificity.srj: expected 3 rows, got 3"),
                problem);
        assertTrue(problem.contains("missing (1):") && problem.contains("?sensitivity=0.93"), problem);
        assertTrue(problem.contains("unexpected (1):") && problem.contains("?sensitivity=0.92"), problem);
    }

    @Test
    void aQueryWithoutAnExpectedResultsFileFailsTheCheckSayingHowToWriteOne() throws Exception {
        QueryLibrary library = copyOfLibrary();
        LibraryQuery survival = library.find("07");
        Files.delete(ExpectedResults.requireFileFor(survival));

        List<LibraryCheck.Outcome> outcomes = LibraryCheck.run(library, local());

        List<String> failed = outcomes.stream()
                .filter(o -> !o.passed())
                .map(o -> o.query().fileName())
                .toList();
        assertEquals(List.of("07-asps-survival.rq"), failed);
        String problem =
                outcomes.get(library.queries().indexOf(survival)).problem().orElseThrow();
        assertTrue(problem.startsWith(survival.file() + " has no expected-results file"), problem);
        assertTrue(problem.contains("hint: Run it (asps-kg query 07 --format json > "), problem);
    }

    @Test
    void anExpectedFileOfTheWrongKindIsAnError() throws Exception {
        QueryLibrary library = copyOfLibrary();
        LibraryQuery graph = library.find("30");
        Path ttl = ExpectedResults.requireFileFor(graph);
        Files.move(ttl, ttl.resolveSibling(graph.id() + ".srj"));
        String problem = LibraryCheck.check(graph, local()).problem().orElseThrow();
        assertTrue(problem.contains("the query returns a graph, which is kept in a .ttl file"), problem);
    }

    /** The library's top-level files, copied so a test can spoil them. */
    private QueryLibrary copyOfLibrary() throws Exception {
        try (Stream<Path> files = Files.list(QueryLibrary.DEFAULT_DIR)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, tmp.resolve(f.getFileName().toString()));
            }
        }
        return QueryLibrary.load(tmp);
    }

    /** The runner {@link LibraryCheck} uses for the local store. */
    private static Function<Query, QueryAnswer> local() {
        return AnswerComparisonTest::actual;
    }
}
