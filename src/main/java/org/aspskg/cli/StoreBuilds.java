package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.aspskg.store.BuildReport;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StandardBuild;
import org.aspskg.store.StoreBuilder;
import org.aspskg.store.StoreDirectory;

/** The build every command uses (build, serve, query, bench): the ontology plus the project's other sources. */
final class StoreBuilds {
    private StoreBuilds() {}

    static StoreBuilder standard(Path ontology, Path store) {
        return StandardBuild.of(ontology, store);
    }

    /** Opens the store, building it first (progress on {@code err}) when there is none. */
    static KnowledgeGraphStore openOrBuild(Path ontology, Path store, PrintWriter err) {
        StoreDirectory dir = new StoreDirectory(store);
        dir.recover();
        if (!dir.exists()) {
            err.println("asps-kg: no store at " + dir.path() + "; building it from " + ontology);
            err.flush();
            standard(ontology, store).observer(new PhasePrinter(err)).build();
        }
        return KnowledgeGraphStore.open(store);
    }

    static void printSummary(BuildReport report, PrintWriter out) {
        out.println("store: " + report.store());
        out.println("logical axioms: " + report.logicalAxioms());
        out.println("inferences: " + report.inferencesByKind());
        for (Map.Entry<String, Long> e : report.graphSizes().entrySet()) {
            out.printf(Locale.ROOT, "graph %-45s %8d triples%n", "<" + e.getKey() + ">", e.getValue());
        }
        out.println("total time: " + report.total().toMillis() + " ms");
        out.flush();
    }
}
