package org.aspskg.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.reason.Classification;
import org.aspskg.reason.InferenceMaterializer;
import org.aspskg.reason.InferredGraph;
import org.aspskg.reason.ReasonerKind;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * The operation behind {@code asps-kg build}: ontology → reasoner → RDF → TDB2. Writes a complete
 * store into a fresh directory and swaps it in only when every phase has succeeded (see
 * {@link StoreDirectory}); graphs that live only in the store (the cases graph) are carried over
 * from the store being replaced, and case files ({@link #cases}) are loaded into the cases graph in
 * the same staged load. Building twice from the same sources gives the same triples.
 */
public final class StoreBuilder {
    private final Path ontologyFile;
    private final StoreDirectory target;
    private ReasonerKind reasoner = ReasonerKind.HERMIT;
    private BuildObserver observer = BuildObserver.NONE;
    private final Map<String, Supplier<Model>> extraGraphs = new LinkedHashMap<>();
    private final Map<String, Path> graphFiles = new LinkedHashMap<>();
    private final List<String> carriedOver =
            new ArrayList<>(List.of(AspsVocabulary.GRAPH_CASES, AspsVocabulary.GRAPH_RANKINGS));
    private CaseLoad cases;
    private boolean replaceCases;
    private boolean allowForeignOntology;

    public StoreBuilder(Path ontologyFile, Path storeDir) {
        this.ontologyFile = ontologyFile;
        this.target = new StoreDirectory(storeDir);
    }

    public StoreBuilder reasoner(ReasonerKind kind) {
        this.reasoner = kind;
        return this;
    }

    public StoreBuilder observer(BuildObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Adds a named graph computed from another source (e.g. the mappings), loaded in the LOAD phase. */
    public StoreBuilder graph(String graphIri, Supplier<Model> source) {
        extraGraphs.put(graphIri, source);
        return this;
    }

    /**
     * Adds a named graph read from an RDF file in the LOAD phase, streamed from disk rather than held
     * in memory (for large data such as case cohorts). A syntax error fails the build with file:line.
     */
    public StoreBuilder graphFile(String graphIri, Path file) {
        graphFiles.put(graphIri, file);
        return this;
    }

    /**
     * Loads patient cases into the cases graph in the LOAD phase ({@code build --cases}). By default the
     * cases graph becomes the previous store's cases graph plus the loaded cases, a loaded case
     * replacing a stored one of the same IRI (and its stored ranking); see {@link #replaceCases}.
     */
    public StoreBuilder cases(CaseLoad load) {
        this.cases = load;
        return this;
    }

    /** When true, the previous store's cases graph is not carried over: the new one holds only what this build loads. */
    public StoreBuilder replaceCases(boolean replace) {
        this.replaceCases = replace;
        return this;
    }

    /**
     * When true, an ontology without the project's ontology IRI, or without any axiom, may replace the
     * graph ({@code --allow-foreign-ontology}); by default such a file is refused, since building from
     * the wrong file would silently replace the whole knowledge graph.
     */
    public StoreBuilder allowForeignOntology(boolean allow) {
        this.allowForeignOntology = allow;
        return this;
    }

    public BuildReport build() {
        target.requireReplaceable();
        target.recover();
        target.requireNotInUse();
        Map<BuildPhase, Duration> times = new EnumMap<>(BuildPhase.class);

        long t = start(BuildPhase.PARSE);
        Model asserted = OntologyLoader.readRdf(ontologyFile);
        OWLOntology ontology = OntologyLoader.load(ontologyFile);
        int axioms = ontology.getLogicalAxiomCount();
        if (!allowForeignOntology) requireProjectOntology(ontology);
        finish(BuildPhase.PARSE, t, times, asserted.size() + " triples, " + axioms + " logical axioms");

        InferredGraph inferred;
        t = start(BuildPhase.CLASSIFY);
        try (Classification classification = Classification.classify(ontology, reasoner)) {
            finish(
                    BuildPhase.CLASSIFY,
                    t,
                    times,
                    classification.namedClasses().size() + " classes, " + reasoner.displayName() + ", consistent");
            t = start(BuildPhase.MATERIALIZE);
            inferred = InferenceMaterializer.materialize(classification);
            finish(BuildPhase.MATERIALIZE, t, times, inferred.size() + " inferred triples " + inferred.countsByKind());
        }

        t = start(BuildPhase.LOAD);
        Map<String, Model> graphs = new LinkedHashMap<>();
        graphs.put(AspsVocabulary.GRAPH_ASSERTED, asserted);
        graphs.put(AspsVocabulary.GRAPH_INFERRED, inferred.model());
        extraGraphs.forEach((iri, source) -> graphs.put(iri, source.get()));
        Path staging = target.newStaging();
        Map<String, Long> sizes;
        CaseLoad.Report casesLoaded = null;
        try {
            try (KnowledgeGraphStore store = KnowledgeGraphStore.connect(staging)) {
                BulkLoad load = BulkLoad.start(store.datasetGraph());
                try {
                    graphs.forEach((iri, model) -> load.graph(iri, model.getGraph()));
                    graphFiles.forEach(load::file);
                    if (cases != null) {
                        observer.phaseProgress(BuildPhase.LOAD, "cases: reading …");
                        casesLoaded = cases.loadInto(
                                load.graphStream(AspsVocabulary.GRAPH_CASES),
                                line -> observer.phaseProgress(BuildPhase.LOAD, "cases: " + line));
                        observer.phaseProgress(BuildPhase.LOAD, "cases: " + casesLoaded.summary());
                    }
                    carryOver(load);
                    load.finish();
                } catch (RuntimeException e) {
                    load.abort(e);
                    throw e;
                }
                sizes = store.graphSizes();
            }
            finish(
                    BuildPhase.LOAD,
                    t,
                    times,
                    sizes.values().stream().mapToLong(Long::longValue).sum() + " quads in " + sizes.size()
                            + " named graphs");
            t = start(BuildPhase.SWAP);
            target.swapIn(staging);
            finish(BuildPhase.SWAP, t, times, target.path().toString());
        } catch (RuntimeException | Error e) {
            StoreDirectory.deleteQuietly(staging);
            throw e;
        }
        return new BuildReport(target.path(), axioms, inferred.countsByKind(), sizes, times, casesLoaded);
    }

    /**
     * Copies graphs that only the store holds (stored cases) from the store being replaced, except
     * what the loaded cases replace, and the whole cases graph with {@link #replaceCases}.
     */
    private void carryOver(BulkLoad into) {
        if (!target.exists() || carriedOver.isEmpty()) return;
        try (KnowledgeGraphStore previous = KnowledgeGraphStore.connect(target.path())) {
            DatasetGraph from = previous.datasetGraph();
            Txn.executeRead(
                    from,
                    () -> carriedOver.forEach(iri -> {
                        Node name = NodeFactory.createURI(iri);
                        if (!from.containsGraph(name)) return;
                        boolean isCases = iri.equals(AspsVocabulary.GRAPH_CASES);
                        if (isCases && replaceCases) {
                            observer.phaseProgress(
                                    BuildPhase.LOAD,
                                    "cases: the previous cases graph ("
                                            + from.getGraph(name).size() + " triples) is replaced (--replace-cases)");
                            return;
                        }
                        Set<Node> replaced =
                                isCases && cases != null ? cases.replacedSubjects(from.getGraph(name)) : Set.of();
                        long[] kept = new long[2];
                        from.find(name, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                            if (replaced.contains(q.getSubject())) {
                                kept[1]++;
                            } else {
                                kept[0]++;
                                into.quad(q);
                            }
                        });
                        if (isCases && cases != null) {
                            observer.phaseProgress(
                                    BuildPhase.LOAD,
                                    "cases: carried over " + kept[0]
                                            + " triples from the previous store"
                                            + (kept[1] == 0
                                                    ? ""
                                                    : "; left out " + kept[1]
                                                            + " triples of stored cases that the loaded ones replace"));
                        }
                    }));
        }
    }

    private void requireProjectOntology(OWLOntology ontology) {
        String hint = "Nothing was changed. Build from the project's ontology (" + OntologyLoader.DEFAULT_ONTOLOGY
                + "), or pass --allow-foreign-ontology to build a store from another ontology on purpose.";
        if (ontology.getAxiomCount() == 0) {
            throw new AspsKgException(
                    ontologyFile + ": the ontology is empty (no axioms); building from it would "
                            + "replace the whole knowledge graph with nothing",
                    hint);
        }
        String iri =
                ontology.getOntologyID().getOntologyIRI().map(IRI::toString).orElse(null);
        if (!AspsVocabulary.ONTOLOGY_IRI.equals(iri)) {
            throw new AspsKgException(
                    ontologyFile + ": not the asps-kg ontology: its ontology IRI is "
                            + (iri == null ? "missing" : "<" + iri + ">") + ", not <" + AspsVocabulary.ONTOLOGY_IRI
                            + ">",
                    hint);
        }
    }

    private long start(BuildPhase phase) {
        observer.phaseStarted(phase);
        return System.nanoTime();
    }

    private void finish(BuildPhase phase, long startNanos, Map<BuildPhase, Duration> times, String summary) {
        Duration d = Duration.ofNanos(System.nanoTime() - startNanos);
        times.put(phase, d);
        observer.phaseFinished(phase, d, summary);
    }
}
