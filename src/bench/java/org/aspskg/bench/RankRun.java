package org.aspskg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortRanking;
import org.aspskg.ddx.cohort.RankingOutputs;

/**
 * One {@code asps-kg rank} run of the rank benchmark, alone in a child JVM with the heap limit under
 * test: loads and compiles the knowledge (untimed), then ranks a cohort file end to end as the
 * command does — into a store's rankings graph (validated) or to a CSV file without validation — and
 * prints {@code RESULT cases=… wall_ms=… read_ms=… validate_ms=… rank_ms=… write_ms=… peak_heap_mib=…
 * peak_rss_mib=…}.
 *
 * <p>Arguments: ontology, shapes, cohort file, {@code store} or {@code csv}, the store directory or CSV file.
 */
public final class RankRun {
    private RankRun() {}

    public static void main(String[] args) throws Exception {
        DdxKnowledge knowledge = DdxKnowledge.load(Path.of(args[0]), Path.of(args[1]));
        Path cohort = Path.of(args[2]);
        boolean store = args[3].equals("store");
        Path target = Path.of(args[4]);
        CaseRankingRun.resetPeakHeap();
        long start = System.nanoTime();
        CohortRanking ranking = knowledge.cohortRanking().files(List.of(cohort)).validate(store);
        CohortRanking.Report r = store
                ? ranking.intoStore(target, false, null, line -> System.err.println("rank: " + line))
                : ranking.run(RankingOutputs.toFile(target, null));
        long wall = System.nanoTime() - start;
        System.out.println(String.format(
                Locale.ROOT,
                "RESULT cases=%d wall_ms=%.1f read_ms=%d validate_ms=%d rank_ms=%d write_ms=%d peak_heap_mib=%.1f"
                        + " peak_rss_mib=%.1f",
                r.cases(),
                wall / 1e6,
                r.read().toMillis(),
                r.validate().toMillis(),
                r.rank().toMillis(),
                r.write().toMillis(),
                CaseRankingRun.peakHeapMib(),
                peakRssMib()));
    }

    /** The process' peak resident set (VmHWM of /proc/self/status), in MiB; -1 where there is none. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
