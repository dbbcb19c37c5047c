package org.aspskg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.rank.DifferentialRanking;

/**
 * The fast path of the case-ranking benchmark, run alone in a child JVM with the heap limit under
 * test: loads and compiles the knowledge, generates the cohort (both untimed), warms up on another
 * seed, then, for each cohort size in turn, classifies and ranks every case with the compiled
 * classifier on {@code threads} threads, timing each case and the whole. Prints one line per size:
 * {@code RESULT cases=… threads=… wall_ms=… p50_us=… p99_us=… max_us=… peak_heap_mib=… top1=…}.
 *
 * <p>Arguments: ontology, shapes, sizes (comma-separated case counts), seed, threads.
 */
public final class CaseRankingRun {
    private CaseRankingRun() {}

    public static void main(String[] args) throws Exception {
        Path ontology = Path.of(args[0]);
        Path shapes = Path.of(args[1]);
        int[] sizes =
                Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        long seed = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        DdxKnowledge knowledge = DdxKnowledge.load(ontology, shapes);
        DifferentialPipeline service = knowledge.pipeline();
        CohortGenerator generator = knowledge.cohortGenerator();
        // warm-up on other cases, so the JIT has compiled the path before it is timed
        for (CohortGenerator.GeneratedCase g : generator.generate(
                Math.min(20_000, Math.max(2_000, Arrays.stream(sizes).max().orElse(0))), seed + 1))
            service.rank(g.patientCase());
        for (int n : sizes) System.out.println(measure(service, generator, n, seed, threads));
    }

    private static String measure(
            DifferentialPipeline service, CohortGenerator generator, int n, long seed, int threads) throws Exception {
        List<CohortGenerator.GeneratedCase> cohort = generator.generate(n, seed);
        PatientCase[] cases =
                cohort.stream().map(CohortGenerator.GeneratedCase::patientCase).toArray(PatientCase[]::new);
        String[] truth = cohort.stream()
                .map(CohortGenerator.GeneratedCase::trueDiagnosis)
                .toArray(String[]::new);
        cohort = null;
        resetPeakHeap();
        long[] nanos = new long[n];
        AtomicInteger top1 = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                int right = 0;
                // chunks of 256 cases: few atomic operations, and both threads busy to the end
                for (int from = next.getAndAdd(256); from < n; from = next.getAndAdd(256)) {
                    for (int i = from; i < Math.min(n, from + 256); i++) {
                        long t0 = System.nanoTime();
                        DifferentialRanking r = service.rank(cases[i]).ranking();
                        nanos[i] = System.nanoTime() - t0;
                        if (r.top().disease().equals(truth[i])) right++;
                    }
                }
                top1.addAndGet(right);
            }));
        }
        for (Future<?> f : work) f.get();
        long wall = System.nanoTime() - start;
        pool.shutdown();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "RESULT cases=%d threads=%d wall_ms=%.3f p50_us=%.3f p99_us=%.3f max_us=%.3f peak_heap_mib=%.1f top1=%d",
                n,
                threads,
                wall / 1e6,
                percentile(sorted, 0.50) / 1e3,
                percentile(sorted, 0.99) / 1e3,
                sorted[n - 1] / 1e3,
                peakHeapMib(),
                top1.get());
    }

    /** Collects garbage, then starts measuring the heap's peak use afresh. */
    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    /** The heap's peak use since {@link #resetPeakHeap()}: the sum of the heap pools' peaks, in MiB. */
    static double peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak / (1024.0 * 1024.0);
    }

    static double percentile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
