package org.aspskg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.aspskg.reason.ReasonerKind;
import org.aspskg.store.BuildReport;
import org.aspskg.store.StoreBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg build}: parse, classify, materialize and load the knowledge graph into TDB2. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the TDB2 store: parse the ontology, classify and realize it with the reasoner, "
                + "materialize the inferences and load the named graphs (asserted, inferred, …) into a fresh "
                + "directory that replaces the store only when complete.",
                "Phases and their times go to stderr; a summary of the graphs to stdout."})
final class BuildCommand implements Callable<Integer> {
    @Option(names = "--reasoner", paramLabel = "hermit|elk",
            description = "Reasoner for classification (default: ${DEFAULT-VALUE}).")
    String reasoner = "hermit";

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BuildReport report = StoreBuilds.standard(storeOptions.ontology, storeOptions.store)
                .reasoner(ReasonerKind.parse(reasoner))
                .observer(new PhasePrinter(spec.commandLine().getErr()))
                .build();
        PrintWriter out = spec.commandLine().getOut();
        StoreBuilds.printSummary(report, out);
        return 0;
    }
}
