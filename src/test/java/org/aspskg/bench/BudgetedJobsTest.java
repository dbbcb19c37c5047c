package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.aspskg.AspsKgException;
import org.aspskg.bench.BudgetedJobs.Job;
import org.aspskg.bench.BudgetedJobs.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs in child JVMs under a time budget: a job past its budget or out of heap is reported, the
 * peer's larger sizes are dropped, and the other peers' jobs still run in a fresh child.
 */
class BudgetedJobsTest {
    @TempDir
    Path dir;

    private BudgetedJobs jobs(Duration budget) {
        return new BudgetedJobs(ScriptedJobsRun.class.getName(), List.of(), "32m", budget, dir.resolve("jobs.log"));
    }

    @Test
    void aStuckOrHeapHungryPeerStopsGrowingAndTheOthersGoOn() throws Exception {
        List<Outcome> outcomes = jobs(Duration.ofMillis(500))
                .run(List.of(
                        new Job("quick", 1),
                        new Job("stuck", 1),
                        new Job("stuck", 2),
                        new Job("quick", 2),
                        new Job("hog", 1),
                        new Job("hog", 2),
                        new Job("quick", 3)));

        assertEquals(
                List.of(
                        "quick:1 FINISHED {size_twice=2.0}",
                        "stuck:1 TIMED_OUT {}",
                        "quick:2 FINISHED {size_twice=4.0}",
                        "hog:1 OUT_OF_HEAP {}",
                        "quick:3 FINISHED {size_twice=6.0}"),
                outcomes.stream()
                        .map(o -> o.job() + " " + o.status() + " " + o.figures())
                        .toList());
        Outcome stuck = outcomes.get(1);
        assertTrue(stuck.seconds() >= 0.5, stuck.toString());
        assertTrue(Files.readString(dir.resolve("jobs.log")).contains("RESULT quick 3 size_twice=6"));
    }

    @Test
    void aChildThatFailsOtherwiseIsAnError() {
        AspsKgException e = assertThrows(
                AspsKgException.class,
                () -> jobs(Duration.ofSeconds(30)).run(List.of(new Job("quick", 1), new Job("broken", 1))));
        assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("broken:1"), e.getMessage());
    }
}
