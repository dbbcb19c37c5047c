package org.aspskg.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;
import org.aspskg.AspsKgException;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --fail-on}: the level from which a quality report fails the command (exit 1). */
final class FailOnOption {
    @Option(
            names = "--fail-on",
            paramLabel = "ERROR|WARN|INFO|none",
            description = "Exit 1 if a row is at this level or above; 'none' never fails (default: ${DEFAULT-VALUE}).")
    String level = "ERROR";

    /**
     * Runs {@code check} (after reading --fail-on, so that a wrong level fails before the work), writes its
     * report to stdout and one summary line about {@code source} to stderr, and returns the exit code.
     */
    int printReport(Supplier<QualityReport> check, ReportFormat format, Object source, CommandSpec spec) {
        Optional<Level> threshold = threshold();
        QualityReport report = check.get();
        format.write(report, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = threshold.map(report::hasRowsAtOrAbove).orElse(false);
        err.println(source + ": " + report.summary()
                + threshold
                        .map(t -> failed ? " (fails at " + t + ")" : " (passes at " + t + ")")
                        .orElse(""));
        err.flush();
        return failed ? Main.EXIT_FAILED_CHECK : 0;
    }

    /** The level, or empty for "none". */
    Optional<Level> threshold() {
        if (level.trim().equalsIgnoreCase("none")) return Optional.empty();
        try {
            return Optional.of(Level.parse(level));
        } catch (AspsKgException e) {
            throw new AspsKgException("unknown --fail-on level '" + level + "'", "Use ERROR, WARN, INFO or none.");
        }
    }
}
