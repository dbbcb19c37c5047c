package org.aspskg.ddx.cohort;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.CaseClassifier;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.TurtleCaseReader;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The chunking and checking of {@link CohortLoader}: gathers the parsed triples of one file into
 * chunks of whole cases, checks each chunk and sends it on. A chunk closes before a new IRI subject
 * once it holds {@code chunkCases} cases and every blank node it mentions has been described. Without
 * validation the triples go straight through, only the cases counted.
 */
final class CaseChunker extends StreamRDFBase {
    /** Triples after which a chunk is closed even when a blank node in it is still undescribed. */
    static final int HARD_CHUNK_TRIPLES = 500_000;

    private static final long PROGRESS_EVERY = 1_000_000;

    static {
        JenaSystem.init(); // before the vocabulary constants below (Jena's initialization order)
    }

    static final Node TYPE = RDF.type.asNode();
    static final Node PATIENT_CASE = AspsVocabulary.PATIENT_CASE.asNode();
    private static final Node CASES_GRAPH = NodeFactory.createURI(AspsVocabulary.GRAPH_CASES);

    private final String source;
    private final CaseFileParser.Position where;
    private final StreamRDF out;
    private final Consumer<String> progress;
    private final TurtleCaseReader checker;
    private final CaseClassifier classifier;
    private final boolean validate;
    private final int chunkCases;
    private final LoadTally tally;
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

    /** Where whole chunks go instead of being checked here ({@code asps-kg rank}); null for build --cases. */
    private Consumer<Chunk> chunks;

    /**
     * @param source     the file, in messages
     * @param where      where the parser is in the file
     * @param out        where checked triples go
     * @param progress   receives a line now and then
     * @param checker    checks a chunk as {@code asps-kg ddx} checks a case file
     * @param classifier finds contradictory cases, as {@code asps-kg ddx} does
     * @param validate   whether to check at all
     * @param chunkCases cases per chunk
     * @param tally      the run's cases, problems and timings
     */
    CaseChunker(
            String source,
            CaseFileParser.Position where,
            StreamRDF out,
            Consumer<String> progress,
            TurtleCaseReader checker,
            CaseClassifier classifier,
            boolean validate,
            int chunkCases,
            LoadTally tally) {
        this.source = source;
        this.where = where;
        this.out = out;
        this.progress = progress;
        this.checker = checker;
        this.classifier = classifier;
        this.validate = validate;
        this.chunkCases = chunkCases;
        this.tally = tally;
    }

    @Override
    public void quad(Quad quad) {
        Node g = quad.getGraph();
        if (quad.isDefaultGraph() || g.equals(CASES_GRAPH)) {
            triple(quad.asTriple());
        } else {
            tally.addProblem(new CaseInputException.Problem(
                    new SourcePosition(source, where.line, where.column),
                    "a statement in the named graph <" + g.getURI() + ">: cases are loaded into <"
                            + AspsVocabulary.GRAPH_CASES + ">; write them in the default graph or in that graph"));
            triple(quad.asTriple()); // checked like the rest, so that this problem does not cause others
        }
    }

