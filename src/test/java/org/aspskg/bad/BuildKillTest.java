package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.cli.CliRuns;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of a real {@code asps-kg build --cases} in a child JVM at several points — while
 * parsing the ontology, as the load starts, in the middle of loading a cohort, and inside the swap
 * (after the old store was moved aside, before the new one is moved in) — leaves a store that opens,
 * whose graphs are the old build's or the new one's, never a mix, and no staging or previous
 * directory behind.
 */
class BuildKillTest {
    static final int CASES = Integer.getInteger("kill.cases", 2000);
    /** Every kill point with -Dkill.all=true; in a plain run, in the middle of the load and inside the swap. */
    static final boolean ALL = Boolean.getBoolean("kill.all");

    @TempDir
    static Path shared;

    static Path cohort;
    static Map<String, Long> before;
    static Map<String, Long> after;

    @TempDir
    Path tmp;

    @BeforeAll
    static void references() {
        Path out = shared.resolve("cohort");
        assertEquals(
                0,
                CliRuns.run("generate", "--cases", String.valueOf(CASES), "--format", "nt", "--out", out.toString())
                        .exit());
        cohort = out.resolve("cohort.nt");
        Path old = TestStores.copyOfShared(shared.resolve("old"));
        before = sizes(old);
        Path built = shared.resolve("new");
        CliRuns.Result r = CliRuns.run("build", "--store", built.toString(), "--cases", cohort.toString());
        assertEquals(0, r.exit(), r.err());
        after = sizes(built);
        assertTrue(!before.equals(after), "the cohort changes the store: " + before + " vs " + after);
    }

    private static Map<String, Long> sizes(Path store) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return kg.graphSizes();
        }
    }

    /** The line of the child's stderr after which it is killed, and how long after it. */
    private record KillPoint(String trigger, long delayMillis) {}

    private static KillPoint point(String name) {
        return switch (name) {
            case "parse" -> new KillPoint("parse ", 0);
            case "load-start" -> new KillPoint("load ", 0);
            case "mid-load" -> new KillPoint("cases: reading", 300);
            case "swap" -> new KillPoint("swap: previous store moved to", 0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Stream<String> killPoints() {
        return ALL ? Stream.of("parse", "load-start", "mid-load", "swap") : Stream.of("mid-load", "swap");
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("killPoints")
    void aKilledBuildLeavesTheOldStoreOrTheNewOneNeverAMix(String where) throws Exception {
        Path store = TestStores.copyOfShared(tmp.resolve("tdb2"));
        KillPoint kill = point(where);
        ChildKill.killWhen(
                line -> line.startsWith(kill.trigger())
                        || (kill.trigger().startsWith("cases") && line.contains(kill.trigger())),
                kill.delayMillis(),
                where,
                "build",
                "--store",
                store.toString(),
                "--cases",
                cohort.toString());
        Map<String, Long> now = sizes(store); // opening repairs an interrupted swap
        assertTrue(
                now.equals(before) || now.equals(after),
                "killed at " + where + ": " + now + " is neither " + before + " nor " + after);
        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names =
                    left.map(x -> x.getFileName().toString()).sorted().toList();
            assertEquals(List.of("tdb2"), names, "nothing left beside the store after killed at " + where);
        }
        // and the next build works on it
        CliRuns.Result again = CliRuns.run("build", "--store", store.toString(), "--cases", cohort.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(after, sizes(store));
    }
}
