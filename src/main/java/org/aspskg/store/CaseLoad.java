package org.aspskg.store;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;

/**
 * Patient cases a build loads into the cases graph ({@code asps-kg build --cases FILE}), streamed
 * into the staging store's bulk loader during the LOAD phase and checked as they stream. The store
 * knows nothing of what makes a case valid: an implementation (in {@code org.aspskg.ddx}) parses,
 * validates and reports. When it throws, the build fails and the store in place is untouched.
 */
public interface CaseLoad {

    /**
     * Sends the cases' triples to {@code cases} (already bound to the cases graph); {@code progress}
     * takes a line now and then for big inputs. Throws {@link org.aspskg.AspsKgException} on bad input.
     */
    Report loadInto(StreamRDF cases, Consumer<String> progress);

    /**
     * After {@link #loadInto}: the subjects of the previous store's cases graph that the loaded cases
     * replace (a stored case with the same IRI, its blank nodes and its stored ranking), left out
     * when that graph is carried over.
     */
    Set<Node> replacedSubjects(Graph previousCases);

    /** What was loaded and how long its parts took (parse includes reading the files). */
    record Report(
            int files, long cases, long triples, Duration parse, Duration validate, Duration load, boolean validated) {

        public Duration total() {
            return parse.plus(validate).plus(load);
        }

        /** Triples per second over the whole of reading, checking and sending. */
        public long triplesPerSecond() {
            long nanos = Math.max(1, total().toNanos());
            return triples * 1_000_000_000L / nanos;
        }

        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%,d cases, %,d triples from %d file%s in %,d ms (parse %,d ms, %s, load %,d ms): %,d triples/s",
                    cases,
                    triples,
                    files,
                    files == 1 ? "" : "s",
                    total().toMillis(),
                    parse.toMillis(),
                    validated ? String.format(Locale.ROOT, "validate %,d ms", validate.toMillis()) : "not validated",
                    load.toMillis(),
                    triplesPerSecond());
        }
    }
}
