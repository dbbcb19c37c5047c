package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
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
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = {
            "Build the TDB2 store: parse the ontology, classify and realize it with the reasoner, "
                    + "materialize the inferences and load the named graphs (asserted, inferred, …) into a fresh "
                    + "directory that replaces the store only when complete.",
            "Phases and their times go to stderr; a summary of the graphs to stdout."
        })
final class BuildCommand implements Callable<Integer> {
    @Option(
            names = "--reasoner",
            paramLabel = "hermit|elk",
            description = "Reasoner for classification (default: ${DEFAULT-VALUE}).")
    String reasoner = "hermit";

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(
            names = "--cases",
            paramLabel = "FILE|DIR",
            description = {
                "Load patient cases into the cases graph: Turtle, N-Triples, N-Quads or TriG (.ttl, .nt, .nq, "
                        + ".trig, optionally .gz; quads only in the default or the cases graph), a JSON Lines file of JSON "
                        + "cases (.jsonl, .ndjson, optionally .gz) or a directory of JSON cases. Repeatable. Each case is checked as 'asps-kg ddx' checks one (known terms, SHACL case "
                        + "shapes); any problem fails the build with file:line and leaves the store as it was.",
                "Cases already stored are kept (a loaded case replaces a stored case of the same IRI and its "
                        + "stored ranking) unless --replace-cases."
            })
    List<Path> cases = new ArrayList<>();

    @Option(
            names = "--replace-cases",
            description = "The cases graph holds only the cases loaded by this build: the stored cases and rankings "
                    + "are not carried over (without --cases: the cases graph becomes empty).")
    boolean replaceCases;

    @Option(
            names = "--no-validate-cases",
            description = "Load the --cases files without the per-case checks (syntax errors still fail the build), "
                    + "as tdb2.tdbloader trusts its input: for data asps-kg wrote itself or already validated, e.g. "
                    + "an exported cases graph with rankings. JSON cases are always checked.")
    boolean noValidateCases;

    @Option(
            names = "--allow-foreign-ontology",
            description = "Build even from an ontology that is empty or lacks the project's ontology IRI "
                    + "(refused by default: it would replace the whole knowledge graph).")
    boolean allowForeignOntology;

    @Mixin
    KnowledgeCacheOption knowledgeCache = new KnowledgeCacheOption();

    @Mixin
    ShapesOption shapes = new ShapesOption();

    @Option(
            names = "--target",
            paramLabel = "URL",
            description = "After building, push the asserted, inferred, mappings and cases graphs to this SPARQL 1.1 "
                    + "Graph Store Protocol endpoint (HTTP PUT per graph, streamed, replacing it), e.g. "
                    + "http://host:3030/ds/data or Virtuoso's http://host:8890/sparql-graph-crud-auth.")
    String target;

    @Option(
            names = "--user",
            paramLabel = "U",
            description = "User for --target (HTTP Basic, or Digest when the endpoint asks for it).")
    String user;

    @Option(
            names = "--password",
            paramLabel = "P",
            description = "Password for --target; when omitted with --user, read from the environment variable "
                    + PASSWORD_ENV + ".")
    String password;

    @Option(
            names = "--part-size",
            paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "For --target endpoints that get a Content-Length (Virtuoso, servers not known to read "
                    + "chunked bodies): send each graph in parts of at most SIZE bytes of N-Triples (K, M, G: "
                    + "1024-based), the first with PUT, the rest with POST, each blank node's triples in one part. "
                    + "Default: as large as the endpoint stores (2G - 1 for Virtuoso; one body for others).")
    long partSize;

    @Option(
            names = "--query-endpoint",
            paramLabel = "URL",
            description = "SPARQL endpoint of the --target store where each pushed graph's triples are counted "
                    + "after the push; a count other than the local one fails it (default: /sparql on the same "
                    + "host for Virtuoso; no count for others).")
    String queryEndpoint;

    /** A byte count with an optional 1024-based K, M or G suffix. */
    static final class ByteSizeConverter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})([KMG]?)B?")
                    .matcher(value.strip().toUpperCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a size in bytes (e.g. 1048576, 500M, 2G)");
            }
            int shift = switch (m.group(2)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                default -> 0;
            };
            return Long.parseLong(m.group(1)) << shift;
        }
    }

    /** Where the password comes from when it should not appear on the command line (and in ps). */
    static final String PASSWORD_ENV = "ASPS_KG_TARGET_PASSWORD";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GraphStorePush push = target == null
                ? null
                : new GraphStorePush(target, credentials()).partBytes(partSize).queryEndpoint(queryEndpoint);
        StoreBuilder builder = StoreBuilds.standard(storeOptions.ontology(), storeOptions.store)
                .reasoner(ReasonerKind.parse(reasoner))
                .observer(new PhasePrinter(spec.commandLine().getErr()))
                .replaceCases(replaceCases)
                .allowForeignOntology(allowForeignOntology);
        if (!cases.isEmpty()) {
            builder.cases(DdxKnowledge.cached(storeOptions.ontology(), shapes.file(), knowledgeCache.cache())
                    .cohortLoader(cases, !noValidateCases));
        }
        BuildReport report = builder.build();
        PrintWriter out = spec.commandLine().getOut();
        StoreBuilds.printSummary(report, out);
        if (push != null) {
            List<GraphStorePush.Pushed> sent;
            PrintWriter err = spec.commandLine().getErr();
            push.progress(line -> {
                err.println("  " + line);
                err.flush();
            });
            try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(storeOptions.store)) {
                sent = push.push(kg, KnowledgeGraphStore.GRAPHS);
            } catch (AspsKgException e) {
                throw new AspsKgException(
                        e.getMessage() + " (the local store " + report.store() + " is built)", e.hint(), e);
            }
            sent.forEach(p -> out.printf(
                    Locale.ROOT,
                    "pushed %-45s %8d triples to %s (%.1f MB%s, %.1f s, %.0f triples/s)%n",
                    "<" + p.graph() + ">",
                    p.triples(),
                    push.endpoint(),
                    p.bytes() / 1e6,
                    p.parts() > 1 ? " in " + p.parts() + " parts" : "",
                    p.time().toNanos() / 1e9,
                    p.triplesPerSecond()));
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
            throw new AspsKgException(
                    "--user " + user + " without a password",
                    "Give --password, or set " + PASSWORD_ENV + " to keep it off the command line.");
        }
        return new GraphStorePush.Credentials(user, secret);
    }
}
