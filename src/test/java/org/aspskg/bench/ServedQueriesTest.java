package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.AspsKgException;
import org.aspskg.bench.ServedQueries.ServedQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedQueriesTest {
    private static final String HEADER = "# Question: q?\n# Returns: rows\n# Binds: ?s\n";

    @TempDir
    Path tmp;

    @Test
    void theLibrarysTopLevelQueriesInNameOrderAreReplayed() throws Exception {
        Files.writeString(tmp.resolve("02-graph.rq"), HEADER + "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1");
        Files.writeString(tmp.resolve("01-select.rq"), HEADER + "SELECT * { ?s ?p ?o } LIMIT 1");
        Files.writeString(tmp.resolve("01-select.srj"), "{}");
        Files.createDirectories(tmp.resolve("federated"));
        Files.writeString(tmp.resolve("federated/01-remote.rq"), "SELECT broken");
        ServedQueries served = ServedQueries.load(tmp);
        assertEquals(tmp.toString(), served.source());
        assertEquals(
                List.of("01-select", "02-graph"),
                served.queries().stream().map(ServedQuery::name).toList());
        assertEquals(
                List.of(false, true),
                served.queries().stream().map(ServedQuery::graphResult).toList());
        assertEquals(
                HEADER + "SELECT * { ?s ?p ?o } LIMIT 1",
                served.queries().get(0).text());
    }

    @Test
    void withoutQueryFilesTheBuiltInQueriesAreReplayed() throws Exception {
        Files.writeString(tmp.resolve("README.md"), "no queries yet");
        for (Path dir : List.of(tmp, tmp.resolve("no-such-dir"))) {
            ServedQueries served = ServedQueries.load(dir);
            assertEquals("built-in", served.source());
            assertEquals(
                    List.of(
                            "01-asps-inferred-superclasses",
                            "02-facts-citing-reference",
                            "03-asps-features-by-weight",
                            "04-diseases-with-flow-voids",
                            "05-hypervascular-lesions",
                            "06-label-search",
                            "07-describe-asps",
                            "08-statements-per-disease"),
                    served.queries().stream().map(ServedQuery::name).toList());
        }
    }

    @Test
    void aBrokenQueryFailsBeforeAnythingRunsWithFileLineAndColumn() throws Exception {
        Files.writeString(tmp.resolve("01-ok.rq"), HEADER + "ASK {}");
        Files.writeString(tmp.resolve("02-broken.rq"), HEADER + "SELECT ?s\nWHERE { ?s ?p }");
        AspsKgException e = assertThrows(AspsKgException.class, () -> ServedQueries.load(tmp));
        assertTrue(e.getMessage().startsWith(tmp.resolve("02-broken.rq") + ":5:"), e.getMessage());
    }
}
