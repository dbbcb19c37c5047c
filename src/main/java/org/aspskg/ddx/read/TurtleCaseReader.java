package org.aspskg.ddx.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.ParserProfileWrapper;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.tokens.Tokenizer;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.cases.CaseGraph;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.DemographicGroups;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.NestingLimit;
import org.aspskg.ontology.StrictParseErrors;

/**
 * Reads patient cases written in Turtle with the ontology's terms (the format {@link CaseGraph}
 * writes). The parser records where each triple was written, so every problem — an unknown class,
 * a SHACL violation — is reported with its line and column.
 */
public final class TurtleCaseReader {
    private final TermIndex terms;
    private final DemographicGroups demographics;
    private final CaseShapes shapes;
    /** The shapes compiled into checks on case graphs, or null to validate with jena-shacl only. */
    private final CompiledGraphShapes compiled;
    /** Graphs the compiled checks left to jena-shacl, and graphs they decided. */
    private final LongAdder leftToShacl;

    private final LongAdder decided;

    /**
     * @param terms        the classes a case may state, and their names for messages
     * @param demographics which groups stand for a sex
     * @param shapes       the SHACL shapes a case must meet (jena-shacl, the reference)
     * @param compiled     the same shapes compiled into checks on case graphs ({@link CompiledGraphShapes}),
     *                     or null to validate with jena-shacl
     */
    public TurtleCaseReader(
            TermIndex terms, DemographicGroups demographics, CaseShapes shapes, CompiledGraphShapes compiled) {
        this(terms, demographics, shapes, compiled, new LongAdder(), new LongAdder());
    }

    private TurtleCaseReader(
            TermIndex terms,
            DemographicGroups demographics,
            CaseShapes shapes,
            CompiledGraphShapes compiled,
            LongAdder leftToShacl,
            LongAdder decided) {
        this.terms = terms;
        this.demographics = demographics;
        this.shapes = shapes;
        this.compiled = compiled;
        this.leftToShacl = leftToShacl;
        this.decided = decided;
    }

    /** The same reader validating every graph with jena-shacl (the reference), not the compiled checks. */
    public TurtleCaseReader withShacl() {
        return compiled == null ? this : new TurtleCaseReader(terms, demographics, shapes, null);
    }

    /** Whether graphs are checked with the compiled case checks (and jena-shacl only where they do not decide). */
    public boolean compiledChecks() {
        return compiled != null;
    }

    /** How many graphs the compiled checks decided, and how many they left to jena-shacl, so far. */
    public long[] compiledCounts() {
        return new long[] {decided.sum(), leftToShacl.sum()};
    }

    /** The SHACL results on a graph of cases: the compiled checks', or jena-shacl's where they do not decide. */
    List<CaseShapes.Violation> shapeViolations(Graph graph) {
        if (compiled != null) {
            Optional<List<CaseShapes.Violation>> found = compiled.validate(graph);
            if (found.isPresent()) {
                decided.increment();
                return found.get();
            }
            leftToShacl.increment();
        }
        return shapes.validate(graph);
    }

    /** Parses, checks terms, validates with SHACL and returns the cases of the input, in file order. */
    public List<PatientCase> read(InputStream in, String source) {
        Map<Triple, SourcePosition> where = new HashMap<>();
        Graph graph = parse(in, source, where);
        Model model = ModelFactory.createModelForGraph(graph);
        List<Resource> cases = model.listSubjectsWithProperty(RDF.type, AspsVocabulary.PATIENT_CASE)
                .toList();
        if (cases.isEmpty()) {
            throw new CaseInputException(
                    source,
                    List.of(new CaseInputException.Problem(
                            SourcePosition.of(source), "no patient case: nothing is typed aspskg:PatientCase")));
        }
        List<CaseInputException.Problem> problems = check(graph, where, source);
        if (!problems.isEmpty()) throw new CaseInputException(source, sorted(problems));
        List<PatientCase> out = new ArrayList<>();
        for (Resource r : cases) out.add(toCase(r, where, source));
        out.sort(Comparator.comparing((PatientCase c) -> c.statements().isEmpty()
                        ? 0
                        : c.statements().get(0).position().line())
                .thenComparing(PatientCase::iri));
        return out;
    }

