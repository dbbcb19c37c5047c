package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.aspskg.bench.QueryLibrary.LibraryQuery;
import org.junit.jupiter.api.Test;

class HttpLoadTest {
    private static final LibraryQuery SELECT = new LibraryQuery("s", "SELECT * {}", false);
    private static final LibraryQuery CONSTRUCT = new LibraryQuery("c", "CONSTRUCT WHERE {}", true);

    private static boolean complete(String body, LibraryQuery q) {
        return HttpLoad.complete(body.getBytes(StandardCharsets.UTF_8), q);
    }

    @Test
    void aResponseCutOffByTheServerCountsAsIncomplete() {
        assertEquals(true, complete("{ \"head\": {}, \"results\": { \"bindings\": [] } }\n", SELECT));
        assertEquals(false, complete("{ \"head\": {}, \"results\": { \"bindings\": [ {", SELECT));
        assertEquals(false, complete("", SELECT));
        assertEquals(true, complete("<a> <b> <c> .\n", CONSTRUCT));
        assertEquals(true, complete("", CONSTRUCT));
        assertEquals(false, complete("<a> <b> <c> .\n<a> <b", CONSTRUCT));
    }
}
