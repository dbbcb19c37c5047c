package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.ontology.qc.OntologyValidator;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg validate}: the ontology's quality report (ROBOT's report rules, OWL 2 DL, HermiT, term policy). */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check the ontology: RDF syntax, OWL 2 DL profile, HermiT consistency and satisfiability "
                    + "(with justifications), ROBOT's report rules and the asps-kg term policy.",
            "Exit 0 when no row is at or above --fail-on, 1 when some is, 2 when the file cannot be read."
        })
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology to check (default: ${DEFAULT-VALUE}).")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    @Option(
            names = "--format",
            paramLabel = "table|tsv|json",
            description = "Report format (default: ${DEFAULT-VALUE}).")
    String format = "table";

    @Option(
            names = "--fail-on",
            paramLabel = "ERROR|WARN|INFO|none",
            description = "Exit 1 if a row is at this level or above; 'none' never fails (default: ${DEFAULT-VALUE}).")
    String failOn = "ERROR";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReportFormat reportFormat = ReportFormat.parse(format);
        Optional<Level> threshold = threshold(failOn);
        QualityReport report = OntologyValidator.standard().validate(ontology);
        reportFormat.write(report, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = threshold.map(report::hasRowsAtOrAbove).orElse(false);
        err.println(ontology + ": " + report.summary()
                + threshold
                        .map(t -> failed ? " (fails at " + t + ")" : " (passes at " + t + ")")
                        .orElse(""));
        err.flush();
        return failed ? Main.EXIT_FAILED_CHECK : 0;
    }

    /** The --fail-on level, or empty for "none"; shared with the other commands that print a report. */
    static Optional<Level> threshold(String failOn) {
        if (failOn.trim().equalsIgnoreCase("none")) return Optional.empty();
        try {
            return Optional.of(Level.parse(failOn));
        } catch (AspsKgException e) {
            throw new AspsKgException("unknown --fail-on level '" + failOn + "'", "Use ERROR, WARN, INFO or none.");
        }
    }
}