    @Override
    public void triple(Triple t) {
        Node s = t.getSubject();
        if (!validate && chunks == null) {
            tally.send(out, t);
        } else {
            if (s.isURI()
                    && casesInChunk >= chunkCases
                    && !subjects.containsKey(s)
                    && (undescribed.isEmpty() || order.size() >= HARD_CHUNK_TRIPLES)) {
                closeChunk();
            }
            int i = order.size();
            if (i == lines.length) {
                lines = Arrays.copyOf(lines, i * 2);
                columns = Arrays.copyOf(columns, i * 2);
            }
            order.add(t);
            lines[i] = where.line;
            columns[i] = (int) Math.min(Integer.MAX_VALUE, where.column);
            if (validate
                    && s.isURI()
                    && t.getPredicate().equals(TYPE)
                    && t.getObject().equals(PATIENT_CASE)
                    && graph.contains(t)) {
                tally.addProblem(new CaseInputException.Problem(
                        at(i),
                        show(s) + " is typed aspskg:PatientCase a second time: the case is written twice (each case "
                                + "is loaded once, its statements together)"));
            }
            if (validate || chunks == null) graph.add(t); // else the worker builds the chunk's graph
            if (subjects.putIfAbsent(s, i) == null && s.isBlank()) undescribed.remove(s);
            Node o = t.getObject();
            if (o.isBlank() && !subjects.containsKey(o)) undescribed.add(o);
        }
        if (s.isURI() && t.getPredicate().equals(TYPE) && t.getObject().equals(PATIENT_CASE)) {
            casesInChunk++;
            if (!validate && chunks == null) tally.loadedCases.add(s);
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

    /**
     * Hands every chunk of whole cases to {@code handler} (on the parsing thread) rather than checking
     * and sending it: the handler checks ({@link Chunk#check}) and ranks it, on another thread if it
     * likes. Chunks are made with or without validation; subjects are placed in cases only within a
     * chunk, and the run's cases are not remembered, so memory does not grow with the cohort.
     */
    CaseChunker handingChunksTo(Consumer<Chunk> handler) {
        this.chunks = handler;
        return this;
    }

    private SourcePosition at(int i) {
        return new SourcePosition(source, lines[i], columns[i]);
    }

    /** Checks and sends the last chunk; call after the file is parsed. */
    void close() {
        if (validate || chunks != null) closeChunk();
    }

    private void closeChunk() {
        if (order.isEmpty()) return;
        if (chunks != null) {
            handChunk();
            return;
        }
        long t0 = System.nanoTime();
        long c0 = LoadTally.cpuNanos();
        Map<Node, Node> caseOf = checkPlacement();
        tally.placementCpu += LoadTally.cpuNanos() - c0;
        // the same checks as a chunk handed to asps-kg rank, and then as ddx: no contradictory case
        Chunk chunk = new Chunk(source, graph, order, lines, columns, caseOf);
        List<CaseInputException.Problem> found = chunk.check(checker);
        if (found.isEmpty() && classifier != null) found = chunk.contradictions(checker, classifier);
        found.forEach(tally::addProblem);
        for (Node s : subjects.keySet()) if (s.isURI()) tally.closedSubjects.add(s);
        graph.find(Node.ANY, TYPE, PATIENT_CASE).forEachRemaining(t -> {
            if (t.getSubject().isURI()) tally.loadedCases.add(t.getSubject());
        });
        tally.validateNanos += System.nanoTime() - t0;
        tally.validateCpu += LoadTally.cpuNanos() - c0;
        if (tally.problemCount() == 0) order.forEach(t -> tally.send(out, t));
        graph = GraphMemFactory.createDefaultGraph();
        order.clear();
        subjects.clear();
        undescribed.clear();
        casesInChunk = 0;
    }

    private void handChunk() {
        Map<Node, Node> caseOf = validate ? checkPlacement() : Map.of();
        // unvalidated, the reader only splits the stream: the worker that takes the chunk indexes its graph
        Chunk chunk = new Chunk(source, validate ? graph : null, List.copyOf(order), lines, columns, caseOf);
        if (validate) graph = GraphMemFactory.createDefaultGraph();
        order.clear();
        lines = new long[Math.max(1024, lines.length)];
        columns = new int[lines.length];
        subjects.clear();
        undescribed.clear();
        casesInChunk = 0;
        chunks.accept(chunk);
    }

    /**
     * Whole cases of a case file, as parsed: their triples in file order with the position of each,
     * checked on demand, so that checking and ranking can happen on other threads than parsing.
     */
    static final class Chunk {
        private final String source;
        private Graph graph;
        private final List<Triple> order;
        private final long[] lines;
        private final int[] columns;
        private final Map<Node, Node> caseOf;
        private Map<Triple, SourcePosition> positions;
        private Map<Node, List<Triple>> bySubject;

        Chunk(String source, Graph graph, List<Triple> order, long[] lines, int[] columns, Map<Node, Node> caseOf) {
            this.source = source;
            this.graph = graph;
            this.order = order;
            this.lines = lines;
            this.columns = columns;
            this.caseOf = caseOf;
        }

        /** A chunk without positions (cases read from a store): problems are placed by {@code source}. */
        static Chunk unplaced(String source, Graph graph, List<Triple> order, Map<Node, Node> caseOf) {
            return new Chunk(source, graph, order, new long[0], new int[0], caseOf);
        }

        String source() {
            return source;
        }

        /** The chunk's triples as a graph, built on first use (in order) when the reader did not build it. */
        synchronized Graph graph() {
            if (graph == null) {
                Graph g = GraphMemFactory.createDefaultGraph();
                for (Triple t : order) g.add(t);
                graph = g;
            }
            return graph;
        }

        /** The chunk's triples by subject, each triple once, in file order; made on the first call. */
        synchronized Map<Node, List<Triple>> bySubject() {
            if (bySubject == null) {
                Map<Node, List<Triple>> out = new HashMap<>();
                Set<Triple> seen = new HashSet<>(order.size() * 2);
                for (Triple t : order) {
                    if (seen.add(t))
                        out.computeIfAbsent(t.getSubject(), k -> new ArrayList<>(4))
                                .add(t);
                }
                bySubject = out;
            }
            return bySubject;
        }

        /**
         * A case of the chunk without the positions of its statements, read from its triples; from the
         * chunk's graph when only that reading gives the same case ({@link TurtleCaseReader#toCase(Map, Node,
         * String)}).
         */
        PatientCase toCase(TurtleCaseReader checker, Node caseNode) {
            PatientCase c = checker.toCase(bySubject(), caseNode, source);
            return c != null ? c : checker.toCase(graph(), caseNode, Map.of(), source);
        }

        /** The IRIs of the chunk's cases, in the order they were written. */
        List<Node> cases() {
            List<Node> out = new ArrayList<>();
            for (Triple t : order) {
                if (t.getSubject().isURI()
                        && t.getPredicate().equals(TYPE)
                        && t.getObject().equals(PATIENT_CASE)) out.add(t.getSubject());
            }
            return out;
        }

        /**
         * Where each triple was written (the first time, for a repeated triple); empty for a chunk
         * read from a store. Made on the first call.
         */
        synchronized Map<Triple, SourcePosition> positions() {
            if (positions == null) {
                positions = new HashMap<>(order.size() * 2);
                for (int i = 0; i < order.size() && i < lines.length; i++)
                    positions.putIfAbsent(order.get(i), new SourcePosition(source, lines[i], columns[i]));
            }
            return positions;
        }

        /**
         * Checks the chunk as {@code asps-kg ddx} checks a case file; the problems in file order (by message
         * at one position, so that the compiled checks and jena-shacl list them alike).
         */
        List<CaseInputException.Problem> check(TurtleCaseReader checker) {
            // The checks place problems by the position of each triple; without problems, the first pass
            // needs none, so the map is made (and the chunk checked again with it) only for a bad chunk.
            List<CaseInputException.Problem> found = checker.check(graph(), Map.of(), source, caseOf::get);
            if (!found.isEmpty() && lines.length > 0) found = checker.check(graph(), positions(), source, caseOf::get);
            return found.stream()
                    .sorted(Comparator.comparingLong((CaseInputException.Problem p) ->
                                    p.position().line())
                            .thenComparingLong(p -> p.position().column())
                            .thenComparing(CaseInputException.Problem::message))
                    .toList();
        }

        /**
         * The contradictory cases of a chunk that passed {@link #check}, each placed at its clashing
         * statements: {@code asps-kg ddx} refuses such a case, so {@code build --cases} does not store
         * it either ({@code asps-kg rank} excludes it from the ranking instead).
         */
        List<CaseInputException.Problem> contradictions(TurtleCaseReader checker, CaseClassifier classifier) {
            List<CaseInputException.Problem> found = new ArrayList<>();
            for (Node c : cases()) {
                try {
                    classifier.classify(checker.toCase(graph(), c, Map.of(), source));
                } catch (ContradictoryCaseException unplaced) {
                    try {
                        classifier.classify(checker.toCase(graph(), c, positions(), source));
                        found.add(new CaseInputException.Problem(SourcePosition.of(source), unplaced.getMessage()));
                    } catch (ContradictoryCaseException e) {
                        SourcePosition where = e.one().isEmpty()
                                ? caseStart(c)
                                : e.one().get(0).position();
                        found.add(new CaseInputException.Problem(where, e.getMessage()));
                    }
                }
            }
            return found;
        }

        /** Where the case's first statement was written. */
        private SourcePosition caseStart(Node caseNode) {
            for (int i = 0; i < order.size() && i < lines.length; i++) {
                if (caseNode.equals(caseOf.get(order.get(i).getSubject())))
                    return new SourcePosition(source, lines[i], columns[i]);
            }
            return SourcePosition.of(source);
        }
    }

    /**
     * Statements about one case must be together: walking the chunk in file order, a case that
     * comes back after another case's statements is split (or repeated), wherever in the chunk it is.
     */
    private void checkContiguous(Map<Node, Node> caseOf) {
        Set<Node> finished = new HashSet<>();
        Set<Node> reported = new HashSet<>();
        Node current = null;
        for (int i = 0; i < order.size(); i++) {
            Node c = caseOf.get(order.get(i).getSubject());
            if (c == null || c.equals(current)) continue;
            if (finished.contains(c) && reported.add(c)) {
                tally.addProblem(new CaseInputException.Problem(
                        at(i),
                        "more statements about the case " + show(c) + " after other cases came between: a case's "
                                + "statements must be together, and each case loaded once"));
            }
            if (current != null) finished.add(current);
            current = c;
        }
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
        checkContiguous(reached);
        subjects.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            Node s = e.getKey();
            int first = e.getValue();
            if (tally.closedSubjects.contains(s)) {
                tally.addProblem(new CaseInputException.Problem(
                        at(first),
                        "more statements about " + show(s)
                                + " after other cases came between (or in another file): a case's statements must be "
                                + "together, and each case loaded once"));
            } else if (!reached.containsKey(s)) {
                tally.addProblem(new CaseInputException.Problem(
                        at(first),
                        show(s) + " belongs to no patient case here: "
                                + "--cases loads patient cases (a subject typed aspskg:PatientCase and the nodes it "
                                + "points to), each case's statements together"));
            }
        });
        return reached;
    }

    private static String show(Node n) {
        if (n.isBlank()) return "a blank node";
        return n.isURI() ? "<" + n.getURI() + ">" : n.toString();
    }
}
