package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.aspskg.mapping.CodeLookup;
import org.aspskg.mapping.Curie;
import org.aspskg.mapping.LookupFormat;
import org.aspskg.mapping.MappingSet;
import org.aspskg.mapping.MappingSetChecker;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asps-kg map}: check the SSSOM mapping set, or resolve an external code to our terms. */
@Command(
        name = "map",
        mixinStandardHelpOptions = true,
        description = {
            "Resolve an external code (CURIE such as NCIT:C0000, full IRI, or bare SNOMED CT id) to the "
                    + "asps-kg term(s) it maps to and print what the graph knows about them; or, with --check, "
                    + "check the SSSOM mapping set.",
            "A CODE exits 0 when it is mapped, 1 when it is not, 2 when it cannot be read as a code.",
            "--check exits 0 when no row is at or above --fail-on, 1 when some is, 2 when a file cannot be read."
        })
final class MapCommand implements Callable<Integer> {
    private static final String DEFAULT_MAPPINGS = "ontology/mappings/asps.sssom.tsv";

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CODE",
            description = "External code to resolve: CURIE (NCIT:C0000), IRI, or a bare SNOMED CT id.")
    String code;

    @Option(
            names = "--check",
            arity = "0..1",
            paramLabel = "FILE",
            fallbackValue = DEFAULT_MAPPINGS,
            description = "Check an SSSOM/TSV mapping set (default: " + DEFAULT_MAPPINGS + ").")
    Path check;

    @Option(
            names = "--mappings",
            paramLabel = "FILE",
            description = "Mapping set to resolve codes with (default: ${DEFAULT-VALUE}).")
    Path mappings = SssomReader.DEFAULT_MAPPING_SET;

    @Option(
            names = "--ontology",
            paramLabel = "FILE",
            description = "Ontology the mapped terms come from (default: ${DEFAULT-VALUE}).")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "With --check: table, tsv or json (default table); with a CODE: text or json (default text).")
    String format;

    @Option(
            names = "--fail-on",
            paramLabel = "ERROR|WARN|INFO|none",
            description =
                    "With --check: exit 1 if a row is at this level or above; 'none' never fails (default: ${DEFAULT-VALUE}).")
    String failOn = "ERROR";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (check != null) return check();
        if (code != null) return lookup();
        throw new CommandLine.ParameterException(spec.commandLine(), "Give a CODE to resolve, or --check [FILE].");
    }

    private int lookup() {
        LookupFormat lookupFormat = LookupFormat.parse(format == null ? "text" : format);
        MappingSet set = SssomReader.read(mappings);
        CodeLookup.Result result = new CodeLookup(set, OntologyLoader.readRdf(ontology)).lookup(code);
        if (!result.found()) {
            PrintWriter err = spec.commandLine().getErr();
            String prefix = result.code().curie().prefix();
            long sameVocabulary = set.mappings().stream()
                    .filter(m -> Curie.parse(m.objectId())
                            .map(c -> c.prefix().equals(prefix))
                            .orElse(false))
                    .count();
            err.println("error: " + result.code().curie() + " is not mapped to any asps-kg term"
                    + result.negated().stream()
                            .map(n -> " (stated NOT to be " + n.predicateId() + " of " + n.subjectId() + ")")
                            .collect(Collectors.joining()));
            err.println("hint: " + mappings + " maps " + sameVocabulary + " " + prefix + " code(s); "
                    + "to add one, see the README's Mappings section.");
            err.flush();
            return Main.EXIT_FAILED_CHECK;
        }
        lookupFormat.write(result, set, spec.commandLine().getOut());
        return 0;
    }

    private int check() {
        ReportFormat reportFormat = ReportFormat.parse(format == null ? "table" : format);
        Optional<Level> threshold = ValidateCommand.threshold(failOn);
        QualityReport report = MappingSetChecker.check(check, ontology);
        reportFormat.write(report, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = threshold.map(report::hasRowsAtOrAbove).orElse(false);
        err.println(check + ": " + report.summary()
                + threshold
                        .map(t -> failed ? " (fails at " + t + ")" : " (passes at " + t + ")")
                        .orElse(""));
        err.flush();
        return failed ? Main.EXIT_FAILED_CHECK : 0;
    }
}
