package org.aspskg.ddx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.rdf.model.Model;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.DemographicGroups;
import org.aspskg.ddx.classify.CaseAssertions;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ddx.classify.CompiledCaseClassifier;
import org.aspskg.ddx.classify.HermitCaseClassifier;
import org.aspskg.ddx.classify.HypothesisExclusion;
import org.aspskg.ddx.classify.KnowledgeCache;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.cohort.CohortLoader;
import org.aspskg.ddx.cohort.CohortRanking;
import org.aspskg.ddx.cohort.CohortWriter;
import org.aspskg.ddx.cohort.TruthTable;
import org.aspskg.ddx.rank.Association;
import org.aspskg.ddx.rank.DemographicModel;
import org.aspskg.ddx.rank.DifferentialRanker;
import org.aspskg.ddx.rank.DiseaseFeatureAssociations;
import org.aspskg.ddx.rank.NextFindings;
import org.aspskg.ddx.read.CaseReader;
import org.aspskg.ddx.read.CaseShapes;
import org.aspskg.ddx.read.CompiledCaseShapes;
import org.aspskg.ddx.read.CompiledGraphShapes;
import org.aspskg.ddx.read.JsonCaseReader;
import org.aspskg.ddx.read.ModalityFindings;
import org.aspskg.ddx.read.TermIndex;
import org.aspskg.ddx.read.TurtleCaseReader;
import org.aspskg.ddx.render.RankingRenderer;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.FileStamp;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.text.CaseTextAnnotator;
import org.aspskg.text.TermSearch;
import org.semanticweb.owlapi.model.OWLOntology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of case reasoning: loads the ontology and the case shapes once, compiles
 * what the stages need from them and builds each stage with exactly its collaborators — the
 * readers (term index, demographic groups, shapes, case RDF), the classifiers (case TBox, case
 * assertions), the ranker (associations, TBox, terms), the renderers, the cohort tools. No stage
 * sees this class; commands, servers, benchmarks and tests take the stages from it, most through
 * {@link #pipeline()}. Immutable and thread-safe once built, so one instance serves a command line
 * run, an HTTP endpoint or a benchmark of many cases.
 */
public final class DdxKnowledge {
    private static final Logger LOG = LoggerFactory.getLogger(DdxKnowledge.class);
    /** Where the case shapes live, relative to the project root. */
    public static final Path DEFAULT_SHAPES = Path.of("ontology", "shapes", "case-shapes.ttl");

    private final Model ontology;
    private final DiseaseFeatureAssociations associations;
    private final CaseTBox tbox;
    private final TermIndex terms;
    private final DemographicGroups demographics;
    /** Age and sex per hypothesis: what the ranker weighs them by and what the cohort generator draws. */
    private final DemographicModel demographicModel;

    private final CaseRdf caseRdf;
    private final CaseAssertions caseAssertions;
    private final CompiledCaseClassifier classifier;
    private final CaseShapes shapes;
    private final CompiledCaseShapes compiledShapes;
    private final CompiledGraphShapes compiledGraphShapes;
    private final CaseTextAnnotator annotator;
    private final JsonCaseReader jsonReader;
    private final TurtleCaseReader turtleReader;
    private final CaseReader reader;
    private final DifferentialRanker ranker;
    private final HypothesisExclusion exclusion;
    private final NextFindings nextFindings;
    private final RankingRenderer renderer;
    private final DifferentialPipeline pipeline;
    private final String ontologyVersion;
    private final boolean reasonedFromCache;

    private DdxKnowledge(Model ontology, OWLOntology owl, Path shapesFile, KnowledgeCache cache) {
        long start = System.nanoTime();
        this.ontology = ontology;
        this.ontologyVersion =
                owl.getOntologyID().getVersionIRI().map(Object::toString).orElse(null);
        this.associations = DiseaseFeatureAssociations.read(ontology);
        Set<String> features = new TreeSet<>();
        for (Association a : associations.all()) {
            features.add(a.feature());
            if (a.ageGroup() != null) features.add(a.ageGroup());
        }
        KnowledgeCache.Reasoned reasoned = cache.reason(owl, features, associations.hypotheses());
        this.tbox = reasoned.tbox();
        this.reasonedFromCache = reasoned.fromCache();
        this.terms = new TermIndex(ontology, tbox);
        this.demographics = new DemographicGroups(ontology);
        this.demographicModel = new DemographicModel(demographics, associations);
        this.caseRdf = new CaseRdf(demographics, tbox.casePropertyIris());
        this.caseAssertions = new CaseAssertions(tbox, demographics);
        this.classifier = new CompiledCaseClassifier(tbox, caseAssertions, terms::label);
        this.shapes = CaseShapes.load(shapesFile, tbox, ontology);
        this.annotator = new CaseTextAnnotator(
                terms.search(),
                AspsVocabulary.MASS_LARGER_THAN_5_CM.getURI(),
                AspsVocabulary.LARGE_MASS_THRESHOLD_CM,
                AspsVocabulary.LARGE_MASS.getURI(),
                new CaseTextAnnotator.Rules(
                        ModalityFindings.read(ontology),
                        ModalityFindings.observedOn(ontology),
                        ModalityFindings.subclassesOf(ontology, AspsVocabulary.BONE),
                        AspsVocabulary.ADJACENT_BONE_INVOLVEMENT.getURI()));
        this.compiledShapes = CompiledCaseShapes.compile(shapes, caseRdf).orElse(null);
        this.jsonReader = new JsonCaseReader(terms, demographics, shapes, compiledShapes, caseRdf, annotator);
        // the compiled checks on case graphs are held to jena-shacl on the build's shapes only: other shapes are
        // validated with jena-shacl (JSON cases keep theirs, which are made for one case from its JSON form)
        this.compiledGraphShapes =
                shapes.bundled() ? CompiledGraphShapes.compile(shapes).orElse(null) : null;
        this.turtleReader = new TurtleCaseReader(terms, demographics, shapes, compiledGraphShapes);
        this.reader = new CaseReader(jsonReader, turtleReader);
        this.ranker = new DifferentialRanker(associations, tbox, terms, ontologyVersion, demographicModel);
        this.renderer = new RankingRenderer(terms, caseRdf);
        this.exclusion = new HypothesisExclusion(
                tbox, caseAssertions, owl, associations.hypotheses(), reasoned.obligateFeatures());
        this.nextFindings = new NextFindings(
                associations,
                classifier,
                // trial rankings need only the verdicts: the proofs are shown for the case itself
                c -> ranker.rank(c).excluding(exclusion.excludedWithoutProofs(c)),
                terms,
                terms.label(AspsVocabulary.FINDING.getURI()));
        this.pipeline = new DifferentialPipeline(
                reader, classifier, this::hermitClassifier, ranker, renderer, exclusion, nextFindings);
        LOG.debug(
                "case reasoning ready in {} ms ({}): {} hypotheses, {} associations, {} features",
                (System.nanoTime() - start) / 1_000_000,
                reasoned.fromCache() ? "HermiT's inferences from the knowledge cache" : "classified by HermiT",
                associations.hypotheses().size(),
                associations.all().size(),
                tbox.features().size());
    }

    /**
     * Loads the ontology file and the case shapes and compiles them, with HermiT's inferences from the
     * standard {@link KnowledgeCache} when it has them for this ontology.
     */
    public static DdxKnowledge load(Path ontologyFile, Path shapesFile) {
        return load(ontologyFile, shapesFile, KnowledgeCache.standard());
    }

    /** As {@link #load(Path, Path)}, with the given knowledge cache ({@link KnowledgeCache#disabled()}: none). */
    public static DdxKnowledge load(Path ontologyFile, Path shapesFile, KnowledgeCache cache) {
        Model model = OntologyLoader.readRdf(ontologyFile);
        OWLOntology owl = OntologyLoader.load(ontologyFile);
        return new DdxKnowledge(model, owl, shapesFile, cache);
    }

    /** The project's ontology and shapes. */
    public static DdxKnowledge loadDefault() {
        return cached(OntologyLoader.DEFAULT_ONTOLOGY, DEFAULT_SHAPES);
    }

    private static final Map<List<FileStamp>, DdxKnowledge> CACHE = new ConcurrentHashMap<>();

    /**
     * As {@link #load}, but returns the knowledge already compiled in this JVM from the same files
     * (same paths, modification times and sizes, the edit source's module and tables included): loading takes seconds, and an embedding program
     * (a server, a test suite running the command line in-process) ranks many cases.
     */
    public static DdxKnowledge cached(Path ontologyFile, Path shapesFile) {
        return cached(ontologyFile, shapesFile, KnowledgeCache.standard());
    }

    /**
     * As {@link #cached(Path, Path)}, loading with the given knowledge cache when this JVM has not compiled the
     * files yet (what is compiled is the same either way).
     */
    public static DdxKnowledge cached(Path ontologyFile, Path shapesFile, KnowledgeCache cache) {
        // every file the ontology is compiled from (edit source, module, tables) and the shapes
        List<FileStamp> key = new ArrayList<>();
        OntologyLoader.sourceFiles(ontologyFile).forEach(f -> key.add(FileStamp.of(f)));
        key.add(FileStamp.of(shapesFile));
        if (key.stream().anyMatch(FileStamp::missing)) return load(ontologyFile, shapesFile, cache);
        return CACHE.computeIfAbsent(key, k -> load(ontologyFile, shapesFile, cache));
    }

    /** Read, classify, rank, render: the differential of one case at a time. */
    public DifferentialPipeline pipeline() {
        return pipeline;
    }

    /** Age and sex per hypothesis, as the ranker weighs them and the cohort generator draws them. */
    public DemographicModel demographicModel() {
        return demographicModel;
    }

    /** A cohort generator over this knowledge. */
    public CohortGenerator cohortGenerator() {
        return new CohortGenerator(associations, tbox, demographics, demographicModel, terms, classifier);
    }

    /** A writer of cohorts in the case formats. */
    public CohortWriter cohortWriter() {
        return new CohortWriter(caseRdf, associations);
    }

    /** A loader of case files into a build's cases graph, checking them as {@code ddx} checks a case unless told not to. */
    public CohortLoader cohortLoader(List<Path> inputs, boolean validate) {
        return new CohortLoader(turtleReader, classifier, jsonReader, caseRdf, inputs, validate);
    }

    /** The ranking of whole cohorts ({@code asps-kg rank}) through this knowledge's pipeline. */
    public CohortRanking cohortRanking() {
        return new CohortRanking(pipeline, turtleReader, jsonReader);
    }

    /** A truth column for a cohort, its diagnoses checked against this knowledge's hypotheses. */
    public TruthTable truthTable(Path file) {
        return new TruthTable(file, Set.copyOf(associations.hypotheses()));
    }

    /** The ontology as RDF. */
    public Model ontology() {
        return ontology;
    }

    public DiseaseFeatureAssociations associations() {
        return associations;
    }

    public CaseTBox tbox() {
        return tbox;
    }

    /** How a case's statements become class assertions (for the benchmarks' whole-ABox peers). */
    public CaseAssertions caseAssertions() {
        return caseAssertions;
    }

    public TermIndex terms() {
        return terms;
    }

    /** The text index of the stateable classes: what the web front searches and case text is read with. */
    public TermSearch termSearch() {
        return terms.search();
    }

    /** Reads free text and loosely written phrases with {@link #termSearch()}. */
    public CaseTextAnnotator annotator() {
        return annotator;
    }

    public DemographicGroups demographics() {
        return demographics;
    }

    public CaseShapes shapes() {
        return shapes;
    }

    /** The case shapes compiled into checks on a JSON case, or empty if they use a construct the compiler does not know. */
    public Optional<CompiledCaseShapes> compiledShapes() {
        return Optional.ofNullable(compiledShapes);
    }

    /**
     * The case shapes compiled into checks on case graphs (RDF case files, cohort chunks); empty when the
     * shapes are not the build's (then RDF cases are validated with jena-shacl) or did not compile.
     */
    public Optional<CompiledGraphShapes> compiledGraphShapes() {
        return Optional.ofNullable(compiledGraphShapes);
    }

    public CaseRdf caseRdf() {
        return caseRdf;
    }

    public CaseReader reader() {
        return reader;
    }

    public JsonCaseReader jsonReader() {
        return jsonReader;
    }

    public TurtleCaseReader turtleReader() {
        return turtleReader;
    }

    /** The compiled classifier, the fast path every ranking goes through. */
    public CompiledCaseClassifier classifier() {
        return classifier;
    }

    /** A new HermiT reference classifier over the same TBox (each holds its own reasoners). */
    public HermitCaseClassifier hermitClassifier() {
        return new HermitCaseClassifier(tbox, caseAssertions, terms::label);
    }

    public DifferentialRanker ranker() {
        return ranker;
    }

    /** Which hypotheses a case logically excludes (compiled, with HermiT as reference). */
    public HypothesisExclusion exclusion() {
        return exclusion;
    }

    /** The findings to check next for a ranking. */
    public NextFindings nextFindings() {
        return nextFindings;
    }

    public RankingRenderer renderer() {
        return renderer;
    }

    /** Whether HermiT's inferences came from the {@link KnowledgeCache} (else HermiT classified the ontology now). */
    public boolean reasonedFromCache() {
        return reasonedFromCache;
    }

    /** The ontology's versionIRI, or null. */
    public String ontologyVersion() {
        return ontologyVersion;
    }
}