    /**
     * Checks the cases in a graph — the classes they state are the ontology's, and the SHACL case
     * shapes hold — and returns every problem, placed by {@code where} (the position of each triple).
     */
    List<CaseInputException.Problem> check(Graph graph, Map<Triple, SourcePosition> where, String source) {
        return check(graph, where, source, null);
    }

    /**
     * As {@link #check(Graph, Map, String)}; with {@code caseOf} (the case a node belongs to, or null),
     * each message starts with the case's IRI, for inputs holding many cases.
     */
    public List<CaseInputException.Problem> check(
            Graph graph, Map<Triple, SourcePosition> where, String source, Function<Node, Node> caseOf) {
        Model model = ModelFactory.createModelForGraph(graph);
        List<CaseInputException.Problem> problems = new ArrayList<>();
        List<Resource> cases = model.listSubjectsWithProperty(RDF.type, AspsVocabulary.PATIENT_CASE)
                .toList();
        Set<Node> unknown = new HashSet<>();
        List<Resource> oversized = new ArrayList<>();
        for (Resource c : cases) {
            long stated = c.listProperties()
                    .filterKeep(s -> isCaseProperty(s)
                            || (s.getPredicate().equals(RDF.type)
                                    && s.getObject().isAnon()))
                    .toList()
                    .size();
            if (stated > JsonCaseReader.MAX_NAMES) {
                problems.add(new CaseInputException.Problem(
                        first(c.asNode(), where, source),
                        String.format(
                                java.util.Locale.ROOT,
                                "case <%s> states %,d findings, sites and groups; a case states at most %,d",
                                c.getURI(),
                                stated,
                                JsonCaseReader.MAX_NAMES)));
                oversized.add(c);
            }
        }
        if (!oversized.isEmpty()) return problems; // not worth checking term by term
        for (Resource c : cases) {
            int before = problems.size();
            unknown.addAll(checkTerms(model, List.of(c), where, source, problems));
            if (caseOf != null) named(problems, before, c.asNode());
        }
        for (CaseShapes.Violation v : shapeViolations(graph)) {
            // A node whose class is unknown has been reported with suggestions; SHACL's view of it adds nothing.
            if (v.value() != null && unknown.contains(v.value()) || unknown.contains(v.focus())) continue;
            problems.add(new CaseInputException.Problem(position(v, graph, where, source), describe(v, graph)));
            if (caseOf != null) named(problems, problems.size() - 1, caseOf.apply(v.focus()));
        }
        return problems;
    }

    /** Puts the case's IRI before the messages of the problems from index {@code from} on. */
    private static void named(List<CaseInputException.Problem> problems, int from, Node caseNode) {
        if (caseNode == null || !caseNode.isURI()) return;
        for (int i = from; i < problems.size(); i++) {
            CaseInputException.Problem p = problems.get(i);
            problems.set(
                    i,
                    new CaseInputException.Problem(p.position(), "case <" + caseNode.getURI() + ">: " + p.message()));
        }
    }

    private static List<CaseInputException.Problem> sorted(List<CaseInputException.Problem> problems) {
        List<CaseInputException.Problem> out = new ArrayList<>(new LinkedHashSet<>(problems));
        out.sort(Comparator.comparing(
                        (CaseInputException.Problem p) -> p.position().line())
                .thenComparing(p -> p.position().column())
                .thenComparing(CaseInputException.Problem::message));
        return out;
    }

    /** Parses Turtle, keeping the line and column of each triple; syntax errors become a located problem. */
    static Graph parse(InputStream in, String source, Map<Triple, SourcePosition> where) {
        Graph graph = GraphFactory.createDefaultGraph();
        ErrorHandler errors = new StrictParseErrors((message, line, col) -> new CaseInputException(
                source,
                List.of(new CaseInputException.Problem(
                        new SourcePosition(source, line, col), "Turtle syntax: " + message))));
        ParserProfile base = RiotLib.createParserProfile(RiotLib.factoryRDF(), errors, true);
        ParserProfile recording = new ParserProfileWrapper(base) {
            @Override
            public Triple createTriple(Node s, Node p, Node o, long line, long col) {
                Triple t = super.createTriple(s, p, o, line, col);
                where.putIfAbsent(t, new SourcePosition(source, line, col));
                return t;
            }
        };
        Tokenizer tokens = NestingLimit.of(
                TokenizerText.create().source(in).errorHandler(errors).build(), errors);
        try {
            new LangTurtle(tokens, recording, StreamRDFLib.graph(graph)).parse();
        } catch (StackOverflowError e) {
            // Jena's Turtle parser recurses into ( ) and [ ]; a case never nests deeply
            throw new CaseInputException(
                    source,
                    List.of(new CaseInputException.Problem(
                            SourcePosition.of(source),
                            "Turtle syntax: nested too deeply to read (collections or blank nodes inside each other "
                                    + "thousands of levels down); a case needs a few levels at most")));
        } catch (CaseInputException e) {
            throw e;
        } catch (RiotException e) {
            throw new CaseInputException(
                    source,
                    List.of(new CaseInputException.Problem(
                            SourcePosition.of(source), "Turtle syntax: " + e.getMessage())));
        }
        return graph;
    }

