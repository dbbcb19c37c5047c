package org.aspskg.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.reason.ReasonerKind;
import org.aspskg.store.BuildReport;
import org.aspskg.store.GraphStorePush;
import org.aspskg.store.KnowledgeGraphStore;
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

    @Option(names = "--target", paramLabel = "URL",
            description = "After building, push the asserted, inferred, mappings and cases graphs to this SPARQL 1.1 "
                    + "Graph Store Protocol endpoint (HTTP PUT per graph, replacing it), e.g. http://host:3030/ds/data.")
    String target;

    @Option(names = "--user", paramLabel = "U", description = "User for --target (HTTP Basic authentication).")
    String user;

    @Option(names = "--password", paramLabel = "P",
            description = "Password for --target; when omitted with --user, read from the environment variable "
                    + PASSWORD_ENV + ".")
    String password;

    /** Where the password comes from when it should not appear on the command line (and in ps). */
    static final String PASSWORD_ENV = "ASPS_KG_TARGET_PASSWORD";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GraphStorePush push = target == null ? null : new GraphStorePush(target, credentials());
        BuildReport report = StoreBuilds.standard(storeOptions.ontology, storeOptions.store)
                .reasoner(ReasonerKind.parse(reasoner))
                .observer(new PhasePrinter(spec.commandLine().getErr()))
                .build();
        PrintWriter out = spec.commandLine().getOut();
        StoreBuilds.printSummary(report, out);
        if (push != null) {
            Map<String, Long> sent;
            try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(storeOptions.store)) {
                sent = push.push(kg, KnowledgeGraphStore.GRAPHS);
            } catch (AspsKgException e) {
                throw new AspsKgException(e.getMessage() + " (the local store " + report.store() + " is built)",
                        e.hint(), e);
            }
            sent.forEach((graph, n) -> out.printf("pushed %-45s %8d triples to %s%n", "<" + graph + ">", n,
                    push.endpoint()));
            out.flush();
        }
        return 0;
    }

    private GraphStorePush.Credentials credentials() {
        if (user == null && password == null) return null;
        if (user == null) {
            throw new AspsKgException("--password without --user", "Give both, e.g. --user admin --password …");
        }
        String secret = password != null ? password : System.getenv(PASSWORD_ENV);
        if (secret == null) {
            throw new AspsKgException("--user " + user + " without a password",
                    "Give --password, or set " + PASSWORD_ENV + " to keep it off the command line.");
        }
        return new GraphStorePush.Credentials(user, secret);
    }
}
