import org.apache.jena.riot.RDFParser;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

/**
 * Loads an RDF file into an empty TDB2 database with one of Jena's bulk loaders and prints the time:
 * what the store's bulk load costs, apart from ranking (docs/benchmarks.md, "What the store's bulk
 * load costs a ranking"). Run on the product jar's classpath:
 * {@code java -Xmx512m -cp target/asps-kg.jar bench/LoadQuads.java r.nq DIR parallel|phased}.
 */
public class LoadQuads {
    public static void main(String[] args) {
        var database = DatabaseMgr.connectDatasetGraph(args[1]);
        DataLoader loader = "phased".equals(args[2])
                ? LoaderFactory.phasedLoader(database, (format, values) -> {})
                : LoaderFactory.parallelLoader(database, (format, values) -> {});
        long t0 = System.nanoTime();
        loader.startBulk();
        RDFParser.source(args[0]).parse(loader.stream());
        loader.finishBulk();
        System.out.printf("%s loader: %,d quads in %.1f s%n", args[2], loader.countQuads(), (System.nanoTime() - t0) / 1e9);
    }
}
