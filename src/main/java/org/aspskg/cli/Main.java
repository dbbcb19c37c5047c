package org.aspskg.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.apache.jena.sys.JenaSystem;
import org.aspskg.AspsKgException;
import org.aspskg.PrintableText;
import org.aspskg.export.ExportFormat;
import org.aspskg.query.OutputFormat;
import org.aspskg.reason.HierarchyFormat;
import org.aspskg.report.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Option;

/** The {@code asps-kg} command line: a root that only dispatches to one small class per command. */
@Command(
        name = "asps-kg",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OWL knowledge graph of alveolar soft part sarcoma and its differential diagnoses.",
        resourceBundle = "org.aspskg.cli.options",
        subcommands = {
            CommandLine.HelpCommand.class,
            ValidateCommand.class,
            BuildCommand.class,
            ServeCommand.class,
            QueryCommand.class,
            ReasonCommand.class,
            DdxCommand.class,
            EvalCommand.class,
            GenerateCommand.class,
            RankCommand.class,
            MapCommand.class,
            ExportCommand.class,
            ReleaseCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for a check that ran and found problems (validation errors, failed QC). */
    public static final int EXIT_FAILED_CHECK = 1;
    /** Exit code for bad input or a failure the user can act on. */
    public static final int EXIT_USER_ERROR = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces for errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Jena's subsystems first: a command that touches an ARQ symbol before Jena is initialised (query
        // --check reads ARQ.httpServiceAllowed) otherwise meets Jena's static initialisation half done.
        JenaSystem.init();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; used by tests to run commands in-process. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; one place maps exceptions to exit codes. */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        // Each --format is an enum read by its own parse(), so that what it accepts (any case, blanks
        // around, export's extensions such as owl, query's json-ld) and how it refuses a wrong name stay
        // its own; an enum option without a registered parse() matches its constants in any case.
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(ReportFormat.class, ReportFormat::parse);
        cl.registerConverter(OutputFormat.class, OutputFormat::parse);
        cl.registerConverter(ExportFormat.class, ExportFormat::parse);
        cl.registerConverter(HierarchyFormat.class, HierarchyFormat::parse);
        cl.registerConverter(MapCommand.Format.class, MapCommand.Format::parse);
        cl.registerConverter(GenerateCommand.Format.class, GenerateCommand.Format::parse);
        // A wrong value that parse() refused reads as any other AspsKgException: error, hint, exit 2.
        IParameterExceptionHandler usageError = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> ex.getCause() instanceof AspsKgException ake
                ? printError(
                        ex.getCommandLine().getErr(),
                        ake,
                        main.verbose || Arrays.asList(args).contains("--verbose"))
                : usageError.handleParseException(ex, args));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                printError(commandLine.getErr(), ex, main.verbose || parseResult.hasMatchedOption("--verbose")));
        return cl;
    }

    /** Prints an error for people (an {@link AspsKgException} with its hint) and returns the exit code. */
    private static int printError(PrintWriter err, Exception ex, boolean verbose) {
        if (ex instanceof AspsKgException ake) {
            // messages quote what was read (a label, a term, a file name): its control characters are shown, not obeyed
            err.println("error: " + PrintableText.keepingLines(ake.getMessage()));
            if (ake.hint() != null) err.println("hint: " + PrintableText.keepingLines(ake.hint()));
            if (verbose) ex.printStackTrace(err);
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("error: " + PrintableText.keepingLines(String.valueOf(ex)));
        if (verbose) ex.printStackTrace(err);
        else err.println("(run with --verbose for the stack trace)");
        err.flush();
        return EXIT_USER_ERROR;
    }
}
