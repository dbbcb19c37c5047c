package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.jena.query.QueryFactory;
import org.aspskg.bench.ServedQueries.ServedQuery;
import org.junit.jupiter.api.Test;

class HttpLoadTest {
    private static final ServedQuery SELECT = query("s", "SELECT * {}");
    private static final ServedQuery CONSTRUCT = query("c", "CONSTRUCT WHERE {}");

    private static ServedQuery query(String name, String text) {
        return new ServedQuery(name, text, QueryFactory.create(text));
    }

    private static boolean complete(String body, ServedQuery q) {
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
