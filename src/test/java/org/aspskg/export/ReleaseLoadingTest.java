package org.aspskg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aspskg.ontology.OntologyLoader;
import org.geneontology.obographs.core.io.OgJsonReader;
import org.geneontology.obographs.core.model.Edge;
import org.geneontology.obographs.core.model.Graph;
import org.geneontology.obographs.core.model.GraphDocument;
import org.geneontology.obographs.core.model.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.obolibrary.obo2owl.OWLAPIOwl2Obo;
import org.obolibrary.obo2owl.Obo2OWLConstants;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClassAssertionAxiom;
import org.semanticweb.owlapi.model.OWLDeclarationAxiom;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyID;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;

/**
 * Every release file loads in the tools informaticians use, and each tool reads the same ontology
 * from it. ROBOT 1.9.8 (OWL API 4) runs on the command line in a JVM of its own ({@link
 * RobotCommand}); the OWL API 5.5.1 runs here. Both are given only the file: the OWL API guesses the
 * format from the content; ROBOT reads .json, .jsonld and .yaml with its own JSON-LD path
 * (jsonld-java, a JSON-LD 1.0 processor) and hands everything else to the OWL API 4 to guess, so
 * JSON-LD is loaded there a second time under a name without extension. What ROBOT loaded comes back
 * as OWL functional syntax ({@code robot convert --format ofn}, which says everything OWL says) and is
 * compared here.
 *
 * <p>The comparison is with the ontology the artefact was written from (the graph, read by the OWL
 * API 5): {@link Fidelity} says, per format, what must come back and what the format cannot carry.
 */
class ReleaseLoadingTest {
    static final Path MAPPINGS = Path.of("src/test/resources/mapping/good.sssom.tsv");

    @TempDir
    static Path dir;

    static ReleaseSources sources;
    static Path release;
    static Path export;
    static final Map<Artefact, OWLOntology> WRITTEN = new EnumMap<>(Artefact.class);

    /** What a format carries of an OWL ontology. */
    enum Fidelity {
        /** Everything: every axiom, logical and annotation, with its annotations, and the version IRI. */
        ALL,
        /**
         * OBO 1.4 as the OWL APIs read it: every logical axiom and every declaration and annotation
         * (what OBO has no tag for, such as {@code not (hasImagingFeature some FlowVoid)}, the data
         * property axioms, the individuals with their types, values and labels, goes into the
         * owl-axioms header). It cannot carry: the language tags of what the term frames say (names,
         * definitions, synonyms, property values); IRI values of the annotations of axioms in the
         * frames (they come back as strings); the names of the annotation properties that are OBO's
         * own tags (def, xref, synonym: OBO readers name them); and the version IRI (see {@link
         * #oboHeaderIsRobotsAndReadsBackAsRobotsOwnOboDoes}).
         */
        OBO
    }

    /** The files loaded: the release's and, from asps-kg export, the other OWL syntaxes. */
    enum File {
        OWL("release", "asps.owl", Artefact.MAIN, Fidelity.ALL, "RDF/XML Syntax"),
        BASE("release", "asps-base.owl", Artefact.BASE, Fidelity.ALL, "RDF/XML Syntax"),
        FULL("release", "asps-full.owl", Artefact.FULL, Fidelity.ALL, "RDF/XML Syntax"),
        TTL("release", "asps.ttl", Artefact.MAIN, Fidelity.ALL, "Turtle"),
        JSONLD("release", "asps.jsonld", Artefact.MAIN, Fidelity.ALL, "JSON-LD"),
        OBO("release", "asps.obo", Artefact.MAIN, Fidelity.OBO, "OBO Format"),
        OFN("export", "asps.ofn", Artefact.MAIN, Fidelity.ALL, "OWL Functional Syntax"),
        OWX("export", "asps.owx", Artefact.MAIN, Fidelity.ALL, "OWL/XML Syntax"),
        OMN("export", "asps.omn", Artefact.MAIN, Fidelity.ALL, "Manchester OWL Syntax");

        final String folder;
        final String name;
        final Artefact artefact;
        final Fidelity fidelity;
        final String owlApi5Format;

