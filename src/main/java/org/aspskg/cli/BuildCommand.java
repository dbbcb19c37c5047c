package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.reason.ReasonerKind;
import org.aspskg.store.BuildReport;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StoreBuilder;
import picocli.CommandLine.Command;
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
    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology to build from (default: ${DEFAULT-VALUE}).")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    @Option(names = "--store", paramLabel = "DIR", description = "TDB2 directory (default: ${DEFAULT-VALUE}).")
    Path store = KnowledgeGraphStore.DEFAULT_STORE;

    @Option(names = "--reasoner", paramLabel = "hermit|elk",
            description = "Reasoner for classification (default: ${DEFAULT-VALUE}).")
    String reasoner = "hermit";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BuildReport report = StoreBuilds.standard(ontology, store)
                .reasoner(ReasonerKind.parse(reasoner))
                .observer(new PhasePrinter(spec.commandLine().getErr()))
                .build();
        PrintWriter out = spec.commandLine().getOut();
        StoreBuilds.printSummary(report, out);
        return 0;
    }
}
