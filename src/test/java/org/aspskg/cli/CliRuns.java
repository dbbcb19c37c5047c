package org.aspskg.cli;

/** {@link CliRun} for tests outside this package. */
public final class CliRuns {
    private CliRuns() {}

    /** stdout, stderr and exit code of one in-process run. */
    public record Result(int exit, String out, String err) {}

    public static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.exit(), r.out(), r.err());
    }
}