    /** Every class a case states must be a finding, site or group of the ontology; unknown ones get suggestions. */
    private Set<Node> checkTerms(
            Model model,
            List<Resource> cases,
            Map<Triple, SourcePosition> where,
            String source,
            List<CaseInputException.Problem> problems) {
        Set<Node> unknown = new HashSet<>();
        for (Resource c : cases) {
            for (Statement s : c.listProperties().toList()) {
                if (isCaseProperty(s) && s.getObject().isResource()) {
                    for (Statement type :
                            s.getResource().listProperties(RDF.type).toList()) {
                        if (!checkTerm(type, where, source, problems))
                            unknown.add(s.getObject().asNode());
                    }
                } else if (s.getPredicate().equals(RDF.type) && s.getObject().isAnon()) {
                    Statement complement = s.getResource().getProperty(OWL2.complementOf);
                    if (complement != null && complement.getObject().isResource()) {
                        Statement some = complement.getResource().getProperty(OWL2.someValuesFrom);
                        if (some != null && !checkTerm(some, where, source, problems)) {
                            unknown.add(s.getObject().asNode());
                            unknown.add(complement.getObject().asNode());
                        }
                    }
                }
            }
        }
        return unknown;
    }

    /** False (and a problem added) when the statement's object is an IRI that is no stateable class. */
    private boolean checkTerm(
            Statement s, Map<Triple, SourcePosition> where, String source, List<CaseInputException.Problem> problems) {
        RDFNode o = s.getObject();
        if (!o.isURIResource()) return true; // SHACL reports a class that is not an IRI
        String iri = o.asResource().getURI();
        if (terms.byIri(iri).isPresent()) return true;
        String message = terms.explainUnknown(terms.curie(iri), localName(iri));
        problems.add(new CaseInputException.Problem(at(s.asTriple(), where, source), message));
        return false;
    }

    private static boolean isCaseProperty(Statement s) {
        return s.getPredicate().equals(AspsVocabulary.HAS_FINDING)
                || s.getPredicate().equals(AspsVocabulary.HAS_LESION_SITE)
                || s.getPredicate().equals(AspsVocabulary.IN_DEMOGRAPHIC_GROUP);
    }

    /**
     * The case {@code caseNode} of a graph that has been checked (see {@link #check}), its statements
     * in the order of their positions in {@code where} (as when a file is read), for cohorts read in
     * chunks. Without positions, statements are ordered by term.
     */
    public PatientCase toCase(Graph graph, Node caseNode, Map<Triple, SourcePosition> where, String source) {
        Model model = ModelFactory.createModelForGraph(graph);
        return toCase(model.wrapAsResource(caseNode), where, source);
    }

