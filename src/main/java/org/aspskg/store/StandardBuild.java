package org.aspskg.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aspskg.mapping.MappingGraph;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;

/**
 * The knowledge graph as the project builds it, for every command and test that wants "the" store:
 * the ontology, plus the mapping set beside it ({@code mappings/asps.sssom.tsv}) as the mappings
 * graph when there is one. A mapping set with ERROR rows fails the build before the store is touched.
 */
public final class StandardBuild {
    private StandardBuild() {}

    public static StoreBuilder of(Path ontology, Path store) {
        StoreBuilder builder = new StoreBuilder(ontology, store);
        Path mappings = SssomReader.mappingSetFor(ontology);
        if (Files.exists(mappings)) {
            builder.graph(
                    AspsVocabulary.GRAPH_MAPPINGS, () -> MappingGraph.load(mappings, OntologyLoader.readRdf(ontology)));
        }
        return builder;
    }
}
