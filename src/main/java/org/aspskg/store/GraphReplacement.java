package org.aspskg.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * Replaces one named graph of an existing store without a rebuild ({@code asps-kg rank} writes its
 * rankings graph this way): a fresh staging store receives every other graph of the store as it is,
 * then the new graph streamed by the caller, through the bulk loader; {@link #commit} swaps it in as
 * {@code build} does. Until then the store in place is only read, so a failure or an interrupted run
 * leaves it as it was ({@link #close} without commit deletes the staging store).
 *
 * <p>The store must not be open in another process (a running {@code serve}): TDB2 lets one process
 * at a time open it, and the swap refuses to move a store that is open.
 */
public final class GraphReplacement implements AutoCloseable {
    private final StoreDirectory target;
    private final Node graphName;
    private final KnowledgeGraphStore current;
    private final Path staging;
    private final KnowledgeGraphStore stagingStore;
    private final BulkLoad load;
    private boolean finished;

    private GraphReplacement(
            StoreDirectory target,
            String graphIri,
            KnowledgeGraphStore current,
            Path staging,
            KnowledgeGraphStore stagingStore) {
        this.target = target;
        this.graphName = NodeFactory.createURI(graphIri);
        this.current = current;
        this.staging = staging;
        this.stagingStore = stagingStore;
        this.load = BulkLoad.start(stagingStore.datasetGraph());
    }

    /** Opens the store at {@code storeDir} and starts a staging store that will replace it with a new {@code graphIri}. */
    public static GraphReplacement begin(Path storeDir, String graphIri) {
        StoreDirectory dir = new StoreDirectory(storeDir);
        dir.recover();
        dir.requireStore();
        KnowledgeGraphStore current = KnowledgeGraphStore.connect(dir.path());
        Path staging = null;
        try {
            staging = dir.newStaging();
            return new GraphReplacement(dir, graphIri, current, staging, KnowledgeGraphStore.connect(staging));
        } catch (RuntimeException e) {
            current.close();
            if (staging != null) StoreDirectory.deleteQuietly(staging);
            throw e;
        }
    }

    /** The store being replaced, to read from (in read transactions) while the new one is loaded. */
    public DatasetGraph current() {
        return current.datasetGraph();
    }

    /**
     * Copies every named graph of the current store but the one replaced into the staging store;
     * {@code progress} hears of each graph. Returns the number of quads copied.
     */
    public long copyOtherGraphs(Consumer<String> progress) {
        DatasetGraph from = current.datasetGraph();
        return Txn.calculateRead(from, () -> {
            long n = 0;
            for (Node g : (Iterable<Node>) from::listGraphNodes) {
                if (g.equals(graphName)) continue;
                long before = n;
                var it = from.find(g, Node.ANY, Node.ANY, Node.ANY);
                while (it.hasNext()) {
                    load.quad(it.next());
                    n++;
                }
                progress.accept("kept <" + g.getURI() + ">: " + (n - before) + " triples");
            }
            return n;
        });
    }

    /** The stream into the new graph (triples land in it; call from one thread). */
    public StreamRDF graph() {
        return load.graphStream(graphName.getURI());
    }

    /** Finishes the load (indexes built), swaps the staging store in and returns the new store's graph sizes. */
    public Map<String, Long> commit() {
        load.finish();
        Map<String, Long> sizes = stagingStore.graphSizes();
        finished = true;
        stagingStore.close();
        current.close();
        try {
            target.swapIn(staging);
        } catch (RuntimeException e) {
            StoreDirectory.deleteQuietly(staging);
            throw e;
        }
        return sizes;
    }

    /** Without {@link #commit}: stops the load, deletes the staging store; the store in place is unchanged. */
    @Override
    public void close() {
        if (finished) return;
        finished = true;
        load.abort(new IllegalStateException("graph replacement abandoned"));
        stagingStore.close();
        current.close();
        StoreDirectory.deleteQuietly(staging);
    }
}
