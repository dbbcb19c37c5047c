package org.aspskg.ddx.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.JsonCaseReader;
import org.aspskg.ddx.read.TurtleCaseReader;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.GraphReplacement;

/**
 * The operation behind {@code asps-kg rank}: classifies and ranks every case of a cohort — case
 * files as {@code build --cases} reads them, or the cases graph of a store — and hands each ranking,
 * in input order, to a {@link RankingSink} (a file or the store's rankings graph).
 *
 * <p>Streamed in bounded memory: a reader thread parses the input and gathers it into chunks of
 * whole cases; a pool of workers checks each chunk (the case shapes, as {@code build --cases} does,
 * unless validation is off), classifies and ranks its cases through the {@link DifferentialPipeline}
 * (the same path as {@code asps-kg ddx}); the calling thread takes the chunks' results in input order
 * from a bounded queue and writes them. At most a few chunks per worker are in memory at once,
 * whatever the cohort's size; nothing is kept per case.
 *
 * <p>A problem in the input (a syntax error, a shape violation, an unknown term) fails the run with
 * every problem found placed by file:line, as {@code build --cases}; the sink is then abandoned, so
 * nothing is written. A case that cannot be ranked because it contradicts itself is excluded and
 * named in the {@link Report}. Within one run a case written twice is ranked twice: duplicates are
 * only detected inside a chunk (remembering every case would make memory grow with the cohort).
 */
public final class CohortRanking {
    /**
     * Cases per chunk: enough to amortize the per-chunk set-up (jena-shacl's, a graph's), small enough
     * that the chunks in flight (about three per worker: queued, being ranked, their rankings waiting
     * to be written) stay in a few MB. A generated case is some 90 triples and an in-memory Jena graph
     * takes about 200 bytes a triple: the 1,000-case chunks of {@code build --cases} held some 130 MB in
     * flight with two workers, more than the knowledge itself (about 40 MB).
     */
    static final int DEFAULT_CHUNK_CASES = 100;
    /** How many excluded cases the report names. */
    static final int LISTED_EXCLUDED = 20;

    /** Where rankings go, in input order, from one thread. */
    public interface RankingSink extends AutoCloseable {
        /** Called once before the first ranking. */
        default void start() {}

        void write(RankedCase ranked);

        /** Called once after the last ranking, when the run succeeded: make the output visible. */
        void finish();

        /** Called always; without {@link #finish} first, the output must be discarded. */
        @Override
        void close();
    }

    /** Hears how far the run is; called from the writing thread. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** The size of the input, in {@code unit}s (bytes of files, or cases of a store), once known. */
        default void sized(long total, String unit) {}

