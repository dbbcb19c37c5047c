package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case shapes compiled into checks on case graphs ({@link CompiledGraphShapes}, what {@code rank},
 * {@code build --cases} and {@code ddx} of an RDF case use) give jena-shacl's results, field for field
 * (focus, path, value, message, source shape, constraint component), and so the same {@code file:line}
 * problems: on every RDF case file of the test corpus and the examples, and on a seeded sample of
 * chunks of generated cases mutated triple by triple. Where the compiled checks do not decide a graph
 * (an age written as a decimal, a case graph stating rdfs:subClassOf, ...) they say so and jena-shacl
 * validates it; the test checks that this stays rare in the sample. {@code -Dagreement.tries=N} and
 * {@code -Dagreement.seed=S} set the sample.
 */
class CompiledGraphChecksAgreeWithShaclTest {
    static final int TRIES = Integer.getInteger("agreement.tries", 1500);
    static final long SEED = Long.getLong("agreement.seed", 18L);

    static DdxKnowledge knowledge;
    static CompiledGraphShapes compiled;

    @BeforeAll
    static void load() {
        knowledge = TestKnowledge.knowledge();
        compiled = knowledge
                .compiledGraphShapes()
                .orElseThrow(() -> new AssertionError("the bundled case shapes did not compile for case graphs"));
    }

    /** Each result as a line of its fields, counted (a multiset: a result reported twice counts twice). */
    static Map<String, Integer> keys(List<CaseShapes.Violation> violations) {
        Map<String, Integer> out = new TreeMap<>();
        for (CaseShapes.Violation v : violations) {
            String key = String.join(
                    " | ",
                    String.valueOf(v.focus()),
                    String.valueOf(v.path()),
                    String.valueOf(v.predicate()),
                    String.valueOf(v.value()),
                    String.valueOf(v.message()),
                    String.valueOf(v.shape()),
                    String.valueOf(v.component()));
            out.merge(key, 1, Integer::sum);
        }
        return out;
    }

    /** Compares both on a graph; the reference's results, or null when the compiled checks did not decide it. */
    static Map<String, Integer> assertAgree(String what, Graph g) {
        Map<String, Integer> reference = keys(knowledge.shapes().validate(g));
        Optional<List<CaseShapes.Violation>> own = compiled.validate(g);
        if (own.isEmpty()) return null;
        assertEquals(reference, keys(own.get()), () -> what + ": compiled checks vs jena-shacl");
        return reference;
    }

