package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.aspskg.store.StoreDirectory;

/** A command of asps-kg run in a child JVM and killed with SIGKILL once its stderr shows a given line. */
final class ChildKill {
    private ChildKill() {}

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