        File(String folder, String name, Artefact artefact, Fidelity fidelity, String owlApi5Format) {
            this.folder = folder;
            this.name = name;
            this.artefact = artefact;
            this.fidelity = fidelity;
            this.owlApi5Format = owlApi5Format;
        }

        Path path() {
            return (folder.equals("release") ? release : export).resolve(name);
        }
    }

    @BeforeAll
    static void release() {
        sources = ReleaseSources.read(OntologyLoader.DEFAULT_ONTOLOGY, MAPPINGS);
        release = dir.resolve("release");
        export = dir.resolve("export");
        Release.write(sources, release);
        for (ExportFormat format : List.of(ExportFormat.OFN, ExportFormat.OWX, ExportFormat.OMN)) {
            ArtefactWriter.write(sources, Artefact.MAIN, format, export.resolve(Artefact.MAIN.fileName(format)));
        }
        for (Artefact artefact : Artefact.values()) {
            WRITTEN.put(artefact, ArtefactWriter.toOwl(sources.model(artefact), OWLManager.createOWLOntologyManager()));
        }
    }

    /** The OWL API 5, given nothing but the file. */
    static OWLOntology owlApi5(Path file) throws Exception {
        return OWLManager.createOWLOntologyManager()
                .loadOntologyFromOntologyDocument(new FileDocumentSource(file.toFile()));
    }

    private static final Map<Path, Path> ROBOT_READ = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * ROBOT loads the file as it loads any input, and writes what it read as OWL functional syntax
     * (once per file: each ROBOT command is a JVM of its own).
     */
    static OWLOntology robot(Path file) throws Exception {
        Path ofn = ROBOT_READ.get(file);
        if (ofn == null) {
            ofn = dir.resolve("robot").resolve(file.getParent().getFileName() + "-" + file.getFileName() + ".ofn");
            Files.createDirectories(ofn.getParent());
            RobotCommand.Result r = RobotCommand.run(
                    "convert", "--input", file.toString(), "--format", "ofn", "--output", ofn.toString());
            assertEquals(0, r.exit(), r::describe);
            ROBOT_READ.put(file, ofn);
        }
        return owlApi5(ofn);
    }

