package org.aspskg.ddx.cohort;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.atlas.io.IO;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangNQuads;
import org.apache.jena.riot.lang.LangNTriples;
import org.apache.jena.riot.lang.LangRIOT;
import org.apache.jena.riot.lang.LangTriG;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.ParserProfileWrapper;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.tokens.Tokenizer;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cases.CaseGraph;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.JsonCaseReader;
import org.aspskg.ddx.read.TurtleCaseReader;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.StrictParseErrors;
import org.aspskg.store.CaseLoad;

/**
 * Loads case files into a build's cases graph ({@code asps-kg build --cases}): Turtle, N-Triples,
 * N-Quads or TriG (optionally gzipped), or a directory of JSON cases. RDF is streamed: the parser
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
 */
public final class CohortLoader implements CaseLoad {
    /** Cases per SHACL run: big enough to amortize jena-shacl's set-up, small enough to stay in a few MB. */
    static final int DEFAULT_CHUNK_CASES = 1000;
    /** Triples after which a chunk is closed even when a blank node in it is still undescribed. */
    private static final int HARD_CHUNK_TRIPLES = 500_000;
    /** How many problems are listed before the rest are only counted. */
    private static final int MAX_LISTED_PROBLEMS = 50;

    private static final long PROGRESS_EVERY = 1_000_000;

    static {
        JenaSystem.init(); // before the vocabulary constants below (Jena's initialization order)
    }

    private static final Node TYPE = RDF.type.asNode();
    private static final Node PATIENT_CASE = AspsVocabulary.PATIENT_CASE.asNode();
    private static final Node CASES_GRAPH = NodeFactory.createURI(AspsVocabulary.GRAPH_CASES);

    private final DdxKnowledge knowledge;
    private final List<Path> inputs;
    private final boolean validate;
    private final int chunkCases;
    private final TurtleCaseReader checker;

    /** IRIs of the cases loaded so far (to find the stored cases they replace). */
    private final Set<Node> loadedCases = new HashSet<>();
    /** IRI subjects of closed chunks: a later statement about one of them is out of place. */
    private final Set<Node> closedSubjects = new HashSet<>();

