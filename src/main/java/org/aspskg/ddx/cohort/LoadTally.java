package org.aspskg.ddx.cohort;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.read.CaseInputException;

/**
 * What one run of {@link CohortLoader} has seen so far, across its files: the cases loaded, the
 * subjects of closed chunks, the problems found (the first {@value #MAX_LISTED_PROBLEMS} listed,
 * the rest counted) and the time spent checking and sending.
 */
final class LoadTally {
    /** How many problems are listed before the rest are only counted. */
    private static final int MAX_LISTED_PROBLEMS = 50;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** IRIs of the cases loaded so far (to find the stored cases they replace). */
    final Set<Node> loadedCases = new HashSet<>();
    /** IRI subjects of closed chunks: a later statement about one of them is out of place. */
    final Set<Node> closedSubjects = new HashSet<>();

    private final List<CaseInputException.Problem> problems = new ArrayList<>();
    private long problemCount;

    long triples;
    long validateNanos;
    long loadNanos;
    long validateCpu;
    long placementCpu;

    /** CPU time of this thread: on shared cores the wall times also count waiting for a core. */
    static long cpuNanos() {
        return CPU.getCurrentThreadCpuTime();
    }

    synchronized void addProblem(CaseInputException.Problem p) {
        problemCount++;
        if (problems.size() < MAX_LISTED_PROBLEMS) problems.add(p);
    }

    synchronized long problemCount() {
        return problemCount;
    }

    /** Sends a triple on, timing and counting it. */
    void send(StreamRDF out, Triple t) {
        long t0 = System.nanoTime();
        out.triple(t);
        loadNanos += System.nanoTime() - t0;
        triples++;
    }

    /** The problems as one error for people: the first ones listed, the rest counted. */
    synchronized AspsKgException failure() {
        return failure("Fix the cases and build again; the store is unchanged. "
                + "'asps-kg ddx --help' describes the case formats.");
    }

    /** As {@link #failure()}, with another hint. */
    synchronized AspsKgException failure(String hint) {
        StringBuilder sb = new StringBuilder();
        if (problemCount == 1) {
            sb.append(problems.get(0));
        } else {
            sb.append(String.format(Locale.ROOT, "%,d problems in the case files", problemCount));
            for (CaseInputException.Problem p : problems)
                sb.append(System.lineSeparator()).append("  ").append(p);
            if (problemCount > problems.size()) {
                sb.append(System.lineSeparator())
                        .append(String.format(Locale.ROOT, "  … and %,d more", problemCount - problems.size()));
            }
        }
        return new AspsKgException(sb.toString(), hint);
    }
}
