package org.aspskg.ontology;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

class NestingLimitTest {
    private static final class Refused extends RuntimeException {
        final long line;
        final long col;

        Refused(String message, long line, long col) {
            super(message);
            this.line = line;
            this.col = col;
        }
    }

    private static String nested(int depth) {
        return "PREFIX : <http://example.org/>\n:a :p " + "[ :p ".repeat(depth) + "1" + " ]".repeat(depth) + " .\n";
    }

    private static Graph parse(String turtle, int levels) {
        ErrorHandler errors = new StrictParseErrors(Refused::new);
        Graph graph = GraphFactory.createDefaultGraph();
        new LangTurtle(
                        NestingLimit.of(
                                TokenizerText.create()
                                        .fromString(turtle)
                                        .errorHandler(errors)
                                        .build(),
                                errors,
                                levels),
                        RiotLib.profile(org.apache.jena.riot.Lang.TURTLE, "http://example.org/", errors),
                        StreamRDFLib.graph(graph))
                .parse();
        return graph;
    }

    @Test
    void textNestedToTheLimitIsRead() {
        assertEquals(11, parse(nested(10), 10).size());
    }

    @Test
    void oneLevelBeyondTheLimitIsRefusedAtTheBracketThatPassesIt() {
        Refused e = assertThrows(Refused.class, () -> parse(nested(11), 10));
        assertTrue(e.getMessage().startsWith("nested too deeply to read"), e.getMessage());
        assertEquals(2, e.line);
        // ":a :p " is 6 characters; each "[ :p " 5 more: the 11th bracket starts at column 6 + 10 * 5 + 1
        assertEquals(57, e.col);
    }

    @Test
    void everyKindOfBracketCountsTowardsTheLimit() {
        String p = "PREFIX : <http://example.org/>\n";
        java.util.Map<String, String> nested = java.util.Map.of(
                "collection", p + ":a :p " + "( ".repeat(11) + "1" + " )".repeat(11) + " .\n",
                "triple term", p + ":a :p " + "<<( :s :p ".repeat(11) + "1" + " )>>".repeat(11) + " .\n",
                "reified triple", p + "<< ".repeat(11) + ":s :p :o" + " >>".repeat(11) + " :q 1 .\n");
        nested.forEach((kind, turtle) -> {
            Refused e = assertThrows(Refused.class, () -> parse(turtle, 10), kind);
            assertTrue(e.getMessage().startsWith("nested too deeply to read"), kind + ": " + e.getMessage());
        });
        // an annotation block nests in the same way
        String annotated = p + ":s :p :o {| :q 1 |} .\n";
        assertEquals(3, parse(annotated, 1).size());
        assertThrows(Refused.class, () -> parse(p + ":s :p :o {| :q [ :r 1 ] |} .\n", 1));
    }

    @Test
    void closedBracketsDoNotCountTowardsTheLimit() {
        String siblings = "PREFIX : <http://example.org/>\n:a :p " + "[ :p [ :p 1 ] ] , ".repeat(200) + "1 .\n";
        assertDoesNotThrow(() -> parse(siblings, 3));
    }

    @Test
    void theVerdictDoesNotDependOnTheThreadsStack() throws InterruptedException {
        // a text the parser could read on a thread with a large stack is refused there too, as on any thread
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread big = new Thread(
                null,
                () -> {
                    try {
                        parse(nested(NestingLimit.LEVELS + 1), NestingLimit.LEVELS);
                    } catch (Throwable t) {
                        seen.set(t);
                    }
                },
                "big-stack",
                512L * 1024 * 1024);
        big.start();
        big.join();
        assertTrue(seen.get() instanceof Refused, String.valueOf(seen.get()));
    }
}
