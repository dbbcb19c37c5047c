package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.aspskg.ontology.AspsVocabulary;
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
    @TempDir
    static Path shared;

    static ChildKill.Reference reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void references() {
        reference = ChildKill.reference(shared, (store, cohort) ->
                new String[] {"rank", "--store", store.toString(), "--quiet", cohort.toString()});
        assertTrue(
                reference.after().containsKey(AspsVocabulary.GRAPH_RANKINGS), "a rankings graph: " + reference.after());
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
        return ChildKill.ALL ? Stream.of("copying", "ranking", "swap") : Stream.of("ranking", "swap");
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
                reference.cohort().toString());
        reference.assertOldOrNewAndRerunCompletes(
                store,
                where,
                "rank",
                "--store",
                store.toString(),
                "--quiet",
                reference.cohort().toString());
    }
}