        /** {@code done} units of the input read, {@code ranked} cases ranked so far. */
        default void advanced(long done, long ranked) {}
    }

    /** A case left out of the rankings, and why. */
    public record Excluded(String caseIri, String reason, boolean contradictory) {}

    /**
     * What a run did.
     *
     * @param cases     cases read
     * @param ranked    cases ranked and written
     * @param excluded  cases read but not ranked (contradictory ones among them)
     * @param listed    the first {@value #LISTED_EXCLUDED} excluded cases
     * @param read      the reader thread's time (reading and chunking; parsing, unless the workers parse
     *                  chunks of lines) plus the workers' time parsing
     * @param validate  workers' time checking chunks (summed over workers)
     * @param rank      workers' time classifying and ranking (summed over workers)
     * @param write     the writing thread's time in the sink
     * @param wall      the whole run
     * @param validated whether the cases were checked
     * @param workers   classify + rank threads
     * @param validator how RDF cases were checked against the case shapes, for the summary
     */
    public record Report(
            long cases,
            long ranked,
            long excluded,
            long contradictory,
            List<Excluded> listed,
            Duration read,
            Duration validate,
            Duration rank,
            Duration write,
            Duration wall,
            boolean validated,
            int workers,
            String validator) {

        public double casesPerSecond() {
            return cases / Math.max(1e-9, wall.toNanos() / 1e9);
        }

        /** Lines for people: counts, the excluded cases with their IRIs, the time per stage. */
        public List<String> summary() {
            List<String> out = new ArrayList<>();
            out.add(String.format(
                    Locale.ROOT,
                    "rank: %,d cases, %,d ranked, %,d excluded (%,d contradictory) in %.1f s: %,.0f cases/s, %d worker%s",
                    cases,
                    ranked,
                    excluded,
                    contradictory,
                    wall.toMillis() / 1000.0,
                    casesPerSecond(),
                    workers,
                    workers == 1 ? "" : "s"));
            for (Excluded e : listed) {
                out.add("  excluded <" + e.caseIri() + ">" + (e.contradictory() ? " (contradictory)" : "") + ": "
                        + e.reason());
            }
            if (excluded > listed.size()) {
                out.add(String.format(Locale.ROOT, "  … and %,d more excluded", excluded - listed.size()));
            }
            out.add(String.format(
                    Locale.ROOT,
                    "rank: time per stage: read %,d ms; %s; classify + rank %,d ms; write %,d ms"
                            + " (validate and rank summed over workers)",
                    read.toMillis(),
                    validated
                            ? String.format(Locale.ROOT, "validate %,d ms (%s)", validate.toMillis(), validator)
                            : "not validated",
                    rank.toMillis(),
                    write.toMillis()));
            return out;
        }
    }

    private final DifferentialPipeline pipeline;
    private TurtleCaseReader checker;
    private boolean shaclAsked;
    private final JsonCaseReader jsonReader;
    private List<Path> inputs = List.of();
    private DatasetGraph store;
    private boolean validate = true;
    private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int chunkCases = DEFAULT_CHUNK_CASES;
    private Progress progress = Progress.NONE;

    /**
     * @param pipeline   classifies and ranks a case (the path {@code asps-kg ddx} takes)
     * @param checker    checks RDF cases and turns them into cases
     * @param jsonReader reads (and checks) JSON cases
     */
    public CohortRanking(DifferentialPipeline pipeline, TurtleCaseReader checker, JsonCaseReader jsonReader) {
        this.pipeline = pipeline;
        this.checker = checker;
        this.jsonReader = jsonReader;
    }

    /** Ranks the cases of these files (RDF case files, .gz too) and directories of JSON cases. */
    public CohortRanking files(List<Path> inputs) {
        checkInputs(inputs);
        this.inputs = List.copyOf(inputs);
        this.store = null;
        return this;
    }

    /**
     * Checks that every input is a readable directory or a file of a case format, without reading
     * it: cheap, so that a command can say what is wrong before it loads the knowledge.
     */
    public static void checkInputs(List<Path> inputs) {
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                throw new AspsKgException(
                        p + ": no such readable file or directory", "Give " + CaseFileParser.FORMATS + ".");
            }
            if (!Files.isDirectory(p)) CaseFileParser.checkFormat(p);
        }
    }

    /** Ranks the cases in the cases graph of a store (read in read transactions while the run lasts). */
    public CohortRanking fromStore(DatasetGraph dataset) {
        this.store = dataset;
        this.inputs = List.of();
        return this;
    }

    public CohortRanking validate(boolean validate) {
        this.validate = validate;
        return this;
    }

    /**
     * Checks RDF cases with jena-shacl, the reference, rather than the case shapes compiled into checks
     * ({@link org.aspskg.ddx.read.CompiledGraphShapes}); slower by an order of magnitude.
     */
    public CohortRanking shacl(boolean shacl) {
        if (shacl) {
            checker = checker.withShacl();
            shaclAsked = true;
        }
        return this;
    }

    public CohortRanking workers(int workers) {
        if (workers < 1) {
            throw new AspsKgException("--workers " + workers + ": must be at least 1", "Give a positive number.");
        }
        this.workers = workers;
        return this;
    }

    CohortRanking chunkCases(int chunkCases) {
        this.chunkCases = chunkCases;
        return this;
    }

    public CohortRanking progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** One chunk's outcome: its rankings in input order, what was excluded, the workers' times. */
    private record ChunkResult(
            long cases,
            List<RankedCase> ranked,
            List<Excluded> excluded,
            long parseNanos,
            long validateNanos,
            long rankNanos) {
        static final ChunkResult END = new ChunkResult(0, List.of(), List.of(), 0, 0, 0);

        ChunkResult(long cases, List<RankedCase> ranked, List<Excluded> excluded, long validateNanos, long rankNanos) {
            this(cases, ranked, excluded, 0, validateNanos, rankNanos);
        }
    }

    /** Thrown inside the reader thread when the run is stopped. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs the ranking into {@code sink} (started, written in input order, finished when every case
     * was read without a problem; closed in any case). Throws {@link AspsKgException} with every
     * problem found in the input; the sink is then not finished.
     */
    public Report run(RankingSink sink) {
        long start = System.nanoTime();
        long[] checkedBefore = checker.compiledCounts();
        LoadTally tally = new LoadTally();
        BlockingQueue<Future<ChunkResult>> queue = new ArrayBlockingQueue<>(workers + 1);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "rank-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicLong done = new AtomicLong();
        AtomicLong readNanos = new AtomicLong();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread reader = new Thread(
                () -> {
                    long t0 = System.nanoTime();
                    try {
                        read(tally, done, chunk -> {
                            if (Thread.currentThread().isInterrupted()) throw new Stopped();
                            try {
                                queue.put(pool.submit(() -> process(chunk, tally)));
                            } catch (InterruptedException e) {
                                throw new Stopped();
                            }
                        });
                    } catch (Stopped e) {
                        return;
                    } catch (RuntimeException | Error e) {
                        readerFailure.set(e);
                    } finally {
                        readNanos.set(System.nanoTime() - t0);
                    }
                    try {
                        queue.put(CompletableFuture.completedFuture(ChunkResult.END));
                    } catch (InterruptedException e) {
                        // stopped while finishing: the writer is gone
                    }
                },
                "rank-reader");
        reader.setDaemon(true);
        long cases = 0;
        long ranked = 0;
        long excluded = 0;
        long contradictory = 0;
        long parseNanos = 0;
        long validateNanos = 0;
        long rankNanos = 0;
        long writeNanos = 0;
        List<Excluded> listed = new ArrayList<>();
        boolean succeeded = false;
        try (sink) {
            sink.start();
            reader.start();
            while (true) {
                ChunkResult r = next(queue, readerFailure);
                if (r == ChunkResult.END) break;
                cases += r.cases();
                parseNanos += r.parseNanos();
                validateNanos += r.validateNanos();
                rankNanos += r.rankNanos();
                for (Excluded e : r.excluded()) {
                    excluded++;
                    if (e.contradictory()) contradictory++;
                    if (listed.size() < LISTED_EXCLUDED) listed.add(e);
                }
                if (tally.problemCount() > 0) continue; // the run fails: nothing more is written
                long t0 = System.nanoTime();
                for (RankedCase rc : r.ranked()) sink.write(rc);
                writeNanos += System.nanoTime() - t0;
                ranked += r.ranked().size();
                progress.advanced(done.get(), ranked);
            }
            if (readerFailure.get() != null) rethrow(readerFailure.get());
            if (tally.problemCount() > 0) throw tally.failure(FIX_HINT);
            if (cases == 0) {
                throw new AspsKgException(
                        "no patient case in " + describeInput() + ": nothing is typed aspskg:PatientCase",
                        "Give case files or a directory of JSON cases; 'asps-kg ddx --help' describes the formats.");
            }
            long t0 = System.nanoTime();
            sink.finish();
            writeNanos += System.nanoTime() - t0;
            succeeded = true;
        } finally {
            if (!succeeded) reader.interrupt();
            pool.shutdownNow();
            queue.clear();
            try {
                reader.join(10_000); // a reader of the store ends its read transaction before the store closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean checkedAsRead = jsonOnly();
        return new Report(
                cases,
                ranked,
                excluded,
                contradictory,
                List.copyOf(listed),
                Duration.ofNanos(readNanos.get() + parseNanos),
                Duration.ofNanos(validateNanos),
                Duration.ofNanos(rankNanos),
                Duration.ofNanos(writeNanos),
                Duration.ofNanos(System.nanoTime() - start),
                validate || checkedAsRead,
                workers,
                checkedAsRead
                        ? "compiled JSON case checks, counted in read: JSON cases are checked as they are read"
                        : validator(checkedBefore));
    }

    /** Whether every input is JSON cases (a directory of them or a JSON Lines file): always checked. */
    private boolean jsonOnly() {
        return store == null
                && !inputs.isEmpty()
                && inputs.stream().allMatch(p -> Files.isDirectory(p) || CaseFileParser.jsonLines(p));
    }

    /**
     * Ranks into the rankings graph ({@link AspsVocabulary#GRAPH_RANKINGS}) of the store at {@code
     * storeDir}, replacing it: a staging store gets the store's other graphs and the new rankings (with
     * {@code truth}'s reference diagnoses, when given) and is swapped in at the end, as {@code build}
     * does; on any failure the store is as it was. With {@code casesFromStore} the cases are those of
     * the store's cases graph. {@code log} hears of each step.
     */
    public Report intoStore(Path storeDir, boolean casesFromStore, TruthTable truth, Consumer<String> log) {
        try (GraphReplacement replacement = GraphReplacement.begin(storeDir, AspsVocabulary.GRAPH_RANKINGS)) {
            long t0 = System.nanoTime();
            long kept = replacement.copyOtherGraphs(log);
            log.accept(String.format(
                    Locale.ROOT,
                    "kept %,d triples of the other graphs in %,d ms",
                    kept,
                    (System.nanoTime() - t0) / 1_000_000));
            if (casesFromStore) fromStore(replacement.current());
            Report report = run(RankingOutputs.toRdf(replacement.graph(), truth));
            long t1 = System.nanoTime();
            Map<String, Long> sizes = replacement.commit();
            log.accept(String.format(
                    Locale.ROOT,
                    "indexed and swapped in %,d ms: <%s> %,d triples",
                    (System.nanoTime() - t1) / 1_000_000,
                    AspsVocabulary.GRAPH_RANKINGS,
                    sizes.getOrDefault(AspsVocabulary.GRAPH_RANKINGS, 0L)));
            return report;
        }
    }

    /** How the RDF cases of this run were checked against the case shapes, in words. */
    private String validator(long[] before) {
        if (!checker.compiledChecks()) {
            return shaclAsked
                    ? "jena-shacl, as --shacl asks"
                    : "jena-shacl: the case shapes are not the build's, which the compiled checks are tested against";
        }
        long[] now = checker.compiledCounts();
        long decided = now[0] - before[0];
        long left = now[1] - before[1];
        return String.format(
                Locale.ROOT, "compiled case checks; %,d of %,d chunks left to jena-shacl", left, decided + left);
    }

    private static final String FIX_HINT = "Fix the cases and run again; nothing was written (the store and any "
            + "--out file are as they were). 'asps-kg ddx --help' describes the case formats.";

    private static ChunkResult next(
            BlockingQueue<Future<ChunkResult>> queue, AtomicReference<Throwable> readerFailure) {
        try {
            return queue.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AspsKgException("rank: interrupted", "Run again; nothing was written.", e);
        } catch (ExecutionException e) {
            rethrow(e.getCause());
            throw new IllegalStateException(e); // not reached
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    private String describeInput() {
        if (store != null) return "the store's cases graph";
        return inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " inputs";
    }

    /** A unit of work: check, classify and rank some whole cases. */
    private interface Work {
        ChunkResult run(LoadTally tally);
    }

    private ChunkResult process(Work work, LoadTally tally) {
        return work.run(tally);
    }

    /** Reads the input on the reader thread, handing chunks of work to {@code out}. */
    private void read(LoadTally tally, AtomicLong done, Consumer<Work> out) {
        if (store != null) {
            readStore(done, out);
            return;
        }
        long total = 0;
        for (Path p : inputs) {
            try {
                total += Files.isDirectory(p) ? countJson(p) : Files.size(p);
            } catch (IOException e) {
                throw new AspsKgException(p + ": cannot read: " + e.getMessage(), "Check the file.", e);
            }
        }
        progress.sized(total, inputs.stream().anyMatch(Files::isDirectory) ? "units" : "bytes");
        long before = 0;
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                readJsonDirectory(input, done, out);
            } else if (CaseFileParser.jsonLines(input) || CaseFileParser.lineBased(input)) {
                // one case a line (JSON Lines) or one statement a line (N-Triples, N-Quads): split by line
                if (CaseFileParser.jsonLines(input)) readJsonLines(input, before, done, out);
                else readLines(input, before, done, out);
                try {
                    before += Files.size(input);
                } catch (IOException e) {
                    throw new AspsKgException(input + ": cannot read: " + e.getMessage(), "Check the file.", e);
                }
            } else {
                long offset = before;
                CaseFileParser.Position at = new CaseFileParser.Position();
                CaseChunker chunker =
                        chunker(input, at, chunkCases, tally, chunk -> out.accept(t -> rdfChunk(chunk, t)));
                CaseFileParser.parse(input, at, chunker, n -> done.set(offset + n));
                chunker.close();
                try {
                    before += Files.size(input);
                } catch (IOException e) {
                    throw new AspsKgException(input + ": cannot read: " + e.getMessage(), "Check the file.", e);
                }
            }
        }
    }

    /**
     * The chunker of an RDF case file for this run, handing its chunks to {@code chunks} instead of
     * sending triples on: a contradictory case is excluded from the ranking, not refused (no classifier).
     */
    private CaseChunker chunker(
            Path input, CaseFileParser.Position at, int cases, LoadTally tally, Consumer<CaseChunker.Chunk> chunks) {
        return new CaseChunker(
                        input.toString(),
                        at,
                        StreamRDFLib.sinkNull(),
                        line -> {},
                        checker,
                        null,
                        validate,
                        cases,
                        tally)
                .handingChunksTo(chunks);
    }

    /**
     * An N-Triples or N-Quads file, split by line into chunks of whole cases on the reader thread and
     * parsed by the workers (see {@link LineChunkSplitter}): the same chunks as parsing it here.
     */
    private void readLines(Path input, long offset, AtomicLong done, Consumer<Work> out) {
        String scope = CaseFileParser.newScope();
        LineChunkSplitter splitter = new LineChunkSplitter(
                chunkCases, (bytes, firstLine) -> out.accept(t -> lineChunk(input, bytes, firstLine, scope, t)));
        try (InputStream in = CaseFileParser.open(input, n -> done.set(offset + n))) {
            splitter.split(in);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw CaseFileParser.truncated(input.toString(), splitter.linesRead(), e);
        } catch (IOException e) {
            throw new AspsKgException(input + ": cannot read: " + e.getMessage(), "Check the file.", e);
        }
    }

    /**
     * A JSON Lines file, one JSON case a line: split into chunks of whole lines on the reader thread,
     * each line read, checked and ranked by a worker as the batch endpoint reads one.
     */
    private void readJsonLines(Path input, long offset, AtomicLong done, Consumer<Work> out) {
        String source = input.toString();
        new JsonLineChunks(
                        chunkCases, (bytes, firstLine) -> out.accept(t -> jsonLineChunk(source, bytes, firstLine, t)))
                .splitFile(input, n -> done.set(offset + n));
    }

    /**
     * Reads, checks and ranks the JSON cases of a chunk of lines (on a worker): each case is read
     * straight into a {@link PatientCase} with the compiled JSON checks, no RDF made of it.
     */
    private ChunkResult jsonLineChunk(String source, byte[] bytes, long firstLine, LoadTally tally) {
        List<RankedCase> ranked = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        long[] nanos = new long[2]; // reading and checking, ranking
        long[] cases = {0};
        JsonLineChunks.lines(bytes, firstLine, (line, from, length, number) -> {
            cases[0]++;
            long t0 = System.nanoTime();
            PatientCase c = JsonLineChunks.readCase(jsonReader, source, line, from, length, number, tally::addProblem);
            long t1 = System.nanoTime();
            nanos[0] += t1 - t0;
            if (c == null) return;
            rankOne(c, ranked, excluded);
            nanos[1] += System.nanoTime() - t1;
        });
        return new ChunkResult(cases[0], ranked, excluded, nanos[0], 0, nanos[1]);
    }

    /** Parses a chunk of lines (on a worker), then checks and ranks its cases. */
    private ChunkResult lineChunk(Path input, byte[] bytes, long firstLine, String scope, LoadTally tally) {
        long t0 = System.nanoTime();
        CaseFileParser.Position at = new CaseFileParser.Position();
        List<CaseChunker.Chunk> made = new ArrayList<>(1);
        // the splitter has made the chunk: one chunk of whatever size
        CaseChunker chunker = chunker(input, at, Integer.MAX_VALUE, tally, made::add);
        CaseFileParser.parseLines(input, bytes, firstLine, scope, at, chunker);
        chunker.close();
        long parse = System.nanoTime() - t0;
        if (made.isEmpty()) return new ChunkResult(0, List.of(), List.of(), parse, 0, 0);
        ChunkResult r = rdfChunk(made.get(0), tally);
        return new ChunkResult(r.cases(), r.ranked(), r.excluded(), parse, r.validateNanos(), r.rankNanos());
    }

    private ChunkResult rdfChunk(CaseChunker.Chunk chunk, LoadTally tally) {
        long t0 = System.nanoTime();
        if (validate) {
            List<CaseInputException.Problem> problems = chunk.check(checker);
            if (!problems.isEmpty()) {
                problems.forEach(tally::addProblem);
                return new ChunkResult(chunk.cases().size(), List.of(), List.of(), System.nanoTime() - t0, 0);
            }
        }
        long t1 = System.nanoTime();
        List<RankedCase> ranked = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        List<Node> cases = chunk.cases();
        for (Node c : cases) rankOne(chunk, c, ranked, excluded);
        return new ChunkResult(cases.size(), ranked, excluded, t1 - t0, System.nanoTime() - t1);
    }

    /**
     * Ranks one case of a chunk. A case is read without the file positions of its statements (a map
     * over the whole chunk, as large as the chunk's graph again), from the chunk's triples (no graph is
     * built for that; see {@link CaseChunker.Chunk#toCase}); a contradictory case is read and
     * ranked once more with them, so that its message names the lines of the clashing statements.
     */
    private void rankOne(CaseChunker.Chunk chunk, Node caseNode, List<RankedCase> ranked, List<Excluded> excluded) {
        PatientCase c = chunk.toCase(checker, caseNode);
        try {
            ranked.add(pipeline.rankWithoutNextFindings(c));
        } catch (ContradictoryCaseException unplaced) {
            rankOne(checker.toCase(chunk.graph(), caseNode, chunk.positions(), chunk.source()), ranked, excluded);
        } catch (AspsKgException e) {
            excluded.add(new Excluded(c.iri(), e.getMessage(), false));
        }
    }

    private void rankOne(PatientCase c, List<RankedCase> ranked, List<Excluded> excluded) {
        try {
            ranked.add(pipeline.rankWithoutNextFindings(c));
        } catch (ContradictoryCaseException e) {
            excluded.add(new Excluded(c.iri(), e.getMessage(), true));
        } catch (AspsKgException e) {
            excluded.add(new Excluded(c.iri(), e.getMessage(), false));
        }
    }

    private static long countJson(Path dir) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            for (Path ignored : s) n++;
        }
        return n;
    }

    /** JSON cases, one per file, in file name order; each read and checked by a worker. */
    private void readJsonDirectory(Path dir, AtomicLong done, Consumer<Work> out) {
        List<Path> files = JsonCaseDirectory.jsonFiles(dir);
        for (int from = 0; from < files.size(); from += chunkCases) {
            List<Path> part = files.subList(from, Math.min(files.size(), from + chunkCases));
            long upTo = done.get() + part.size();
            out.accept(tally -> {
                List<RankedCase> ranked = new ArrayList<>();
                List<Excluded> excluded = new ArrayList<>();
                long readNanos = 0;
                long rankNanos = 0;
                for (Path file : part) {
                    long t0 = System.nanoTime();
                    PatientCase c;
                    try (InputStream in = Files.newInputStream(file)) {
                        c = jsonReader.read(in, file.toString());
                    } catch (CaseInputException e) {
                        e.problems().forEach(tally::addProblem);
                        continue;
                    } catch (IOException e) {
                        tally.addProblem(new CaseInputException.Problem(
                                SourcePosition.of(file.toString()), "cannot read: " + e.getMessage()));
                        continue;
                    } finally {
                        readNanos += System.nanoTime() - t0;
                    }
                    long t1 = System.nanoTime();
                    rankOne(c, ranked, excluded);
                    rankNanos += System.nanoTime() - t1;
                }
                return new ChunkResult(part.size(), ranked, excluded, readNanos, rankNanos);
            });
            done.set(upTo);
        }
    }

    /** The cases of the store's cases graph, each with the blank nodes it points to, in chunks. */
    private void readStore(AtomicLong done, Consumer<Work> out) {
        Node casesGraph = NodeFactory.createURI(AspsVocabulary.GRAPH_CASES);
        String source = "the store's cases graph <" + AspsVocabulary.GRAPH_CASES + ">";
        Txn.executeRead(store, () -> {
            Graph g = store.getGraph(casesGraph);
            long n = 0;
            var it = g.find(Node.ANY, CaseChunker.TYPE, CaseChunker.PATIENT_CASE);
            while (it.hasNext()) {
                it.next();
                n++;
            }
            progress.sized(n, "cases");
        });
        Txn.executeRead(store, () -> {
            Graph g = store.getGraph(casesGraph);
            var it = g.find(Node.ANY, CaseChunker.TYPE, CaseChunker.PATIENT_CASE);
            Graph chunk = GraphMemFactory.createDefaultGraph();
            List<Triple> order = new ArrayList<>();
            Map<Node, Node> caseOf = new HashMap<>();
            int n = 0;
            while (it.hasNext()) {
                Node c = it.next().getSubject();
                if (!c.isURI()) continue;
                copyCase(g, c, chunk, order, caseOf);
                if (++n == chunkCases) {
                    handStoreChunk(source, chunk, order, caseOf, out);
                    done.addAndGet(n);
                    chunk = GraphMemFactory.createDefaultGraph();
                    order = new ArrayList<>();
                    caseOf = new HashMap<>();
                    n = 0;
                }
            }
            if (n > 0) {
                handStoreChunk(source, chunk, order, caseOf, out);
                done.addAndGet(n);
            }
        });
    }

    private void handStoreChunk(
            String source, Graph chunk, List<Triple> order, Map<Node, Node> caseOf, Consumer<Work> out) {
        CaseChunker.Chunk c = CaseChunker.Chunk.unplaced(source, chunk, order, caseOf);
        out.accept(t -> rdfChunk(c, t));
    }

    /** A stored case's own triples: the case node's and those of the blank nodes reachable from it. */
    private static void copyCase(Graph g, Node caseNode, Graph into, List<Triple> order, Map<Node, Node> caseOf) {
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.add(caseNode);
        while (!todo.isEmpty()) {
            Node s = todo.pop();
            if (!seen.add(s)) continue;
            caseOf.put(s, caseNode);
            g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
                into.add(t);
                order.add(t);
                if (t.getObject().isBlank()) todo.add(t.getObject());
            });
        }
    }
}
