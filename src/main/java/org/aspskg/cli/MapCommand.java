package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aspskg.mapping.MappingSetChecker;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.ontology.qc.Level;
import org.aspskg.ontology.qc.QualityReport;
import org.aspskg.ontology.qc.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code asps-kg map}: check the SSSOM mapping set, or resolve an external code to our terms. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Resolve an external code (CURIE such as NCIT:C0000, full IRI, or bare SNOMED CT id) to the "
                + "asps-kg term(s) it maps to and print what the graph knows about them; or, with --check, "
                + "check the SSSOM mapping set.",
                "--check exits 0 when no row is at or above --fail-on, 1 when some is, 2 when a file cannot be read."})
final class MapCommand implements Callable<Integer> {
    private static final String DEFAULT_MAPPINGS = "ontology/mappings/asps.sssom.tsv";

    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE",
            description = "External code to resolve: CURIE (NCIT:C0000), IRI, or a bare SNOMED CT id.")
    String code;

    @Option(names = "--check", arity = "0..1", paramLabel = "FILE", fallbackValue = DEFAULT_MAPPINGS,
            description = "Check an SSSOM/TSV mapping set (default: " + DEFAULT_MAPPINGS + ").")
    Path check;

    @Option(names = "--mappings", paramLabel = "FILE", description = "Mapping set to resolve codes with (default: ${DEFAULT-VALUE}).")
    Path mappings = SssomReader.DEFAULT_MAPPING_SET;

    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology the mapped terms come from (default: ${DEFAULT-VALUE}).")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "With --check: table, tsv or json (default table).")
    String format;

    @Option(names = "--fail-on", paramLabel = "ERROR|WARN|INFO|none",
            description = "With --check: exit 1 if a row is at this level or above; 'none' never fails (default: ${DEFAULT-VALUE}).")
    String failOn = "ERROR";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (check != null) return check();
        throw new CommandLine.ParameterException(spec.commandLine(), "Give a CODE to resolve, or --check [FILE].");
    }

    private int check() {
        ReportFormat reportFormat = ReportFormat.parse(format == null ? "table" : format);
        Optional<Level> threshold = ValidateCommand.threshold(failOn);
        QualityReport report = MappingSetChecker.check(check, ontology);
        reportFormat.write(report, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = threshold.map(report::hasRowsAtOrAbove).orElse(false);
        err.println(check + ": " + report.summary()
                + threshold.map(t -> failed ? " (fails at " + t + ")" : " (passes at " + t + ")").orElse(""));
        err.flush();
        return failed ? Main.EXIT_FAILED_CHECK : 0;
    }
}
