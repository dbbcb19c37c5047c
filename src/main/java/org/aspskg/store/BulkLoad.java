package org.aspskg.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.aspskg.ontology.OntologyLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named graphs streamed into a new, empty TDB2 database by Jena's parallel bulk loader (the loader
 * behind {@code tdb2.tdbloader --loader=parallel}), several times faster than adding quads in a
 * write transaction once the data reach hundreds of thousands of triples (see the load benchmark).
 *
 * <p>Jena's bulk loaders other than basic and sequential are not crash-safe: a failure in the middle
 * can leave the database inconsistent. asps-kg only ever bulk-loads into a build's fresh staging
 * directory, which is deleted when anything fails and swapped in only when the load has finished
 * ({@link StoreDirectory}), so the store in use is never touched by an unfinished load.
 */
final class BulkLoad {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

    private final DataLoader loader;
    private final StreamRDF stream;
    private boolean done;

    private BulkLoad(DataLoader loader) {
        this.loader = loader;
        this.stream = loader.stream();
    }

    /** Starts a bulk load into an empty database; the loader runs its own transactions. */
    static BulkLoad start(DatasetGraph emptyDatabase) {
        DataLoader loader = LoaderFactory.parallelLoader(emptyDatabase, (format, args) -> LOG.debug(format, args));
        loader.startBulk();
        return new BulkLoad(loader);
    }

    /** Adds every triple of a graph to the named graph {@code iri}. */
    void graph(String iri, Graph graph) {
        Node name = NodeFactory.createURI(iri);
        graph.find().forEachRemaining(t -> stream.quad(Quad.create(name, t)));
    }

    /** Streams an RDF file into the named graph {@code iri}; a syntax error fails with file:line. */
    void file(String iri, Path file) {
        OntologyLoader.parseRdf(file, StreamRDFLib.extendTriplesToQuads(NodeFactory.createURI(iri), stream));
    }

    /** A stream whose triples go into the named graph {@code iri} (quads keep their own graph). */
    StreamRDF graphStream(String iri) {
        return StreamRDFLib.extendTriplesToQuads(NodeFactory.createURI(iri), stream);
    }

    /** Adds one quad (e.g. copied from another store). */
    void quad(Quad quad) {
        stream.quad(quad);
    }

    /** Writes what is buffered and builds the indexes; the database then holds everything sent. */
    void finish() {
        loader.finishBulk();
        done = true;
    }

    /** Stops the loader's threads after a failure; the database must then be discarded. */
    void abort(Exception cause) {
        if (done) return;
        done = true;
        try {
            loader.finishException(cause);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        awaitLoaderThreads();
    }

    /**
     * The parallel loader's own threads (not ours to join) wind down after {@code finishException};
     * the database must not be closed under them, or each dies with a NullPointerException trace on
     * stderr. Waits, at most a few seconds, until no thread runs the loader's code.
     */
    private static void awaitLoaderThreads() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline && loaderThreadsRunning()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean loaderThreadsRunning() {
        Thread self = Thread.currentThread();
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() == self || !e.getKey().isAlive()) continue;
            for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().startsWith("org.apache.jena.tdb2.loader")) return true;
            }
        }
        return false;
    }
}
