package org.aspskg.ddx.cohort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.CaseClassifier;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.JsonCaseReader;
import org.aspskg.ddx.read.TurtleCaseReader;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.store.CaseLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads case files into a build's cases graph ({@code asps-kg build --cases}): Turtle, N-Triples,
 * N-Quads or TriG (optionally gzipped), a JSON Lines file of JSON cases, or a directory of JSON cases. RDF is streamed: the parser
 * records the line and column of every triple, triples are gathered into chunks of whole cases
 * (a case = a subject typed {@code aspskg:PatientCase} and the nodes it points to, blank or not),
 * each chunk is checked the way {@code asps-kg ddx} checks a case file — known terms, the SHACL
 * case shapes — and then sent to the store. A cohort is never held in memory whole, so validating
 * costs the same per case for a thousand cases or millions.
 *
 * <p>Chunking relies on what every case writer does (asps-kg generate, ddx --format ttl, any
 * per-case export): each case's statements are written together. A file that breaks this is not
 * silently accepted: statements about a case that come after its chunk was closed, and subjects
 * that belong to no case where they stand, are reported with their line. Quads must be in the
 * default graph or in the cases graph; any other graph name is an error, not silently merged.
 *
 * <p>The work is split along its seams: {@link CaseFileParser} parses a file, keeping each triple's
 * position; {@link CaseChunker} gathers and checks chunks; {@link JsonCaseDirectory} reads JSON
 * cases; {@link LoadTally} keeps the run's cases, problems and timings.
 */
public final class CohortLoader implements CaseLoad {
    /** Cases per SHACL run: big enough to amortize jena-shacl's set-up, small enough to stay in a few MB. */
    static final int DEFAULT_CHUNK_CASES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(CohortLoader.class);

    private final TurtleCaseReader checker;
    private final CaseClassifier classifier;
    private final JsonCaseReader jsonReader;
    private final CaseRdf caseRdf;
    private final List<Path> inputs;
    private final boolean validate;
    private final int chunkCases;

    /** The last run's cases, problems and timings. */
    private LoadTally tally = new LoadTally();

    /**
     * @param checker    checks RDF cases as {@code asps-kg ddx} checks a Turtle case
     * @param classifier refuses contradictory cases, as {@code asps-kg ddx} does
     * @param jsonReader reads (and checks) JSON cases
     * @param caseRdf    writes a JSON case as RDF
     * @param inputs     RDF case files and directories of JSON cases
     * @param validate   whether to check the cases (without, RDF is only parsed)
     */
    public CohortLoader(
            TurtleCaseReader checker,
            CaseClassifier classifier,
            JsonCaseReader jsonReader,
            CaseRdf caseRdf,
            List<Path> inputs,
            boolean validate) {
        this(checker, classifier, jsonReader, caseRdf, inputs, validate, DEFAULT_CHUNK_CASES);
    }

    CohortLoader(
            TurtleCaseReader checker,
            CaseClassifier classifier,
            JsonCaseReader jsonReader,
            CaseRdf caseRdf,
            List<Path> inputs,
            boolean validate,
            int chunkCases) {
        this.checker = checker;
        this.classifier = classifier;
        this.jsonReader = jsonReader;
        this.caseRdf = caseRdf;
        this.inputs = List.copyOf(inputs);
        this.validate = validate;
        this.chunkCases = chunkCases;
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                throw new AspsKgException(
                        p + ": no such readable file or directory", "Give --cases " + CaseFileParser.FORMATS + ".");
            }
            if (!Files.isDirectory(p)) CaseFileParser.checkFormat(p);
        }
    }

    @Override
    public Report loadInto(StreamRDF cases, Consumer<String> progress) {
        long start = System.nanoTime();
        long cpuStart = LoadTally.cpuNanos();
        tally = new LoadTally();
        for (Path input : inputs) {
            long casesBefore = tally.loadedCases.size();
            if (Files.isDirectory(input))
                new JsonCaseDirectory(jsonReader, validate ? classifier : null, caseRdf, tally)
                        .load(input, cases, progress);
            else if (CaseFileParser.jsonLines(input))
                new JsonCaseDirectory(jsonReader, validate ? classifier : null, caseRdf, tally)
                        .loadLines(input, cases, progress);
            else loadRdf(input, cases, progress);
            if (tally.loadedCases.size() == casesBefore && tally.problemCount() == 0) {
                tally.addProblem(new CaseInputException.Problem(
                        SourcePosition.of(input.toString()), "no patient case: nothing is typed aspskg:PatientCase"));
            }
        }
        if (tally.problemCount() > 0) throw tally.failure();
        long total = System.nanoTime() - start;
        // CPU time of this thread: on shared cores the wall times above also count waiting for a core
        LOG.debug(
                "case files: CPU {} ms in all, {} ms checking (of which {} ms placing subjects in cases)",
                (LoadTally.cpuNanos() - cpuStart) / 1_000_000,
                tally.validateCpu / 1_000_000,
                tally.placementCpu / 1_000_000);
        return new Report(
                inputs.size(),
                tally.loadedCases.size(),
                tally.triples,
                Duration.ofNanos(Math.max(0, total - tally.validateNanos - tally.loadNanos)),
                Duration.ofNanos(tally.validateNanos),
                Duration.ofNanos(tally.loadNanos),
                validate);
    }

    @Override
    public Set<Node> replacedSubjects(Graph previousCases) {
        Set<Node> replaced = new HashSet<>();
        previousCases.find(Node.ANY, CaseChunker.TYPE, CaseChunker.PATIENT_CASE).forEachRemaining(t -> {
            if (t.getSubject().isURI() && tally.loadedCases.contains(t.getSubject())) {
                CasesGraph.subjectsStoredFor(previousCases, t.getSubject().getURI(), replaced, null);
            }
        });
        return replaced;
    }

    /** Streams one RDF file through a chunker: parsed, gathered into chunks of whole cases, checked, sent on. */
    private void loadRdf(Path file, StreamRDF out, Consumer<String> progress) {
        CaseFileParser.Position at = new CaseFileParser.Position();
        CaseChunker chunker =
                new CaseChunker(file.toString(), at, out, progress, checker, classifier, validate, chunkCases, tally);
        CaseFileParser.parse(file, at, chunker);
        chunker.close();
    }
}