    static List<Path> corpusFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("src/test/resources/bad/cohort", "src/test/resources/bad/ddx", "ontology/examples")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(f -> {
                            String n = f.getFileName().toString().replace(".gz", "");
                            return n.endsWith(".ttl") || n.endsWith(".nt") || n.endsWith(".nq") || n.endsWith(".trig");
                        })
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** A file's statements, every graph's as triples; null when it does not parse. */
    static Graph parse(Path f) {
        Graph g = GraphFactory.createDefaultGraph();
        String name = f.getFileName().toString().replace(".gz", "");
        Lang lang = RDFLanguages.filenameToLang(name);
        try (InputStream raw = Files.newInputStream(f);
                InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            RDFParser.source(in).lang(lang).base("http://example.org/").parse(new StreamRDFBase() {
                @Override
                public void triple(Triple t) {
                    g.add(t);
                }

                @Override
                public void quad(Quad q) {
                    g.add(q.asTriple());
                }
            });
            return g;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void compiledChecksGiveShaclsResultsOnEveryRdfCaseFileOfTheCorpus() throws IOException {
        int decided = 0;
        int violating = 0;
        for (Path f : corpusFiles()) {
            Graph g = parse(f);
            if (g == null) continue;
            Map<String, Integer> reference = assertAgree(f.toString(), g);
            if (reference == null) continue;
            decided++;
            if (!reference.isEmpty()) violating++;
        }
        // the corpus holds shape-violating RDF cases (a negative age, a bad datatype, a blank node case, ...)
        assertTrue(violating >= 3, "shape-violating RDF case files decided by the compiled checks: " + violating);
        assertTrue(decided >= 20, "RDF case files decided by the compiled checks: " + decided);
    }

    @Test
    void onlyTheBuildsShapesAreTrustedToTheCompiledChecks(@TempDir Path tmp) throws IOException {
        assertTrue(knowledge.shapes().bundled(), "the project's shapes are the build's");
        String text = Files.readString(DdxKnowledge.DEFAULT_SHAPES);
        Path relaid = tmp.resolve("relaid.ttl");
        Files.writeString(relaid, "# a comment and blank lines change nothing\n\n" + text);
        assertTrue(
                CaseShapes.load(relaid, knowledge.tbox(), knowledge.ontology()).bundled());
        Path edited = tmp.resolve("edited.ttl");
        Files.writeString(edited, text.replace("sh:maxInclusive 150", "sh:maxInclusive 120"));
        assertTrue(!text.equals(Files.readString(edited)), "the edit applies");
        assertTrue(
                !CaseShapes.load(edited, knowledge.tbox(), knowledge.ontology()).bundled(),
                "edited shapes are validated with jena-shacl");
    }

    @Test
    void problemsAreTheSameFileLineMessagesWithEitherValidator() throws IOException {
        TurtleCaseReader fast = knowledge.turtleReader();
        TurtleCaseReader reference = fast.withShacl();
        assertTrue(fast.compiledChecks() && !reference.compiledChecks());
        int withProblems = 0;
        for (Path f : corpusFiles()) {
            String n = f.getFileName().toString();
            if (!n.endsWith(".ttl") && !n.endsWith(".nt")) continue;
            Map<Triple, SourcePosition> where = new HashMap<>();
            Graph g;
            try (InputStream in = Files.newInputStream(f)) {
                g = TurtleCaseReader.parse(in, f.toString(), where);
            } catch (CaseInputException e) {
                continue; // a syntax error: no shapes involved
            }
            List<String> own = shown(fast.check(g, where, f.toString(), node -> node));
            List<String> ref = shown(reference.check(g, where, f.toString(), node -> node));
            assertEquals(ref, own, f.toString());
            if (!ref.isEmpty()) withProblems++;
        }
        assertTrue(withProblems >= 3, "corpus files with problems: " + withProblems);
    }

    static List<String> shown(List<CaseInputException.Problem> problems) {
        return problems.stream()
                .map(p -> p.position().line() + ":" + p.position().column() + " " + p.message())
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    @Test
    void compiledChecksGiveShaclsResultsOnMutatedChunksOfGeneratedCases() {
        CohortGenerator generator = knowledge.cohortGenerator();
        Random random = new Random(SEED);
        Mutations mutations = new Mutations(knowledge);
        int undecided = 0;
        int valid = 0;
        Map<String, Integer> byComponent = new TreeMap<>();
        for (int t = 0; t < TRIES; t++) {
            Graph g = GraphFactory.createDefaultGraph();
            int cases = 1 + random.nextInt(3);
            for (int i = 0; i < cases; i++) {
                var pc = generator.generateCase(SEED, t * 3 + i).patientCase();
                knowledge.caseRdf().graph(pc).model().getGraph().find().forEachRemaining(g::add);
            }
            List<String> done = new ArrayList<>();
            int n = random.nextInt(4); // no mutation at all a quarter of the time
            for (int m = 0; m < n; m++) done.add(mutations.apply(g, random));
            Map<String, Integer> reference = assertAgree("seed " + SEED + " try " + t + " " + done, g);
            if (reference == null) {
                undecided++;
                continue;
            }
            if (reference.isEmpty()) valid++;
            for (String k : reference.keySet()) {
                String component = k.substring(k.lastIndexOf('#') + 1);
                byComponent.merge(component, 1, Integer::sum);
            }
        }
        assertTrue(valid >= TRIES / 5, "valid chunks in the sample: " + valid);
        assertTrue(undecided <= TRIES / 10, "chunks the compiled checks left to jena-shacl: " + undecided);
        for (String component : List.of(
                "ClassConstraintComponent",
                "OrConstraintComponent",
                "ClosedConstraintComponent",
                "NodeConstraintComponent",
                "NodeKindConstraintComponent",
                "QualifiedMaxCountConstraintComponent",
                "MaxCountConstraintComponent",
                "DatatypeConstraintComponent",
                "MinInclusiveConstraintComponent",
                "MaxInclusiveConstraintComponent")) {
            assertTrue(byComponent.getOrDefault(component, 0) >= 3, "results of " + component + ": " + byComponent);
        }
    }

    /** Triple-level mutations of a chunk of cases. */
    static final class Mutations {
        static final Node TYPE = RDF.type.asNode();
        final List<Node> classes = new ArrayList<>();
        final List<Node> groups = new ArrayList<>();
        final List<Node> predicates = List.of(
                AspsVocabulary.HAS_FINDING.asNode(),
                AspsVocabulary.HAS_LESION_SITE.asNode(),
                AspsVocabulary.IN_DEMOGRAPHIC_GROUP.asNode(),
                AspsVocabulary.AGE_IN_YEARS.asNode(),
                RDFS.label.asNode(),
                RDFS.comment.asNode(),
                TYPE,
                OWL2.complementOf.asNode(),
                OWL2.onProperty.asNode(),
                OWL2.someValuesFrom.asNode(),
                NodeFactory.createURI(AspsVocabulary.NS + "hasDiagnosis"));

        Mutations(DdxKnowledge k) {
            for (var c : new java.util.TreeSet<>(k.tbox().stateableClasses())) {
                Node n = NodeFactory.createURI(c.getIRI().toString());
                classes.add(n);
                if (k.tbox()
                        .casePropertyIris()
                        .get(c.getIRI().toString())
                        .equals(AspsVocabulary.IN_DEMOGRAPHIC_GROUP.getURI())) groups.add(n);
            }
        }

        Node someObject(Graph g, Random r) {
            List<Node> pool = List.of(
                    classes.get(r.nextInt(classes.size())),
                    groups.get(r.nextInt(groups.size())),
                    AspsVocabulary.PATIENT_CASE.asNode(),
                    OWL2.NamedIndividual.asNode(),
                    AspsVocabulary.FINDING.asNode(),
                    NodeFactory.createBlankNode(),
                    NodeFactory.createURI("http://example.org/thing"),
                    NodeFactory.createLiteralString("a label"),
                    NodeFactory.createLiteralLang("ein Fall", "de"),
                    NodeFactory.createLiteralDT(Integer.toString(r.nextInt(400) - 100), XSDDatatype.XSDinteger),
                    NodeFactory.createLiteralDT("12", XSDDatatype.XSDboolean),
                    AspsVocabulary.HAS_FINDING.asNode(),
                    AspsVocabulary.HAS_LESION_SITE.asNode(),
                    AspsVocabulary.IN_DEMOGRAPHIC_GROUP.asNode(),
                    anySubject(g, r));
            return pool.get(r.nextInt(pool.size()));
        }

        static Node anySubject(Graph g, Random r) {
            List<Triple> all = g.find().toList();
            return all.get(r.nextInt(all.size())).getSubject();
        }

        static Triple anyTriple(Graph g, Random r) {
            List<Triple> all = g.find().toList();
            all.sort(Comparator.comparing(Triple::toString));
            return all.get(r.nextInt(all.size()));
        }

        String apply(Graph g, Random r) {
            if (g.isEmpty()) return "empty";
            Triple t = anyTriple(g, r);
            switch (r.nextInt(12)) {
                case 0, 1 -> {
                    g.delete(t);
                    return "drop " + t;
                }
                case 2, 3 -> {
                    Node o = someObject(g, r);
                    g.delete(t);
                    g.add(Triple.create(t.getSubject(), t.getPredicate(), o));
                    return "object of " + t + " -> " + o;
                }
                case 4, 5 -> {
                    Node p = predicates.get(r.nextInt(predicates.size()));
                    g.delete(t);
                    g.add(Triple.create(t.getSubject(), p, t.getObject()));
                    return "predicate of " + t + " -> " + p;
                }
                case 6, 7 -> {
                    Node p = predicates.get(r.nextInt(predicates.size()));
                    Node o = someObject(g, r);
                    g.add(Triple.create(t.getSubject(), p, o));
                    return "add " + t.getSubject() + " " + p + " " + o;
                }
                case 8 -> {
                    Node group = NodeFactory.createBlankNode();
                    g.add(Triple.create(group, TYPE, groups.get(r.nextInt(groups.size()))));
                    g.add(Triple.create(t.getSubject(), AspsVocabulary.IN_DEMOGRAPHIC_GROUP.asNode(), group));
                    return "group for " + t.getSubject();
                }
                case 9 -> {
                    // the case becomes a blank node
                    Node c = t.getSubject();
                    Node b = NodeFactory.createBlankNode();
                    for (Triple x : g.find(c, Node.ANY, Node.ANY).toList()) {
                        g.delete(x);
                        g.add(Triple.create(b, x.getPredicate(), x.getObject()));
                    }
                    for (Triple x : g.find(Node.ANY, Node.ANY, c).toList()) {
                        g.delete(x);
                        g.add(Triple.create(x.getSubject(), x.getPredicate(), b));
                    }
                    return "blank " + c;
                }
                case 10 -> {
                    // an absent statement whose restriction is broken
                    Node c = t.getSubject();
                    Node cls = NodeFactory.createBlankNode();
                    Node restriction = NodeFactory.createBlankNode();
                    g.add(Triple.create(c, TYPE, cls));
                    if (r.nextBoolean()) g.add(Triple.create(cls, OWL2.complementOf.asNode(), restriction));
                    if (r.nextBoolean()) g.add(Triple.create(restriction, OWL2.onProperty.asNode(), someObject(g, r)));
                    if (r.nextBoolean())
                        g.add(Triple.create(restriction, OWL2.someValuesFrom.asNode(), someObject(g, r)));
                    return "absent statement on " + c;
                }
                default -> {
                    Node age = List.of(
                                    NodeFactory.createLiteralDT("-1", XSDDatatype.XSDinteger),
                                    NodeFactory.createLiteralDT("151", XSDDatatype.XSDinteger),
                                    NodeFactory.createLiteralDT("150", XSDDatatype.XSDinteger),
                                    NodeFactory.createLiteralDT("0", XSDDatatype.XSDinteger),
                                    NodeFactory.createLiteralDT("42", XSDDatatype.XSDinteger),
                                    NodeFactory.createLiteralString("forty"),
                                    NodeFactory.createLiteralDT("30.5", XSDDatatype.XSDdecimal),
                                    NodeFactory.createLiteralDT("007", XSDDatatype.XSDinteger))
                            .get(r.nextInt(8));
                    g.add(Triple.create(t.getSubject(), AspsVocabulary.AGE_IN_YEARS.asNode(), age));
                    return "age " + age + " for " + t.getSubject();
                }
            }
        }
    }
}
