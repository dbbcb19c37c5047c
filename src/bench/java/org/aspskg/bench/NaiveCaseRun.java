package org.aspskg.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.HermitCaseClassifier;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.rank.DifferentialRanker;

/**
 * The HermiT peers of the case-ranking benchmark, run in a child JVM by {@link BudgetedJobs}:
 * loads the knowledge (untimed), warms each peer up on 3 other cases, then for each
 * {@code peer:size} job generates the cohort (untimed) and times the peer on it, on one thread:
 * <ul>
 *   <li>{@code whole-abox-hermit}: {@link WholeABoxRealization#realizeWholeABox} against the case
 *       TBox (the ontology and the helper classes), then the ranker — the same answer as asps-kg;</li>
 *   <li>{@code whole-abox-hermit-plain}: {@link WholeABoxRealization#realizeWholeABoxPlain}
 *       against the plain ontology — the case classes only, no ranking;</li>
 *   <li>{@code hermit-per-case}: {@link HermitCaseClassifier#classify} one case at a time, then
 *       the ranker.</li>
 * </ul>
 * Prints {@code START <peer> <size>} and {@code RESULT <peer> <size> wall_ms=… peak_heap_mib=…}
 * (with {@code p50_us=… p99_us=…} for hermit-per-case).
 *
 * <p>Arguments: ontology, shapes, seed, jobs ({@code peer:size,…}).
 */
public final class NaiveCaseRun {
    static final String WHOLE_ABOX = "whole-abox-hermit";
    static final String WHOLE_ABOX_PLAIN = "whole-abox-hermit-plain";
    static final String PER_CASE = "hermit-per-case";

    private NaiveCaseRun() {}

    public static void main(String[] args) {
        DdxKnowledge knowledge = DdxKnowledge.load(Path.of(args[0]), Path.of(args[1]));
        long seed = Long.parseLong(args[2]);
        List<String[]> jobs =
                Arrays.stream(args[3].split(",")).map(j -> j.split(":")).toList();
        CohortGenerator generator = knowledge.cohortGenerator();
        DifferentialRanker ranker = knowledge.ranker();
        HermitCaseClassifier hermit = knowledge.hermitClassifier();
        WholeABoxRealization wholeABox = new WholeABoxRealization(knowledge);
        Set<String> peers = new LinkedHashSet<>();
        jobs.forEach(j -> peers.add(j[0]));
        List<PatientCase> warmUp = cases(generator, 3, seed + 1);
        for (String peer : peers) run(peer, warmUp, hermit, wholeABox, ranker);
        for (String[] job : jobs) {
            int n = Integer.parseInt(job[1]);
            List<PatientCase> cases = cases(generator, n, seed);
            CaseRankingRun.resetPeakHeap();
            System.out.println("START " + job[0] + " " + n);
            long start = System.nanoTime();
            long[] each = run(job[0], cases, hermit, wholeABox, ranker);
            double ms = (System.nanoTime() - start) / 1e6;
            String line = String.format(
                    Locale.ROOT,
                    "RESULT %s %d wall_ms=%.3f peak_heap_mib=%.1f",
                    job[0],
                    n,
                    ms,
                    CaseRankingRun.peakHeapMib());
            if (each != null) {
                Arrays.sort(each);
                line += String.format(
                        Locale.ROOT,
                        " p50_us=%.3f p99_us=%.3f",
                        CaseRankingRun.percentile(each, 0.5) / 1e3,
                        CaseRankingRun.percentile(each, 0.99) / 1e3);
            }
            System.out.println(line);
        }
    }

    /** Runs one peer on the cases; the nanoseconds of each case where the peer takes them one by one. */
    private static long[] run(
            String peer,
            List<PatientCase> cases,
            HermitCaseClassifier hermit,
            WholeABoxRealization wholeABox,
            DifferentialRanker ranker) {
        switch (peer) {
            case WHOLE_ABOX -> {
                List<CaseClassification> classes = wholeABox.realizeWholeABox(cases);
                classes.forEach(ranker::rank);
                return null;
            }
            case WHOLE_ABOX_PLAIN -> {
                wholeABox.realizeWholeABoxPlain(cases);
                return null;
            }
            case PER_CASE -> {
                long[] each = new long[cases.size()];
                for (int i = 0; i < cases.size(); i++) {
                    long t0 = System.nanoTime();
                    ranker.rank(hermit.classify(cases.get(i)));
                    each[i] = System.nanoTime() - t0;
                }
                return each;
            }
            default -> throw new IllegalArgumentException("unknown peer " + peer);
        }
    }

    private static List<PatientCase> cases(CohortGenerator generator, int n, long seed) {
        return generator.generate(n, seed).stream()
                .map(CohortGenerator.GeneratedCase::patientCase)
                .toList();
    }
}
