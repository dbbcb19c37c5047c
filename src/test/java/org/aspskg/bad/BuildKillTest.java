package org.aspskg.bad;

import java.nio.file.Path;
import java.util.stream.Stream;
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
    @TempDir
    static Path shared;

    static ChildKill.Reference reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void references() {
        reference = ChildKill.reference(shared, (store, cohort) ->
                new String[] {"build", "--store", store.toString(), "--cases", cohort.toString()});
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
        return ChildKill.ALL ? Stream.of("parse", "load-start", "mid-load", "swap") : Stream.of("mid-load", "swap");
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("killPoints")
    void aKilledBuildLeavesTheOldStoreOrTheNewOneNeverAMix(String where) throws Exception {
        Path store = TestStores.copyOfShared(tmp.resolve("tdb2"));
        KillPoint kill = point(where);
        String[] build = {
            "build", "--store", store.toString(), "--cases", reference.cohort().toString()
        };
        ChildKill.killWhen(
                line -> line.startsWith(kill.trigger())
                        || (kill.trigger().startsWith("cases") && line.contains(kill.trigger())),
                kill.delayMillis(),
                where,
                build);
        reference.assertOldOrNewAndRerunCompletes(store, where, build);
    }
}
