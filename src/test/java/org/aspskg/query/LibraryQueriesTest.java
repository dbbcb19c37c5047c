package org.aspskg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The query library (queries/*.rq, not its subdirectories) is the knowledge graph's contract: every
 * query gives exactly its hand-checked expected results, on the local store and over HTTP from the
 * served endpoint.
 */
class LibraryQueriesTest {
    private static final Pattern DOCUMENTED_VAR = Pattern.compile("(?m)^\\?(\\w+)\\s");
    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static String endpoint;

    @BeforeAll
    static void start() {
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .build()
                .start();
        endpoint = server.datasetUrl("127.0.0.1") + "/sparql";
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    static Stream<Named<LibraryQuery>> libraryQueries() {
        return QueryLibrary.load(QueryLibrary.DEFAULT_DIR).queries().stream().map(q -> Named.of(q.fileName(), q));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryQueries")
    void localStoreGivesTheExpectedResults(LibraryQuery q) {
        LibraryCheck.Outcome outcome = LibraryCheck.check(q, query -> SparqlQueries.answer(store.dataset(), query));
        outcome.problem().ifPresent(p -> fail("on the local store: " + p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryQueries")
    void servedEndpointGivesTheExpectedResultsOverHttp(LibraryQuery q) {
        LibraryCheck.Outcome outcome = LibraryCheck.check(q, query -> SparqlQueries.answer(endpoint, query));
        outcome.problem().ifPresent(p -> fail("at " + endpoint + ": " + p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryQueries")
    void theCommentBlockDocumentsExactlyTheVariablesTheQueryBinds(LibraryQuery q) {
        Query query = q.parse();
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED_VAR.matcher(q.header().get(LibraryQuery.BINDS) + "\n");
        while (m.find()) documented.add(m.group(1));
        Set<String> bound = new TreeSet<>();
        if (query.isSelectType())
            query.getProjectVars().stream().map(Var::getVarName).forEach(bound::add);
        assertEquals(
                bound, documented, q.fileName() + ": '# Binds:' lists one '?var  meaning' line per result variable");
    }

    @Test
    void theLibraryCoversTheIssuesQuestionsAndMore() {
        assertTrue(libraryQueries().count() >= 25, "the library answers at least 25 competency questions");
    }

    @Test
    void everyLibraryQueryHasOneExpectedResultsFileAndEveryResultsFileAQuery() throws IOException {
        List<String> problems = new ArrayList<>();
        List<LibraryQuery> queries = QueryLibrary.load(QueryLibrary.DEFAULT_DIR).queries();
        for (LibraryQuery q : queries) {
            if (ExpectedResults.fileFor(q).isEmpty()) problems.add(q.fileName() + " has no expected results");
        }
        Set<String> ids = new TreeSet<>();
        queries.forEach(q -> ids.add(q.id()));
        try (Stream<Path> files = Files.list(QueryLibrary.DEFAULT_DIR)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> ExpectedResults.EXTENSIONS.stream().anyMatch(ext -> n.endsWith("." + ext)))
                    .filter(n -> !ids.contains(n.substring(0, n.lastIndexOf('.'))))
                    .forEach(n -> problems.add(n + " belongs to no query"));
        }
        assertEquals(List.of(), problems);
    }
}
