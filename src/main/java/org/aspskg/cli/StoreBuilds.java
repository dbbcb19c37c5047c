package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aspskg.mapping.MappingGraph;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.BuildReport;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.StoreBuilder;
import org.aspskg.store.StoreDirectory;

/** The build every command uses (build, serve, query): the ontology plus the project's other sources. */
final class StoreBuilds {
    private StoreBuilds() {}

    /**
     * The ontology, and the mapping set beside it (mappings/asps.sssom.tsv) as the mappings graph
     * when there is one; a mapping set with ERROR rows fails the build before the store is touched.
     */
    static StoreBuilder standard(Path ontology, Path store) {
        StoreBuilder builder = new StoreBuilder(ontology, store);
        Path mappings = SssomReader.mappingSetFor(ontology);
        if (Files.exists(mappings)) {
            builder.graph(AspsVocabulary.GRAPH_MAPPINGS, () -> MappingGraph.load(mappings, OntologyLoader.readRdf(ontology)));
        }
        return builder;
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
            out.printf("graph %-45s %8d triples%n", "<" + e.getKey() + ">", e.getValue());
        }
        out.println("total time: " + report.total().toMillis() + " ms");
        out.flush();
    }
}
