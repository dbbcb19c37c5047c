package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.aspskg.cli.CliRuns;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StoreDirectory;
import org.aspskg.store.TestStores;

/**
 * A command of asps-kg run in a child JVM and killed with SIGKILL once its stderr shows a given line,
 * and the reference the kill tests compare with: a generated cohort and the store's graph sizes before
 * and after the command runs to its end.
 */
final class ChildKill {
    /** Cases in the generated cohort (-Dkill.cases). */
    static final int CASES = Integer.getInteger("kill.cases", 2000);
    /** Every kill point with -Dkill.all=true; a plain run kills at two. */
    static final boolean ALL = Boolean.getBoolean("kill.all");

    private ChildKill() {}

    /**
     * A generated cohort of {@link #CASES} cases and the graph sizes of a copy of the shared store before
     * and after {@code command} runs on it to its end.
     */
    record Reference(Path cohort, Map<String, Long> before, Map<String, Long> after) {
        /**
         * After a kill: the store opens (which repairs an interrupted swap) and holds the graphs of before
         * or of after, never a mix, nothing is left beside it, and the command run again completes with
         * after's graphs.
         */
        void assertOldOrNewAndRerunCompletes(Path store, String where, String... again) {
            Map<String, Long> now = sizes(store);
            assertTrue(
                    now.equals(before) || now.equals(after),
                    "killed at " + where + ": " + now + " is neither " + before + " nor " + after);
            try (Stream<Path> left = Files.list(store.getParent())) {
                List<String> names =
                        left.map(x -> x.getFileName().toString()).sorted().toList();
                assertEquals(
                        List.of(store.getFileName().toString()),
                        names,
                        "nothing left beside the store after killed at " + where);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CliRuns.Result r = CliRuns.run(again);
            assertEquals(0, r.exit(), r.err());
            assertEquals(after, sizes(store));
        }
    }

    /** {@code command} gives the arguments that run it on a store (first) and a cohort file (second). */
    static Reference reference(Path dir, BiFunction<Path, Path, String[]> command) {
        Path out = dir.resolve("cohort");
        CliRuns.Result generated =
                CliRuns.run("generate", "--cases", String.valueOf(CASES), "--format", "nt", "--out", out.toString());
        assertEquals(0, generated.exit(), generated.err());
        Path cohort = out.resolve("cohort.nt");
        Map<String, Long> before = sizes(TestStores.copyOfShared(dir.resolve("before")));
        Path done = TestStores.copyOfShared(dir.resolve("after"));
        CliRuns.Result r = CliRuns.run(command.apply(done, cohort));
        assertEquals(0, r.exit(), r.err());
        Map<String, Long> after = sizes(done);
        assertNotEquals(before, after, "the command changes the store");
        return new Reference(cohort, before, after);
    }

    static Map<String, Long> sizes(Path store) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return kg.graphSizes();
        }
    }

    /**
     * Starts {@code asps-kg ARGS} in a child JVM (the swap held open for 20 s, so that a kill can land
     * inside it), reads its stderr until a line matches {@code trigger}, waits {@code delayMillis} and
     * kills it with SIGKILL: no shutdown hook, no finally block runs. Fails when the command ends first.
     */
    static void killWhen(Predicate<String> trigger, long delayMillis, String where, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + StoreDirectory.CRASH_TEST_PAUSE + "=20000",
                "-cp",
                System.getProperty("java.class.path"),
                "org.aspskg.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                seen.add(line);
                if (trigger.test(line)) break;
            }
            if (line == null) fail(args[0] + " ended before " + where + ": " + seen);
            if (delayMillis > 0) Thread.sleep(delayMillis);
            assertTrue(p.isAlive(), "still running when killed at " + where + ": " + seen);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }
}
