package org.aspskg.store;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.dboe.DBOpEnvException;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The persistent knowledge graph: a TDB2 dataset whose named graphs are documented in
 * {@link AspsVocabulary} (asserted, inferred, mappings, cases) and whose default graph is their
 * union (TDB2's {@code unionDefaultGraph}), so a plain query sees asserted and inferred triples while
 * {@code GRAPH <…/graph/asserted>} sees only what the editors wrote.
 */
public final class KnowledgeGraphStore implements AutoCloseable {
    /** Default location, relative to the working directory. */
    public static final Path DEFAULT_STORE = Path.of("data", "tdb2");

    /** The named graphs a build writes, in the order they are listed. */
    public static final List<String> GRAPHS = List.of(
            AspsVocabulary.GRAPH_ASSERTED,
            AspsVocabulary.GRAPH_INFERRED,
            AspsVocabulary.GRAPH_MAPPINGS,
            AspsVocabulary.GRAPH_CASES);

    /** TDB2's message when another process holds the database's lock file. */
    private static final Pattern LOCK_HOLDER = Pattern.compile("lock.*held by process (\\d+)");

    private final Path dir;
    private final DatasetGraph dsg;

    private KnowledgeGraphStore(Path dir, DatasetGraph dsg) {
        this.dir = dir;
        this.dsg = dsg;
    }

    /** Opens an existing store (after repairing an interrupted swap); fails with a hint if none is there. */
    public static KnowledgeGraphStore open(Path dir) {
        StoreDirectory location = new StoreDirectory(dir);
        location.recover();
        location.requireStore();
        return connect(location.path());
    }

    /**
     * Connects to the TDB2 database in a directory (creating it if empty) with the union default graph.
     * Fails with a hint when another process (a running {@code asps-kg serve}, say) has it open: TDB2
     * lets one process at a time have a database.
     */
    static KnowledgeGraphStore connect(Path dir) {
        DatasetGraph dsg;
        try {
            dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        } catch (DBOpEnvException e) {
            Matcher holder = LOCK_HOLDER.matcher(String.valueOf(e.getMessage()));
            if (!holder.find()) throw e;
            throw new AspsKgException(
                    "the store " + dir + " is in use by another process (pid " + holder.group(1)
                            + "), e.g. a running 'asps-kg serve'; one process at a time can open a TDB2 store",
                    "Query the running server over HTTP (its /asps/sparql), stop it first, or use another --store.",
                    e);
        }
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new KnowledgeGraphStore(dir, dsg);
    }

    public Path path() {
        return dir;
    }

    public DatasetGraph datasetGraph() {
        return dsg;
    }

    public Dataset dataset() {
        return DatasetFactory.wrap(dsg);
    }

    /** Number of triples in each named graph, in {@link #GRAPHS} order, then any other graph. */
    public Map<String, Long> graphSizes() {
        return Txn.calculateRead(dsg, () -> {
            Map<String, Long> sizes = new LinkedHashMap<>();
            GRAPHS.forEach(g -> sizes.put(g, 0L));
            // size() counts index entries; streaming the triples would also decode every node
            dsg.listGraphNodes()
                    .forEachRemaining(
                            g -> sizes.put(g.getURI(), (long) dsg.getGraph(g).size()));
            return sizes;
        });
    }

    /** Releases the database so its directory can be moved or deleted. */
    @Override
    public void close() {
        TDBInternal.expel(dsg);
    }
}