    @ParameterizedTest
    @EnumSource(File.class)
    void theOwlApi5ReadsEveryFileByItsContent(File file) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology read = manager.loadOntologyFromOntologyDocument(
                new FileDocumentSource(file.path().toFile()));
        assertEquals(file.owlApi5Format, manager.getOntologyFormat(read).getKey(), file.name);
        assertSameOntology(file, read, "the OWL API 5");
    }

    @ParameterizedTest
    @EnumSource(File.class)
    void robotReadsEveryFile(File file) throws Exception {
        assertSameOntology(file, robot(file.path()), "ROBOT 1.9.8");
    }

    /** The OWL API 4 without ROBOT's JSON-LD path: a file named without extension is left to it to guess. */
    @Test
    void theOwlApi4ReadsTheJsonLdByItsContent() throws Exception {
        Path unnamed = dir.resolve("owlapi4").resolve("asps-jsonld");
        Files.createDirectories(unnamed.getParent());
        Files.copy(File.JSONLD.path(), unnamed);
        assertSameOntology(File.JSONLD, robot(unnamed), "the OWL API 4 (ROBOT, by content)");
    }

    private static void assertSameOntology(File file, OWLOntology read, String tool) {
        OWLOntology written = WRITTEN.get(file.artefact);
        String what = tool + " reading " + file.name;
        OWLOntologyID id = written.getOntologyID();
        assertEquals(id.getOntologyIRI(), read.getOntologyID().getOntologyIRI(), what + ": ontology IRI");
        switch (file.fidelity) {
            case ALL -> {
                assertEquals(id.getVersionIRI(), read.getOntologyID().getVersionIRI(), what + ": version IRI");
                assertSameSet(axioms(written), axioms(read), what + ": axioms");
            }
            case OBO -> {
                assertSameSet(logical(written), logical(read), what + ": logical axioms");
                Set<String> back =
                        read.axioms().map(ReleaseLoadingTest::oboView).collect(Collectors.toSet());
                List<OWLAxiom> lost = axioms(written).stream()
                        .filter(a -> !back.contains(oboView(a)))
                        .filter(a -> !isNameOfAnOboTag(a))
                        .sorted()
                        .toList();
                assertEquals(List.of(), lost, what + ": axioms lost beyond what OBO cannot carry");
            }
        }
    }

    /** An axiom as OBO can give it back: without its annotations, language tags or xsd:string. */
    static String oboView(OWLAxiom a) {
        return a.getAxiomWithoutAnnotations()
                .toString()
                .replace("\"^^xsd:string", "\"")
                .replaceAll("\"@[a-zA-Z-]+", "\"");
    }

    /** The label or other annotation of def, xref, synonym …: OBO readers give those their own. */
    static boolean isNameOfAnOboTag(OWLAxiom a) {
        return a instanceof OWLAnnotationAssertionAxiom aa
                && aa.getSubject()
                        .asIRI()
                        .map(IRI::toString)
                        .filter(s -> OWLAPIOwl2Obo.ANNOTATIONPROPERTYMAP.containsKey(s)
                                || s.startsWith(Obo2OWLConstants.OIOVOCAB_IRI_PREFIX))
                        .isPresent();
    }

    /** Axioms, without declarations of built-in entities (xsd:string, owl:Thing) that some syntaxes add. */
    static Set<OWLAxiom> axioms(OWLOntology o) {
        return o.axioms()
                .filter(a ->
                        !(a instanceof OWLDeclarationAxiom d && d.getEntity().isBuiltIn()))
                .collect(Collectors.toSet());
    }

    /** Logical axioms without their annotations (OBO turns IRI values of axiom annotations into strings). */
    static Set<OWLAxiom> logical(OWLOntology o) {
        return o.logicalAxioms()
                .map(a -> (OWLAxiom) a.getAxiomWithoutAnnotations())
                .collect(Collectors.toSet());
    }

    /** Equal sets, and if not, the first differences each way in the message. */
    static void assertSameSet(Set<OWLAxiom> expected, Set<OWLAxiom> actual, String what) {
        if (expected.equals(actual)) return;
        TreeSet<OWLAxiom> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        TreeSet<OWLAxiom> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        throw new AssertionError(what + " differ: " + missing.size() + " missing, " + extra.size() + " extra\n"
                + Stream.concat(
                                missing.stream().limit(10).map(a -> "  missing " + a),
                                extra.stream().limit(10).map(a -> "  extra   " + a))
                        .collect(Collectors.joining("\n")));
    }

    // --- ROBOT's own OBO and OBO Graphs JSON of asps.owl, the references for asps.obo and asps.json

    private static Path robotReference;

    /** {@code robot convert} of asps.owl to OBO and to OBO Graphs JSON, once (one JVM, chained). */
    static synchronized Path robotReference() throws Exception {
        if (robotReference == null) {
            Path out = Files.createDirectories(dir.resolve("robot-reference"));
            RobotCommand.Result r = RobotCommand.run(
                    "convert",
                    "--input",
                    File.OWL.path().toString(),
                    "--format",
                    "obo",
                    "--output",
                    out.resolve("asps.obo").toString(),
                    "convert",
                    "--format",
                    "json",
                    "--output",
                    out.resolve("asps.json").toString());
            assertEquals(0, r.exit(), r::describe);
            robotReference = out;
        }
        return robotReference;
    }

    /**
     * The OBO header is ROBOT's, {@code data-version:} the version IRI as ROBOT writes it, and it
     * reads back as ROBOT's own OBO reads back. That is not the version IRI: both OWL APIs make {@code
     * http://purl.obolibrary.org/obo/O/V/O.owl} of {@code ontology: O} and {@code data-version: V} (the
     * OBO-to-OWL mapping, right only for ontologies under the OBO PURL), so no OBO file can carry
     * asps-kg's version IRI back. This test pins that, so that a fix in either OWL API shows here.
     */
    @Test
    void oboHeaderIsRobotsAndReadsBackAsRobotsOwnOboDoes() throws Exception {
        Path robotObo = robotReference().resolve("asps.obo");
        String version = sources.versionIri();
        assertEquals(header(robotObo, "data-version:"), header(File.OBO.path(), "data-version:"));
        assertEquals("data-version: " + version, header(File.OBO.path(), "data-version:"));
        assertEquals(header(robotObo, "ontology:"), header(File.OBO.path(), "ontology:"));

        String ontology = sources.ontologyIri();
        IRI readBack =
                IRI.create("http://purl.obolibrary.org/obo/" + ontology + "/" + version + "/" + ontology + ".owl");
        for (OWLOntology o : List.of(owlApi5(File.OBO.path()), owlApi5(robotObo), robot(File.OBO.path()))) {
            assertEquals(
                    IRI.create(ontology), o.getOntologyID().getOntologyIRI().orElseThrow());
            assertEquals(readBack, o.getOntologyID().getVersionIRI().orElseThrow());
        }
    }

    /**
     * {@code robot report} reads asps.obo (no rdf:langString without a tag: ROBOT's xsd:string) and
     * finds in it what it finds in asps.owl, plus that the two annotation properties the OBO reader
     * adds (oboInOwl:hasOBOFormatVersion, oboInOwl:id) have no definition.
     */
    @Test
    void robotReportFindsInTheOboWhatItFindsInTheOwl() throws Exception {
        String obo = Files.readString(File.OBO.path());
        assertFalse(obo.contains("langString"), "a language-tagged value kept rdf:langString without its tag");
        assertTrue(obo.contains("\" xsd:string"), "language-tagged values are written as xsd:string, as ROBOT does");
        List<String> fromObo = report(File.OBO.path());
        List<String> fromOwl = new ArrayList<>(report(File.OWL.path()));
        fromOwl.add("WARN\tmissing_definition\toboInOwl:hasOBOFormatVersion\tIAO:0000115");
        fromOwl.add("WARN\tmissing_definition\toboInOwl:id\tIAO:0000115");
        assertEquals(fromOwl.stream().sorted().toList(), fromObo);
    }

    /** Level, rule, subject and property of each row of {@code robot report}, sorted. */
    private static List<String> report(Path file) throws Exception {
        Path tsv = dir.resolve("robot-report-" + file.getFileName() + ".tsv");
        RobotCommand.Result r =
                RobotCommand.run("report", "--input", file.toString(), "--fail-on", "none", "--output", tsv.toString());
        assertEquals(0, r.exit(), r::describe);
        List<String> lines = Files.readAllLines(tsv);
        return lines.subList(1, lines.size()).stream()
                .map(l -> String.join("\t", List.of(l.split("\t", -1)).subList(0, 4)))
                .sorted()
                .toList();
    }

    private static String header(Path obo, String tag) throws IOException {
        try (Stream<String> lines = Files.lines(obo)) {
            return lines.takeWhile(l -> !l.startsWith("["))
                    .filter(l -> l.startsWith(tag))
                    .findFirst()
                    .orElse("(no " + tag + ")");
        }
    }

    /**
     * asps.json is the OBO Graphs JSON ROBOT writes of asps.owl: the same document (same graph, nodes,
     * edges, equivalent node sets, logical definitions, domain/range and property-chain axioms, meta),
     * list order aside; the library that defines the format reads it back.
     */
    @Test
    void oboGraphsJsonIsWhatRobotWrites() throws Exception {
        Path robotJson = robotReference().resolve("asps.json");
        Path ours = release.resolve("asps.json");
        GraphDocument robots = OgJsonReader.readFile(robotJson.toFile());
        GraphDocument read = OgJsonReader.readFile(ours.toFile());
        assertEquals(1, read.getGraphs().size());
        Graph g = read.getGraphs().get(0);
        Graph r = robots.getGraphs().get(0);
        assertEquals(sources.ontologyIri(), g.getId());
        assertEquals(sources.versionIri(), g.getMeta().getVersion());
        assertEquals(ids(r.getNodes()), ids(g.getNodes()), "nodes");
        assertEquals(edges(r.getEdges(), "is_a"), edges(g.getEdges(), "is_a"), "is_a edges");
        assertEquals(edges(r.getEdges(), null), edges(g.getEdges(), null), "edges");
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                canonical(json.readTree(robotJson.toFile())),
                canonical(json.readTree(ours.toFile())),
                "asps.json differs from ROBOT's OBO Graphs JSON of asps.owl");
    }

    /**
     * OBO Graphs says of OWL's logical axioms: named subclass (is_a edges), subclass of an existential
     * restriction of named property and class (an edge labelled with the property), class assertion
     * (type edges), object property assertion, sub-property and inverse (edges), equivalence of named
     * classes, genus-and-differentia definitions, domain, range and property chains; nothing else
     * (complements, unions, universal restrictions, cardinalities, data property axioms, disjointness,
     * characteristics). The edges must be exactly those of the ontology's axioms of the first three kinds.
     */
    @Test
    void oboGraphsEdgesAreTheOntologysSubclassRestrictionAndTypeAxioms() throws Exception {
        OWLOntology written = WRITTEN.get(Artefact.MAIN);
        Set<String> expected = new TreeSet<>();
        for (OWLSubClassOfAxiom a : written.getAxioms(AxiomType.SUBCLASS_OF)) {
            if (a.getSubClass().isAnonymous()) continue;
            String sub = a.getSubClass().asOWLClass().getIRI().toString();
            if (!a.getSuperClass().isAnonymous()) {
                expected.add(sub + " is_a " + a.getSuperClass().asOWLClass().getIRI());
            } else if (a.getSuperClass() instanceof OWLObjectSomeValuesFrom some
                    && !some.getProperty().isAnonymous()
                    && !some.getFiller().isAnonymous()) {
                expected.add(
                        sub + " " + some.getProperty().asOWLObjectProperty().getIRI() + " "
                                + some.getFiller().asOWLClass().getIRI());
            }
        }
        for (OWLClassAssertionAxiom a : written.getAxioms(AxiomType.CLASS_ASSERTION)) {
            if (!a.getClassExpression().isAnonymous() && a.getIndividual().isNamed()) {
                expected.add(a.getIndividual().asOWLNamedIndividual().getIRI() + " type "
                        + a.getClassExpression().asOWLClass().getIRI());
            }
        }
        Graph g = OgJsonReader.readFile(release.resolve("asps.json").toFile())
                .getGraphs()
                .get(0);
        Set<String> ofThoseKinds = new TreeSet<>(edges(g.getEdges(), null));
        ofThoseKinds.removeIf(e -> e.contains(" subPropertyOf ") || e.contains(" inverseOf "));
        ofThoseKinds.removeAll(objectPropertyAssertionEdges(written));
        assertEquals(expected, ofThoseKinds);
        assertFalse(expected.isEmpty());
    }

    private static Set<String> objectPropertyAssertionEdges(OWLOntology o) {
        return o.getAxioms(AxiomType.OBJECT_PROPERTY_ASSERTION).stream()
                .filter(a -> a.getSubject().isNamed() && a.getObject().isNamed())
                .map(a -> a.getSubject().asOWLNamedIndividual().getIRI() + " "
                        + a.getProperty().asOWLObjectProperty().getIRI() + " "
                        + a.getObject().asOWLNamedIndividual().getIRI())
                .collect(Collectors.toSet());
    }

    private static Set<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::getId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Edges as "sub pred obj", only those with the predicate when it is given. */
    private static Set<String> edges(List<Edge> edges, String pred) {
        return edges.stream()
                .filter(e -> pred == null || e.getPred().equals(pred))
                .map(e -> e.getSub() + " " + e.getPred() + " " + e.getObj())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The JSON with every array sorted (by its members' text), so that list order does not count. */
    static JsonNode canonical(JsonNode node) {
        if (node instanceof ArrayNode array) {
            List<JsonNode> members = new ArrayList<>();
            array.forEach(m -> members.add(canonical(m)));
            members.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = array.arrayNode();
            members.forEach(sorted::add);
            return sorted;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(e -> copy.set(e.getKey(), canonical(e.getValue())));
            return copy;
        }
        return node;
    }
}
