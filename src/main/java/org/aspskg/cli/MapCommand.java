package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.aspskg.AspsKgException;
import org.aspskg.mapping.CodeLookup;
import org.aspskg.mapping.CoverageFormat;
import org.aspskg.mapping.Curie;
import org.aspskg.mapping.LookupFormat;
import org.aspskg.mapping.MappingCoverage;
import org.aspskg.mapping.MappingSet;
import org.aspskg.mapping.MappingSetChecker;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            names = "--coverage",
            description =
                    "Per vocabulary, the terms mapped and not mapped, and a WARN row for each term of a "
                            + "linkable kind (coverage.tsv beside the mapping set) without a mapping; --format text, tsv or json.")
    boolean coverage;

    @Mixin
    MappingsOption mappings = new MappingsOption(SssomReader.DEFAULT_MAPPING_SET);

    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "With --check: table, tsv or json (default table); with a CODE: text or json (default text).")
    Format format;

    @Mixin
    FailOnOption failOn = new FailOnOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (check != null) return check();
        if (coverage) return coverage();
        if (code != null) return lookup();
        throw new CommandLine.ParameterException(spec.commandLine(), "Give a CODE to resolve, or --check [FILE].");
    }

    private int lookup() {
        LookupFormat lookupFormat = format == null ? LookupFormat.TEXT : format.lookup();
        Path mappingSet = mappings.fileFor(ontology.file());
        MappingSet set = SssomReader.read(mappingSet);
        CodeLookup.Result result = new CodeLookup(set, OntologyLoader.readRdf(ontology.file())).lookup(code);
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
            err.println("hint: " + mappingSet + " maps " + sameVocabulary + " " + prefix + " code(s); "
                    + "to add one, see the README's Mappings section.");
            err.flush();
            return Main.EXIT_FAILED_CHECK;
        }
        lookupFormat.write(result, set, spec.commandLine().getOut());
        return 0;
    }

    private int coverage() {
        CoverageFormat coverageFormat = format == null ? CoverageFormat.TEXT : format.coverage();
        java.util.Optional<org.aspskg.report.Level> threshold = failOn.threshold();
        Path mappingSet = mappings.fileFor(ontology.file());
        MappingCoverage.Coverage result = MappingCoverage.compute(mappingSet, ontology.file());
        coverageFormat.write(result, spec.commandLine().getOut());
        QualityReport report = result.report();
        boolean failed = threshold.map(report::hasRowsAtOrAbove).orElse(false);
        PrintWriter err = spec.commandLine().getErr();
        err.println(mappingSet + ": coverage: " + report.summary()
                + threshold
                        .map(t -> failed ? " (fails at " + t + ")" : " (passes at " + t + ")")
                        .orElse(""));
        err.flush();
        return failed ? Main.EXIT_FAILED_CHECK : 0;
    }

    private int check() {
        ReportFormat reportFormat = format == null ? ReportFormat.TABLE : format.report();
        return failOn.printReport(() -> MappingSetChecker.check(check, ontology.file()), reportFormat, check, spec);
    }

    /** The values of --format: report formats with --check, lookup formats with a CODE. */
    enum Format {
        TABLE,
        TSV,
        JSON,
        TEXT;

        /** Parses a format name in any case. */
        static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new AspsKgException(
                        "unknown format '" + text + "'",
                        "Use table, tsv or json with --check; text or json with a CODE.");
            }
        }

        /** The report format of this name; TEXT is none, and says so. */
        ReportFormat report() {
            return ReportFormat.parse(name().toLowerCase(Locale.ROOT));
        }

        /** The coverage format of this name: TABLE is TEXT; JSON and TSV are themselves. */
        CoverageFormat coverage() {
            return this == TABLE ? CoverageFormat.TEXT : CoverageFormat.parse(name());
        }

        /** The lookup format of this name; TABLE and TSV are none, and say so. */
        LookupFormat lookup() {
            return LookupFormat.parse(name().toLowerCase(Locale.ROOT));
        }
    }
}
