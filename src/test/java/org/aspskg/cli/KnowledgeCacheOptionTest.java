package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --no-knowledge-cache} on every command that loads the differential knowledge. That the bypass
 * neither reads nor writes the cache, and that the knowledge is the same with and without it, is
 * {@code DdxKnowledgeFromCacheTest}.
 */
class KnowledgeCacheOptionTest {
    private static final Path EXAMPLE = Path.of("ontology", "examples", "asps-thigh-young-woman.json");

    @Test
    void everyCommandThatLoadsTheKnowledgeTakesTheBypass() {
        for (String command : List.of("ddx", "rank", "eval", "serve", "generate", "build")) {
            CliRun r = CliRun.of(command, "--help");
            assertEquals(0, r.exit(), command + ": " + r.err());
            assertTrue(r.out().contains("--no-knowledge-cache"), command + " --help:\n" + r.out());
        }
    }

    @Test
    void ddxTakesTheBypassAndRanksAsWithoutIt() {
        // in this JVM the second run reuses the knowledge the first compiled (the same either way, see
        // DdxKnowledge.cached): what fails here is the option's wiring — a refused option exits 2
        CliRun cached = CliRun.of("ddx", "--format", "json", EXAMPLE.toString());
        CliRun bypassed = CliRun.of("ddx", "--no-knowledge-cache", "--format", "json", EXAMPLE.toString());
        assertEquals(0, bypassed.exit(), bypassed.err());
        assertEquals(cached.out(), bypassed.out());
    }
}
