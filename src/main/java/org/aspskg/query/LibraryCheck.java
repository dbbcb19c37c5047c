package org.aspskg.query;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.query.Query;
import org.aspskg.AspsKgException;

/**
 * The query library as a test suite: runs library queries and compares each answer with the expected
 * results kept beside it ({@link ExpectedResults}, {@link AnswerComparison}). The runner decides
 * where a query runs: the local store or a SPARQL endpoint.
 */
public final class LibraryCheck {
    private LibraryCheck() {}

    /** The outcome for one query: no problem, or what is wrong (differences, a missing or unreadable file). */
    public record Outcome(LibraryQuery query, Optional<String> problem) {
        public boolean passed() {
            return problem.isEmpty();
        }
    }

    /** Checks every query of the library, in order. */
    public static List<Outcome> run(QueryLibrary library, Function<Query, QueryAnswer> runner) {
        return library.queries().stream().map(q -> check(q, runner)).toList();
    }

    /** Checks one query: its expected-results file must exist and match the answer {@code runner} gives. */
    public static Outcome check(LibraryQuery q, Function<Query, QueryAnswer> runner) {
        try {
            Path file = ExpectedResults.requireFileFor(q);
            Query query = q.parse();
            QueryAnswer expected = ExpectedResults.read(file, query);
            return new Outcome(
                    q,
                    AnswerComparison.differences(query, expected, runner.apply(query))
                            .map(d -> q.fileName() + " does not give the answer in " + file.getFileName() + ": " + d));
        } catch (AspsKgException e) {
            return new Outcome(q, Optional.of(e.getMessage() + (e.hint() != null ? "\n  hint: " + e.hint() : "")));
        }
    }
}
