package org.aspskg.cli;

import org.aspskg.ddx.classify.KnowledgeCache;
import picocli.CommandLine.Option;

/** {@code --no-knowledge-cache}, for the commands that load the differential knowledge (docs/rank.md). */
final class KnowledgeCacheOption {
    @Option(
            names = "--no-knowledge-cache",
            description = "Classify the ontology with HermiT (about 27 s of CPU) instead of reading what HermiT "
                    + "inferred of the same ontology from the knowledge cache (${XDG_CACHE_HOME:-~/.cache}/asps-kg), "
                    + "and write nothing there.")
    boolean off;

    /** The cache to load the knowledge with. */
    KnowledgeCache cache() {
        return off ? KnowledgeCache.disabled() : KnowledgeCache.standard();
    }
}
