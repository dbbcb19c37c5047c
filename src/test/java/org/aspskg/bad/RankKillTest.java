package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.cli.CliRuns;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of a real {@code asps-kg rank} into a store, in a child JVM: while it copies the
 * store's other graphs into its staging store, while it ranks, and inside the swap (the old store
 * moved aside, the new one not yet in place). The store then opens and holds the graphs it had before
 * the run or the ones the run would have written — never a part of the rankings — with no staging or
 * previous directory left beside it, and the next run completes.
 */
class RankKillTest {
    static final int CASES = Integer.getInteger("kill.cases", 2000);

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
        CliRuns.Result generated =
                CliRuns.run("generate", "--cases", String.valueOf(CASES), "--format", "nt", "--out", out.toString());
        assertEquals(0, generated.exit(), generated.err());
        cohort = out.resolve("cohort.nt");
        Path old = TestStores.copyOfShared(shared.resolve("old"));
        before = sizes(old);
        Path ranked = TestStores.copyOfShared(shared.resolve("ranked"));
        CliRuns.Result r = CliRuns.run("rank", "--store", ranked.toString(), "--quiet", cohort.toString());
        assertEquals(0, r.exit(), r.err());
        after = sizes(ranked);
        assertNotEquals(before, after, "the rankings change the store");
        assertTrue(after.containsKey(AspsVocabulary.GRAPH_RANKINGS), "a rankings graph: " + after);
    }

    private static Map<String, Long> sizes(Path store) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return kg.graphSizes();
        }
    }

    /** The start of the child's stderr line after which it is killed, and how long after it. */
    private record KillPoint(String trigger, long delayMillis) {}

    private static KillPoint point(String name) {
        return switch (name) {
            case "copying" -> new KillPoint("rank: kept <", 0);
            case "ranking" -> new KillPoint("rank: kept ", 300);
            case "swap" -> new KillPoint("swap: previous store moved to", 0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Stream<String> killPoints() {
        return BuildKillTest.ALL ? Stream.of("copying", "ranking", "swap") : Stream.of("ranking", "swap");
    }

    @ParameterizedTest(name = "killed while {0}")
    @MethodSource("killPoints")
    void aKilledRankLeavesTheStoreAsItWasOrWithAllItsRankings(String where) throws Exception {
        Path store = TestStores.copyOfShared(tmp.resolve("tdb2"));
        KillPoint kill = point(where);
        // not --quiet: the kill points are found in its progress lines
        ChildKill.killWhen(
                line -> line.startsWith(kill.trigger()),
                kill.delayMillis(),
                where,
                "rank",
                "--store",
                store.toString(),
                cohort.toString());
        Map<String, Long> now = sizes(store); // opening repairs an interrupted swap
        assertTrue(
                now.equals(before) || now.equals(after),
                "killed while " + where + ": " + now + " is neither " + before + " nor " + after);
        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names =
                    left.map(x -> x.getFileName().toString()).sorted().toList();
            assertEquals(List.of("tdb2"), names, "nothing left beside the store after killed while " + where);
        }
        CliRuns.Result again = CliRuns.run("rank", "--store", store.toString(), "--quiet", cohort.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(after, sizes(store));
    }
}
