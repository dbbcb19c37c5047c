package org.aspskg.cli;

import java.nio.file.Path;
import org.aspskg.ontology.BundledOntology;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.KnowledgeGraphStore;
import picocli.CommandLine.Option;

/** {@code --store} and {@code --ontology}, shared by the commands that build or open the store. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR", description = "TDB2 directory (default: ${DEFAULT-VALUE}).")
    Path store = KnowledgeGraphStore.DEFAULT_STORE;

    @Option(
            names = "--ontology",
            paramLabel = "FILE",
            description = "Ontology to build from (default: ${DEFAULT-VALUE}); used when the store is (re)built.")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    /** The ontology to read: the one given, or the jar's bundled copy when the default is not in the working directory. */
    Path ontology() {
        return BundledOntology.locate(ontology);
    }
}
