package org.aspskg.ddx.read;

import java.util.Comparator;
import java.util.List;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.SourcePosition;

/**
 * A case file that cannot be reasoned over: every problem found, each with where it is (file,
 * line and column when known) and what is wrong. Nothing is reasoned, ranked or stored.
 */
public final class CaseInputException extends AspsKgException {
    private final List<Problem> problems;

    /** One thing wrong with a case file. */
    public record Problem(SourcePosition position, String message) {
        @Override
        public String toString() {
            return position + ": " + message;
        }
    }

    public CaseInputException(String source, List<Problem> problems) {
        this(source, sorted(problems), true);
    }

    private CaseInputException(String source, List<Problem> sorted, boolean unused) {
        super(summary(source, sorted), "Fix the case and run again; 'asps-kg ddx --help' describes the case formats.");
        this.problems = sorted;
    }

    /** In the order they appear in the file; problems without a line first. */
    private static List<Problem> sorted(List<Problem> problems) {
        return problems.stream()
                .distinct()
                .sorted(Comparator.comparingLong((Problem p) -> p.position().line())
                        .thenComparingLong(p -> p.position().column()))
                .toList();
    }

    private static String summary(String source, List<Problem> problems) {
        if (problems.size() == 1) return problems.get(0).toString();
        StringBuilder sb = new StringBuilder(source + ": " + problems.size() + " problems");
        for (Problem p : problems)
            sb.append(System.lineSeparator()).append("  ").append(p);
        return sb.toString();
    }

    public List<Problem> problems() {
        return problems;
    }
}