    private final List<CaseInputException.Problem> problems = new ArrayList<>();
    private long problemCount;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CohortLoader.class);
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long cpuStart, validateCpu, placementCpu;
    private long triples;
    private long validateNanos;
    private long loadNanos;

    public CohortLoader(DdxKnowledge knowledge, List<Path> inputs, boolean validate) {
        this(knowledge, inputs, validate, DEFAULT_CHUNK_CASES);
    }

    CohortLoader(DdxKnowledge knowledge, List<Path> inputs, boolean validate, int chunkCases) {
        this.knowledge = knowledge;
        this.inputs = List.copyOf(inputs);
        this.validate = validate;
        this.chunkCases = chunkCases;
        this.checker = new TurtleCaseReader(knowledge);
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                throw new AspsKgException(
                        p + ": no such readable file or directory",
                        "Give --cases a Turtle, N-Triples, N-Quads or TriG file (.ttl, .nt, .nq, .trig, optionally .gz) "
                                + "or a directory of JSON cases.");
            }
            if (!Files.isDirectory(p)) langOf(p);
        }
    }

    @Override
    public Report loadInto(StreamRDF cases, Consumer<String> progress) {
        long start = System.nanoTime();
        cpuStart = CPU.getCurrentThreadCpuTime();
        loadedCases.clear();
        closedSubjects.clear();
        problems.clear();
        problemCount = triples = validateNanos = loadNanos = validateCpu = placementCpu = 0;
        for (Path input : inputs) {
            long casesBefore = loadedCases.size();
            if (Files.isDirectory(input)) loadJsonDirectory(input, cases, progress);
            else loadRdf(input, cases, progress);
            if (loadedCases.size() == casesBefore && problemCount == 0) {
                addProblem(new CaseInputException.Problem(
                        SourcePosition.of(input.toString()), "no patient case: nothing is typed aspskg:PatientCase"));
            }
        }
        if (problemCount > 0) throw failure();
        long total = System.nanoTime() - start;
        // CPU time of this thread: on shared cores the wall times above also count waiting for a core
        LOG.debug(
                "case files: CPU {} ms in all, {} ms checking (of which {} ms placing subjects in cases)",
                (CPU.getCurrentThreadCpuTime() - cpuStart) / 1_000_000,
                validateCpu / 1_000_000,
                placementCpu / 1_000_000);
        return new Report(
                inputs.size(),
                loadedCases.size(),
                triples,
                Duration.ofNanos(Math.max(0, total - validateNanos - loadNanos)),
                Duration.ofNanos(validateNanos),
                Duration.ofNanos(loadNanos),
                validate);
    }

    @Override
    public Set<Node> replacedSubjects(Graph previousCases) {
        Set<Node> replaced = new HashSet<>();
        previousCases.find(Node.ANY, TYPE, PATIENT_CASE).forEachRemaining(t -> {
            if (t.getSubject().isURI() && loadedCases.contains(t.getSubject())) {
                CasesGraph.subjectsStoredFor(previousCases, t.getSubject().getURI(), replaced, null);
            }
        });
        return replaced;
    }

    /** The language of a case file from its extension (a trailing .gz is read through). */
    static Lang langOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        Lang lang = RDFLanguages.filenameToLang(name);
        if (lang == null
                || !(lang.equals(Lang.TURTLE)
                        || lang.equals(Lang.NTRIPLES)
                        || lang.equals(Lang.NQUADS)
                        || lang.equals(Lang.TRIG))) {
            throw new AspsKgException(
                    file + ": cannot load cases in " + (lang == null ? "this format" : lang.getLabel()),
                    "Give a Turtle, N-Triples, N-Quads or TriG file (.ttl, .nt, .nq, .trig, optionally .gz) "
                            + "or a directory of JSON cases (.json).");
        }
        return lang;
    }

    // ---------------------------------------------------------------- RDF files

    private void loadRdf(Path file, StreamRDF out, Consumer<String> progress) {
        String source = file.toString();
        Lang lang = langOf(file);
        ErrorHandler errors = syntaxErrors(source, lang);
        RecordingProfile profile =
                new RecordingProfile(RiotLib.profile(lang, file.toUri().toString(), errors));
        Chunker chunker = new Chunker(source, profile, out, progress);
        try (InputStream in = IO.openFileEx(source)) {
            Tokenizer tokens =
                    TokenizerText.create().source(in).errorHandler(errors).build();
            LangRIOT parser = switch (lang.getName()) {
                case "N-Triples" -> new LangNTriples(tokens, profile, chunker);
                case "N-Quads" -> new LangNQuads(tokens, profile, chunker);
                case "TriG" -> new LangTriG(tokens, profile, chunker);
                default -> new LangTurtle(tokens, profile, chunker);
            };
            parser.parse();
        } catch (IOException e) {
            throw new AspsKgException(source + ": cannot read: " + e.getMessage(), "Check the file.", e);
        } catch (RiotException e) {
            throw new AspsKgException(
                    source + ": " + lang.getLabel() + " syntax: " + e.getMessage(),
                    "Fix the syntax and run again; the store is unchanged.",
                    e);
        }
        chunker.close();
    }

    /** Syntax errors (and warnings, such as a bad IRI) stop the load with file:line:col. */
    private static ErrorHandler syntaxErrors(String source, Lang lang) {
        return new StrictParseErrors((message, line, col) -> new AspsKgException(
                new SourcePosition(source, line, col) + ": " + lang.getLabel() + " syntax: " + message,
                "Fix the syntax at that line and run again; the store is unchanged."));
    }

    /** Remembers where the parser made the last triple or quad; the parsers emit each one as soon as it is made. */
    private static final class RecordingProfile extends ParserProfileWrapper {
        long line;
        long column;

        RecordingProfile(ParserProfile base) {
            super(base);
        }

        @Override
        public Triple createTriple(Node s, Node p, Node o, long line, long col) {
            this.line = line;
            this.column = col;
            return super.createTriple(s, p, o, line, col);
        }

        @Override
        public Quad createQuad(Node g, Node s, Node p, Node o, long line, long col) {
            this.line = line;
            this.column = col;
            return super.createQuad(g, s, p, o, line, col);
        }
    }

    /**
     * Gathers the parsed triples into chunks of whole cases, checks each chunk and sends it on. A
     * chunk closes before a new IRI subject once it holds {@link #chunkCases} cases and every blank
     * node it mentions has been described.
     */
    private final class Chunker extends StreamRDFBase {
        private final String source;
        private final RecordingProfile where;
        private final StreamRDF out;
        private final Consumer<String> progress;
        private final long startNanos = System.nanoTime();

        private Graph graph = GraphMemFactory.createDefaultGraph();
        /** The chunk's triples in file order, with the line and column of each (positions are made only for problems). */
        private final List<Triple> order = new ArrayList<>();

        private long[] lines = new long[1 << 16];
        private int[] columns = new int[1 << 16];
        /** Subjects of this chunk, each with the index of its first triple. */
        private final Map<Node, Integer> subjects = new HashMap<>();
        /** Blank nodes used as objects in this chunk and not yet described. */
        private final Set<Node> undescribed = new HashSet<>();

        private int casesInChunk;
        private long fileTriples;

        Chunker(String source, RecordingProfile where, StreamRDF out, Consumer<String> progress) {
            this.source = source;
            this.where = where;
            this.out = out;
            this.progress = progress;
        }

        @Override
        public void quad(Quad quad) {
            Node g = quad.getGraph();
            if (quad.isDefaultGraph() || g.equals(CASES_GRAPH)) {
                triple(quad.asTriple());
            } else {
                addProblem(new CaseInputException.Problem(
                        new SourcePosition(source, where.line, where.column),
                        "a statement in the named graph <" + g.getURI() + ">: cases are loaded into <"
                                + AspsVocabulary.GRAPH_CASES + ">; write them in the default graph or in that graph"));
                triple(quad.asTriple()); // checked like the rest, so that this problem does not cause others
            }
        }

        @Override
        public void triple(Triple t) {
            Node s = t.getSubject();
            if (!validate) {
                send(t);
            } else {
                if (s.isURI()
                        && casesInChunk >= chunkCases
                        && !subjects.containsKey(s)
                        && (undescribed.isEmpty() || order.size() >= HARD_CHUNK_TRIPLES)) {
                    closeChunk();
                }
                int i = order.size();
                if (i == lines.length) {
                    lines = java.util.Arrays.copyOf(lines, i * 2);
                    columns = java.util.Arrays.copyOf(columns, i * 2);
                }
                order.add(t);
                lines[i] = where.line;
                columns[i] = (int) Math.min(Integer.MAX_VALUE, where.column);
                graph.add(t);
                if (subjects.putIfAbsent(s, i) == null && s.isBlank()) undescribed.remove(s);
                Node o = t.getObject();
                if (o.isBlank() && !subjects.containsKey(o)) undescribed.add(o);
            }
            if (s.isURI() && t.getPredicate().equals(TYPE) && t.getObject().equals(PATIENT_CASE)) {
                casesInChunk++;
                if (!validate) loadedCases.add(s);
            }
            if (++fileTriples % PROGRESS_EVERY == 0) {
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                progress.accept(String.format(
                        Locale.ROOT,
                        "%s: %,d triples read (%,.0f triples/s)",
                        source,
                        fileTriples,
                        fileTriples / Math.max(seconds, 1e-9)));
            }
        }

        private SourcePosition at(int i) {
            return new SourcePosition(source, lines[i], columns[i]);
        }

        void close() {
            if (validate) closeChunk();
        }

        private void closeChunk() {
            if (order.isEmpty()) return;
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            Map<Node, Node> caseOf = checkPlacement();
            placementCpu += CPU.getCurrentThreadCpuTime() - c0;
            // The checks place problems by the position of each triple; without problems, the first pass
            // needs none, so the map is made (and the chunk checked again with it) only for a bad chunk.
            List<CaseInputException.Problem> found = checker.check(graph, Map.of(), source, caseOf::get);
            if (!found.isEmpty()) {
                Map<Triple, SourcePosition> positions = new HashMap<>();
                for (int i = 0; i < order.size(); i++) positions.putIfAbsent(order.get(i), at(i));
                found = checker.check(graph, positions, source, caseOf::get);
            }
            found.stream()
                    .sorted(java.util.Comparator.comparingLong((CaseInputException.Problem p) ->
                                    p.position().line())
                            .thenComparingLong(p -> p.position().column()))
                    .forEach(CohortLoader.this::addProblem);
            for (Node s : subjects.keySet()) if (s.isURI()) closedSubjects.add(s);
            graph.find(Node.ANY, TYPE, PATIENT_CASE).forEachRemaining(t -> {
                if (t.getSubject().isURI()) loadedCases.add(t.getSubject());
            });
            validateNanos += System.nanoTime() - t0;
            validateCpu += CPU.getCurrentThreadCpuTime() - c0;
            if (problemCount == 0) order.forEach(this::send);
            graph = GraphMemFactory.createDefaultGraph();
            order.clear();
            subjects.clear();
            undescribed.clear();
            casesInChunk = 0;
        }

        /** Every subject of the chunk belongs to one of its cases, and no case comes back after its chunk. */
        private Map<Node, Node> checkPlacement() {
            Map<Node, Node> reached = new HashMap<>();
            Deque<Node> todo = new ArrayDeque<>();
            for (Triple c : graph.find(Node.ANY, TYPE, PATIENT_CASE).toList()) {
                Node caseNode = c.getSubject();
                todo.add(caseNode);
                while (!todo.isEmpty()) {
                    Node n = todo.pop();
                    if (reached.putIfAbsent(n, caseNode) != null) continue;
                    graph.find(n, Node.ANY, Node.ANY).forEachRemaining(t -> {
                        Node o = t.getObject();
                        // rdf:type to a named class leads into the ontology, not to a node the case owns
                        if (o.isBlank() || (o.isURI() && !t.getPredicate().equals(TYPE))) todo.add(o);
                    });
                }
            }
            subjects.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
                Node s = e.getKey();
                int first = e.getValue();
                if (closedSubjects.contains(s)) {
                    addProblem(new CaseInputException.Problem(
                            at(first),
                            "more statements about " + show(s)
                                    + " after other cases came between (or in another file): a case's statements must be "
                                    + "together, and each case loaded once"));
                } else if (!reached.containsKey(s)) {
                    addProblem(new CaseInputException.Problem(
                            at(first),
                            show(s) + " belongs to no patient case here: "
                                    + "--cases loads patient cases (a subject typed aspskg:PatientCase and the nodes it "
                                    + "points to), each case's statements together"));
                }
            });
            return reached;
        }

        private void send(Triple t) {
            long t0 = System.nanoTime();
            out.triple(t);
            loadNanos += System.nanoTime() - t0;
            triples++;
        }
    }

    private String show(Node n) {
        if (n.isBlank()) return "a blank node";
        return n.isURI() ? "<" + n.getURI() + ">" : n.toString();
    }

    // ---------------------------------------------------------------- JSON directories

    /** Each {@code *.json} file of the directory is one case, read and validated as {@code ddx} reads it. */
    private void loadJsonDirectory(Path dir, StreamRDF out, Consumer<String> progress) {
        JsonCaseReader reader = new JsonCaseReader(knowledge);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AspsKgException(dir + ": cannot list: " + e.getMessage(), "Check the directory.", e);
        }
        int n = 0;
        for (Path file : files) {
            PatientCase c;
            try (InputStream in = Files.newInputStream(file)) {
                c = reader.read(in, file.toString());
            } catch (CaseInputException e) {
                e.problems().forEach(this::addProblem);
                continue;
            } catch (IOException e) {
                addProblem(new CaseInputException.Problem(
                        SourcePosition.of(file.toString()), "cannot read: " + e.getMessage()));
                continue;
            }
            Node iri = NodeFactory.createURI(c.iri());
            if (!loadedCases.add(iri)) {
                addProblem(new CaseInputException.Problem(
                        SourcePosition.of(file.toString()),
                        "the case <" + c.iri() + "> is loaded twice (its id is also in an earlier file)"));
                continue;
            }
            closedSubjects.add(iri);
            if (problemCount == 0) {
                Graph g = CaseGraph.of(c, knowledge).model().getGraph();
                long t0 = System.nanoTime();
                g.find().forEachRemaining(out::triple);
                loadNanos += System.nanoTime() - t0;
                triples += g.size();
            }
            if (++n % 10_000 == 0) progress.accept(String.format(Locale.ROOT, "%s: %,d JSON cases read", dir, n));
        }
    }

    // ---------------------------------------------------------------- problems

    private void addProblem(CaseInputException.Problem p) {
        problemCount++;
        if (problems.size() < MAX_LISTED_PROBLEMS) problems.add(p);
    }

    private AspsKgException failure() {
        StringBuilder sb = new StringBuilder();
        if (problemCount == 1) {
            sb.append(problems.get(0));
        } else {
            sb.append(String.format(Locale.ROOT, "%,d problems in the case files", problemCount));
            for (CaseInputException.Problem p : problems)
                sb.append(System.lineSeparator()).append("  ").append(p);
            if (problemCount > problems.size()) {
                sb.append(System.lineSeparator())
                        .append(String.format(Locale.ROOT, "  … and %,d more", problemCount - problems.size()));
            }
        }
        return new AspsKgException(
                sb.toString(),
                "Fix the cases and build again; the store is unchanged. "
                        + "'asps-kg ddx --help' describes the case formats.");
    }
}
