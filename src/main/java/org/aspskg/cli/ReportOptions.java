package org.aspskg.cli;

import java.util.function.Supplier;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportFormat;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --fail-on} of a command whose result is a quality report. */
final class ReportOptions {
    @Option(
            names = "--format",
            paramLabel = "table|tsv|json",
            defaultValue = "table",
            description = "Report format (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Mixin
    FailOnOption failOn = new FailOnOption();

    /** Runs {@code check} and prints its report; see {@link FailOnOption#printReport}. */
    int printReport(Supplier<QualityReport> check, Object source, CommandSpec spec) {
        return failOn.printReport(check, format, source, spec);
    }
}