    /**
     * The case {@code caseNode} as {@link #toCase(Graph, Node, Map, String)} reads it without positions,
     * but from the triples of a chunk grouped by subject ({@code bySubject}, each triple once), without
     * building a graph. Null when the case is written in a way where only reading it from its graph
     * gives the same answer (a filler without exactly one type, two ages, a literal where a node should
     * be, ...): the caller then reads it from the graph.
     */
    public PatientCase toCase(Map<Node, List<Triple>> bySubject, Node caseNode, String source) {
        if (!caseNode.isURI()) return null;
        List<Triple> own = bySubject.getOrDefault(caseNode, List.of());
        SourcePosition at = SourcePosition.of(source);
        Node ageNode = null;
        Node labelNode = null;
        for (Triple t : own) {
            Node p = t.getPredicate();
            if (p.equals(AGE_NODE)) {
                if (ageNode != null) return null;
                ageNode = t.getObject();
            } else if (p.equals(LABEL_NODE)) {
                if (labelNode != null) return null;
                labelNode = t.getObject();
            }
        }
        List<CaseStatement> statements = new ArrayList<>();
        Integer age = null;
        String sex = null;
        if (ageNode != null) {
            if (!ageNode.isLiteral()) return null;
            try {
                age = new org.apache.jena.rdf.model.impl.LiteralImpl(ageNode, null).getInt();
            } catch (RuntimeException e) {
                return null;
            }
            statements.add(CaseStatement.age(age, at));
        }
        if (labelNode != null && !labelNode.isLiteral()) return null;
        for (Triple t : own) {
            Node p = t.getPredicate();
            Node o = t.getObject();
            if (p.equals(HAS_FINDING_NODE) || p.equals(HAS_LESION_SITE_NODE) || p.equals(IN_GROUP_NODE)) {
                Node type = only(bySubject, o, TYPE_NODE);
                if (type == null || !type.isURI()) return null;
                String term = type.getURI();
                String sexOf = demographics.sexOfGroup(term).orElse(null);
                if (sexOf != null && p.equals(IN_GROUP_NODE)) {
                    if (sex != null) return null; // which one the graph-based reading keeps depends on its order
                    sex = sexOf;
                    statements.add(CaseStatement.sex(sexOf, at));
                } else {
                    statements.add(CaseStatement.present(terms.curie(term), term, terms.label(term), at));
                }
            } else if (p.equals(TYPE_NODE) && o.isBlank()) {
                Node complement = only(bySubject, o, COMPLEMENT_NODE);
                Node some = complement == null ? null : only(bySubject, complement, SOME_VALUES_NODE);
                if (some == null || !some.isURI()) return null;
                String term = some.getURI();
                statements.add(CaseStatement.absent(terms.curie(term), term, terms.label(term), at));
            }
        }
        // all at one position: by term, as the graph-based reading sorts them
        statements.sort(Comparator.comparing(CaseStatement::term, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new PatientCase(
                caseNode.getURI(),
                localName(caseNode.getURI()),
                labelNode == null ? null : labelNode.getLiteralLexicalForm(),
                age,
                sex,
                statements,
                source);
    }

    /** The one object of {@code (s p ?)}; null when there is none or more than one, or s is a literal. */
    private static Node only(Map<Node, List<Triple>> bySubject, Node s, Node p) {
        if (s.isLiteral()) return null;
        Node found = null;
        for (Triple t : bySubject.getOrDefault(s, List.of())) {
            if (!t.getPredicate().equals(p)) continue;
            if (found != null) return null;
            found = t.getObject();
        }
        return found;
    }

    private static final Node TYPE_NODE = RDF.type.asNode();
    private static final Node AGE_NODE = AspsVocabulary.AGE_IN_YEARS.asNode();
    private static final Node LABEL_NODE = RDFS.label.asNode();
    private static final Node HAS_FINDING_NODE = AspsVocabulary.HAS_FINDING.asNode();
    private static final Node HAS_LESION_SITE_NODE = AspsVocabulary.HAS_LESION_SITE.asNode();
    private static final Node IN_GROUP_NODE = AspsVocabulary.IN_DEMOGRAPHIC_GROUP.asNode();
    private static final Node COMPLEMENT_NODE = OWL2.complementOf.asNode();
    private static final Node SOME_VALUES_NODE = OWL2.someValuesFrom.asNode();

    private PatientCase toCase(Resource r, Map<Triple, SourcePosition> where, String source) {
        List<CaseStatement> statements = new ArrayList<>();
        Integer age = null;
        String sex = null;
        Statement ageStatement = r.getProperty(AspsVocabulary.AGE_IN_YEARS);
        if (ageStatement != null) {
            age = ageStatement.getInt();
            statements.add(CaseStatement.age(age, at(ageStatement.asTriple(), where, source)));
        }
        for (Statement s : r.listProperties().toList()) {
            if (isCaseProperty(s)) {
                Statement type = s.getResource().getProperty(RDF.type);
                String term = type.getResource().getURI();
                SourcePosition pos = at(type.asTriple(), where, source);
                String sexOf = demographics.sexOfGroup(term).orElse(null);
                if (sexOf != null && s.getPredicate().equals(AspsVocabulary.IN_DEMOGRAPHIC_GROUP)) {
                    sex = sexOf;
                    statements.add(CaseStatement.sex(sexOf, pos));
                } else {
                    statements.add(CaseStatement.present(terms.curie(term), term, terms.label(term), pos));
                }
            } else if (s.getPredicate().equals(RDF.type) && s.getObject().isAnon()) {
                Statement some = s.getResource()
                        .getProperty(OWL2.complementOf)
                        .getResource()
                        .getProperty(OWL2.someValuesFrom);
                String term = some.getResource().getURI();
                statements.add(CaseStatement.absent(
                        terms.curie(term), term, terms.label(term), at(some.asTriple(), where, source)));
            }
        }
        statements.sort(Comparator.comparing((CaseStatement s) -> s.position().line())
                .thenComparing(s -> s.position().column())
                .thenComparing(CaseStatement::term, Comparator.nullsFirst(Comparator.naturalOrder())));
        Statement label = r.getProperty(RDFS.label);
        return new PatientCase(
                r.getURI(),
                localName(r.getURI()),
                label == null ? null : label.getString(),
                age,
                sex,
                statements,
                source);
    }

    /** Where the first triple about a node was written (or just the source). */
    private static SourcePosition first(Node subject, Map<Triple, SourcePosition> where, String source) {
        SourcePosition best = null;
        for (Map.Entry<Triple, SourcePosition> e : where.entrySet()) {
            if (e.getKey().getSubject().equals(subject) && (best == null || before(e.getValue(), best)))
                best = e.getValue();
        }
        return best == null ? SourcePosition.of(source) : best;
    }

    private static SourcePosition at(Triple t, Map<Triple, SourcePosition> where, String source) {
        return where.getOrDefault(t, SourcePosition.of(source));
    }

    /**
     * The position of a SHACL result: the triple (focus, path, value) if written; else the first
     * triple about the value; else the first (focus, path, any) triple; else the focus' first triple.
     */
    private static SourcePosition position(
            CaseShapes.Violation v, Graph graph, Map<Triple, SourcePosition> where, String source) {
        List<Predicate<Triple>> preferences = List.of(
                t -> t.getSubject().equals(v.focus())
                        && v.value() != null
                        && t.getObject().equals(v.value())
                        && (v.predicate() == null || t.getPredicate().equals(v.predicate())),
                t -> v.value() != null && t.getSubject().equals(v.value()),
                t -> t.getSubject().equals(v.focus())
                        && v.predicate() != null
                        && t.getPredicate().equals(v.predicate()),
                t -> t.getSubject().equals(v.focus()));
        for (var preference : preferences) {
            SourcePosition best = null;
            for (Map.Entry<Triple, SourcePosition> e : where.entrySet()) {
                if (preference.test(e.getKey()) && (best == null || before(e.getValue(), best))) best = e.getValue();
            }
            if (best != null) return best;
        }
        return SourcePosition.of(source);
    }

    private static boolean before(SourcePosition a, SourcePosition b) {
        return a.line() < b.line() || (a.line() == b.line() && a.column() < b.column());
    }

    private String describe(CaseShapes.Violation v, Graph graph) {
        String value = v.value() == null ? "" : " (value " + show(v.value(), graph) + ")";
        String path = v.path() == null ? "" : " on " + shortPath(v.path());
        return "SHACL: " + v.message() + path + value;
    }

    private String show(Node n, Graph graph) {
        if (n.isURI()) return terms.curie(n.getURI());
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        List<String> types = graph.find(n, RDF.type.asNode(), Node.ANY)
                .mapWith(t -> t.getObject())
                .filterKeep(Node::isURI)
                .mapWith(o -> terms.curie(o.getURI()))
                .toList();
        return types.isEmpty() ? "a blank node" : "[ a " + String.join(", ", types) + " ]";
    }

    private String shortPath(String path) {
        return path.replace("<" + AspsVocabulary.NS, AspsVocabulary.PREFIX + ":")
                .replace(">", "")
                .replace("<" + RDF.getURI(), "rdf:");
    }

    private static String localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        return iri.substring(cut + 1);
    }

    /** Reads from a string (for tests and HTTP). */
    public List<PatientCase> read(String turtle, String source) {
        try (InputStream in = new ByteArrayInputStream(turtle.getBytes(StandardCharsets.UTF_8))) {
            return read(in, source);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
