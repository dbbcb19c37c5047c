package org.aspskg.bad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits for a child JVM as long as it makes progress, not for a fixed time: on a machine other work
 * shares, a cold child may need minutes for what it does in seconds alone. Progress is its log growing,
 * a count the test keeps (cases stored, say) rising, or its CPU time advancing by {@link #WORK_MILLIS}
 * (a JVM that waits on nothing but itself burns far less). The wait fails when none of these moved for
 * {@code stall}, or at the overall {@code cap} however busy the child is.
 */
final class ChildProgress {
    /** Without progress for this long the child counts as stuck (-Dkill.stall.seconds). */
    static final Duration STALL = Duration.ofSeconds(Long.getLong("kill.stall.seconds", 120));
    /** The longest any one wait may take (-Dkill.cap.minutes). */
    static final Duration CAP = Duration.ofMinutes(Long.getLong("kill.cap.minutes", 20));
    /** CPU time that counts as progress, in milliseconds. */
    static final long WORK_MILLIS = 2000;

    private ChildProgress() {}

    /** Figures of a child that rise while it works. */
    record Signs(LongSupplier cpuMillis, LongSupplier logBytes, LongSupplier count) {
        static Signs of(Process child, Path log, LongSupplier count) {
            return new Signs(() -> ChildProgress.cpuMillis(child), () -> size(log), count);
        }
    }

    /** Waits until {@code done}, while the child progresses; {@code what} names the wait in the failure. */
    static void await(String what, Signs signs, BooleanSupplier done) throws InterruptedException {
        await(what, signs, done, STALL, CAP);
    }

    static void await(String what, Signs signs, BooleanSupplier done, Duration stall, Duration cap)
            throws InterruptedException {
        long start = System.nanoTime();
        long lastProgress = start;
        long cpu = signs.cpuMillis().getAsLong();
        long log = signs.logBytes().getAsLong();
        long count = signs.count().getAsLong();
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            long cpuNow = signs.cpuMillis().getAsLong();
            long logNow = signs.logBytes().getAsLong();
            long countNow = signs.count().getAsLong();
            if (logNow != log || countNow != count || cpuNow - cpu >= WORK_MILLIS) {
                lastProgress = now;
                cpu = cpuNow;
                log = logNow;
                count = countNow;
            }
            if (now - lastProgress > stall.toNanos()) {
                throw new AssertionError(what + ": no progress for " + stall.toSeconds() + " s (log " + logNow
                        + " bytes, count " + countNow + ", CPU " + cpuNow + " ms)");
            }
            if (now - start > cap.toNanos()) {
                throw new AssertionError(what + ": not done in " + cap.toMinutes() + " min though still progressing"
                        + " (log " + logNow + " bytes, count " + countNow + ", CPU " + cpuNow + " ms)");
            }
            Thread.sleep(100);
        }
    }

    /** The child's CPU time so far (user and system), 0 when the system does not tell. */
    static long cpuMillis(Process child) {
        return child.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines of a log, for a failure message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
