package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChildProgressTest {
    private static final Duration STALL = Duration.ofMillis(600);
    private static final Duration CAP = Duration.ofSeconds(3);

    @Test
    void aWaitWithoutProgressFailsAfterTheStallTimeNotTheCap() {
        long t0 = System.nanoTime();
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> ChildProgress.await(
                        "idle", new ChildProgress.Signs(() -> 5, () -> 10, () -> 0), () -> false, STALL, CAP));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().startsWith("idle: no progress for"), e.getMessage());
        assertTrue(ms < CAP.toMillis(), ms + " ms");
    }

    @Test
    void aChildThatKeepsProgressingIsWaitedForPastTheStallTimeButNotPastTheCap() {
        AtomicLong cpu = new AtomicLong();
        long t0 = System.nanoTime();
        // CPU time grows by a step of work every poll: progress, but never done
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> ChildProgress.await(
                        "busy",
                        new ChildProgress.Signs(() -> cpu.addAndGet(ChildProgress.WORK_MILLIS), () -> 0, () -> 0),
                        () -> false,
                        STALL,
                        CAP));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("not done in"), e.getMessage());
        assertTrue(ms >= CAP.toMillis(), ms + " ms");
    }

    @Test
    void aCountOrLogThatAdvancesCountsAsProgressAndTheWaitEndsWhenDone() {
        AtomicLong count = new AtomicLong();
        long t0 = System.nanoTime();
        // CPU time stands still; the count rises; done after twice the stall time
        assertDoesNotThrow(() -> ChildProgress.await(
                "counting",
                new ChildProgress.Signs(() -> 0, () -> 0, count::incrementAndGet),
                () -> System.nanoTime() - t0 > 2 * STALL.toNanos(),
                STALL,
                CAP));
    }

    @Test
    void aLittleCpuTimeIsNoProgress() {
        AtomicLong cpu = new AtomicLong();
        // an idle JVM's few milliseconds a poll add up to less than a step of work within the stall time
        assertThrows(
                AssertionError.class,
                () -> ChildProgress.await(
                        "idle JVM",
                        new ChildProgress.Signs(() -> cpu.addAndGet(1), () -> 0, () -> 0),
                        () -> false,
                        STALL,
                        CAP));
    }
}
