package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.AspsKgException;
import org.aspskg.bench.QueryLibrary.LibraryQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLibraryTest {
    @TempDir
    Path tmp;

    @Test
    void topLevelRqFilesInNameOrderAreTheLibrary() throws Exception {
        Files.writeString(tmp.resolve("02-graph.rq"), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1");
        Files.writeString(tmp.resolve("01-select.rq"), "SELECT * { ?s ?p ?o } LIMIT 1");
        Files.writeString(tmp.resolve("notes.md"), "not a query");
        Files.createDirectories(tmp.resolve("drafts"));
        Files.writeString(tmp.resolve("drafts/03-draft.rq"), "SELECT broken");
        QueryLibrary library = QueryLibrary.load(tmp);
        assertEquals(tmp.toString(), library.source());
        assertEquals(List.of(
                new LibraryQuery("01-select", "SELECT * { ?s ?p ?o } LIMIT 1", false),
                new LibraryQuery("02-graph", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", true)),
                library.queries());
    }

    @Test
    void withoutQueryFilesTheBuiltInQueriesAreUsed() {
        QueryLibrary library = QueryLibrary.load(tmp.resolve("no-such-dir"));
        assertEquals("built-in", library.source());
        assertEquals(List.of("01-asps-inferred-superclasses", "02-facts-citing-reference", "03-asps-features-by-weight",
                "04-diseases-with-flow-voids", "05-hypervascular-lesions", "06-label-search", "07-describe-asps",
                "08-statements-per-disease"),
                library.queries().stream().map(LibraryQuery::name).toList());
    }

    @Test
    void aBrokenQueryFailsBeforeAnythingRunsWithFileLineAndColumn() throws Exception {
        Files.writeString(tmp.resolve("01-ok.rq"), "ASK {}");
        Files.writeString(tmp.resolve("02-broken.rq"), "SELECT ?s\nWHERE { ?s ?p }");
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(tmp));
        assertTrue(e.getMessage().startsWith(tmp.resolve("02-broken.rq") + ":2:"), e.getMessage());
    }
}
