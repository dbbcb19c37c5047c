package org.aspskg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * The edit source (OWL Functional Syntax with inline axiom annotations, an imported module and the
 * association table) compiles to the ontology the single Turtle file held before the restructure, and
 * one fact is one place to edit.
 */
class EditSourceTest {
    /** The single Turtle edit file as it was before the restructure (a frozen copy). */
    private static final Path BEFORE = Path.of("src/test/resources/ontology/asps-before-restructure.ttl");

    private static final String ASPS = AspsVocabulary.iri("AlveolarSoftPartSarcoma");

    @TempDir
    Path tmp;

    /**
     * The evidence weights the Turtle held (aspskg:EvidenceWeight, its six individuals with their likelihood
     * ratios, aspskg:evidenceWeight on each association, aspskg:frequencyRank) were retired by issue 15: the
     * associations now carry frequencies, and the ratios are derived from them. Nothing else may be lost.
     */
    private static final List<String> RETIRED = List.of(
            "/EvidenceWeight>",
            "/evidenceWeight>",
            "/frequencyRank>",
            "/Characteristic>",
            "/Typical>",
            "/Common>",
            "/Uncommon>",
            "/ArguesAgainst>",
            "/Excludes>");

    /**
     * Facts of the Turtle corrected since, each with why: ASPS's "slight female predilection in patients less
     * than 30 years old" said that women under 30 were 0.5 of all ASPS patients (feature FemaleUnder30Group);
     * it is now the females' share among patients younger than 30 (feature FemaleGroup in the age group
     * YoungerThan30Group, relabelled to say so; docs/ddx.md, "A share within an age band"). Osteosarcoma's
     * location in bone (the article's "centred within bone") is stated of the skeletal subtype since
     * osteosarcoma became a mixture of skeletal and extraskeletal osteosarcoma, which has no attachment to bone
     * (docs/ddx.md, "2026-12-06, mixture").
     */
    private static boolean corrected(String text) {
        boolean femaleShare = text.contains("fact/asps-female-under-30")
                && (text.contains("FemaleUnder30Group") || text.contains("predilection under 30 years\"@en"));
        boolean osteosarcomaInBone =
                text.contains("asps-kg/Osteosarcoma") && text.contains("RO_0004026") && text.contains("asps-kg/Bone");
        return femaleShare || osteosarcomaInBone;
    }

    private static boolean retired(String text) {
        return RETIRED.stream().anyMatch(text::contains) || corrected(text);
    }

    /*
     * The restructure itself (commit "Ontology edited as one fact in one place") was checked to give exactly the
     * Turtle's axioms and graph (up to operand order); since then the edit source only grows, so these two tests
     * pin that nothing of the Turtle was lost: every axiom (with its annotations) and every triple structure.
     */
    @Test
    void everyAxiomAndTheHeaderOfTheReplacedTurtleAreStillStated() throws Exception {
        OWLOntology before = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(BEFORE.toFile());
        OWLOntology after = OntologyLoader.load(OntologyLoader.DEFAULT_ONTOLOGY);
        assertEquals(
                before.getOntologyID().getOntologyIRI(), after.getOntologyID().getOntologyIRI());
        assertTrue(after.annotationsAsList().containsAll(before.annotationsAsList()));
        Set<?> lost = difference(before.getAxioms(), after.getAxioms()).stream()
                .filter(a -> !retired(a.toString()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), lost, "axioms lost");
        assertTrue(
                difference(before.getAxioms(), after.getAxioms()).stream().anyMatch(a -> retired(a.toString())),
                "the evidence weights are retired");
        assertTrue(after.imports().findAny().isEmpty(), "the module is merged, not imported");
    }

    @Test
    void everyTripleOfTheReplacedTurtleIsInTheCompiledGraphUpToOperandOrder() {
        Model before = OntologyLoader.readRdf(BEFORE);
        Model after = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        canonicalize(before);
        canonicalize(after);
        Set<String> compiled = structures(after);
        List<String> lost = structures(before).stream()
                .filter(t -> !compiled.contains(t))
                .filter(t -> !retired(t.replace(" ", "> ") + ">") && !corrected(t))
                .toList();
        assertEquals(List.of(), lost, "triples of the Turtle missing from the compiled graph");
        assertFalse(after.contains(null, OWL2.imports, (RDFNode) null));
    }

    @Test
    void changingOneLogicalFactIsAOneLineEditAndItsProvenanceFollows() throws IOException {
        Path edit = copyOntologyDirectory();
        List<String> lines = Files.readAllLines(edit);
        String old = "aspskg:AlveolarSoftPartSarcoma ObjectSomeValuesFrom(obo:RO_0004029 aspskg:Hypervascularity))";
        List<String> changed = new ArrayList<>();
        for (String line : lines) {
            changed.add(line.endsWith(old) ? line.replace("aspskg:Hypervascularity", "aspskg:Necrosis") : line);
        }
        assertEquals(1, differingLines(lines, changed), "the fact and its provenance are on one line");
        Files.write(edit, changed);

        Model compiled = OntologyLoader.readRdf(edit);
        assertEquals(List.of("radiopaedia-59433-ref-9"), referencesOfAspsRestriction(compiled, "Necrosis"));
        assertEquals(List.of(), referencesOfAspsRestriction(compiled, "Hypervascularity"));
        assertNoDanglingAxiomAnnotation(compiled);
    }

    @Test
    void changingOneAssociationIsAOneRowEditAndItsDerivedRatioFollows() throws IOException {
        Path edit = copyOntologyDirectory();
        Path table = edit.resolveSibling(AssociationTable.RELATIVE_PATH);
        List<String> rows = Files.readAllLines(table);
        List<String> changed = rows.stream()
                .map(r -> r.startsWith("fact:synovial-sarcoma-calcification-baheti2015-synovial-bjr\t")
                        ? r.replace("\t6/31\t", "\t12/31\t")
                        : r)
                .toList();
        assertEquals(1, differingLines(rows, changed));
        Model before = OntologyLoader.readRdf(edit);
        Files.write(table, changed);
        Model compiled = OntologyLoader.readRdf(edit);
        Resource node =
                compiled.getResource(AspsVocabulary.FACT_NS + "synovial-sarcoma-calcification-baheti2015-synovial-bjr");
        assertEquals(
                12,
                node.getProperty(AspsVocabulary.property("frequencyNumerator")).getInt());
        Resource derived = compiled.getResource(LikelihoodRatioDerivation.DERIVED_NS + "SynovialSarcoma-Calcification");
        double p = derived.getProperty(AspsVocabulary.FREQUENCY).getDouble();
        double was = before.getResource(derived.getURI())
                .getProperty(AspsVocabulary.FREQUENCY)
                .getDouble();
        assertTrue(p > was, "the derived frequency follows the row: " + was + " -> " + p);
        assertEquals(
                Set.of(),
                compiled.listObjectsOfProperty(node, compiled.createProperty(AspsVocabulary.iri("evidenceWeight")))
                        .toSet());
    }

    @Test
    void aTableCellThatIsNotACurieNamesTheFileLineAndColumn() throws IOException {
        Path edit = copyOntologyDirectory();
        Path table = edit.resolveSibling(AssociationTable.RELATIVE_PATH);
        List<String> rows = new ArrayList<>(Files.readAllLines(table));
        rows.set(2, rows.get(2).replace("aspskg:LowerLimb", "lower limb"));
        Files.write(table, rows);
        AspsKgException e = assertThrows(AspsKgException.class, () -> OntologyLoader.readRdf(edit));
        assertEquals(
                table.toAbsolutePath() + ":3: column feature: 'lower limb' is not a CURIE with a known prefix",
                e.getMessage());
    }

    @Test
    void aSyntaxErrorInTheEditSourceNamesTheFileAndLine() throws IOException {
        Path edit = copyOntologyDirectory();
        List<String> lines = new ArrayList<>(Files.readAllLines(edit));
        int at = lines.indexOf("# alveolar soft part sarcoma") + 2;
        lines.set(at, "SubClassOf(aspskg:AlveolarSoftPartSarcoma");
        Files.write(edit, lines);
        AspsKgException e = assertThrows(AspsKgException.class, () -> OntologyLoader.readRdf(edit));
        assertTrue(e.getMessage().startsWith(edit + ":" + (at + 2) + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("OWL Functional Syntax"), e.getMessage());
    }

    /** The project's ontology directory (edit source, module, table, mappings) in a temporary directory. */
    private Path copyOntologyDirectory() throws IOException {
        return EditSourceCopies.copy(
                tmp, AssociationTable.RELATIVE_PATH, SourceTable.RELATIVE_PATH, FrequencyWords.RELATIVE_PATH);
    }

    private static int differingLines(List<String> a, List<String> b) {
        assertEquals(a.size(), b.size());
        int n = 0;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equals(b.get(i))) n++;
        return n;
    }

    /** The references cited by the axiom annotation of "ASPS has quality some {filler}". */
    private static List<String> referencesOfAspsRestriction(Model m, String filler) {
        String q = """
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX aspskg: <https://w3id.org/asps-kg/>
                SELECT ?ref WHERE {
                  ?ax a owl:Axiom ; owl:annotatedSource <%s> ; owl:annotatedProperty rdfs:subClassOf ;
                      owl:annotatedTarget [ owl:onProperty <http://purl.obolibrary.org/obo/RO_0004029> ; owl:someValuesFrom aspskg:%s ] ;
                      aspskg:citesReference ?ref .
                  <%s> rdfs:subClassOf [ owl:onProperty <http://purl.obolibrary.org/obo/RO_0004029> ; owl:someValuesFrom aspskg:%s ] .
                } ORDER BY ?ref""".formatted(ASPS, filler, ASPS, filler);
        try (QueryExecution qe = QueryExecutionFactory.create(q, m)) {
            List<String> refs = new ArrayList<>();
            qe.execSelect().forEachRemaining(r -> refs.add(r.getResource("ref").getLocalName()));
            return refs;
        }
    }

    /** Every reified axiom annotates a triple (or, for a class expression target, an equal structure) the graph asserts. */
    private static void assertNoDanglingAxiomAnnotation(Model m) {
        for (Resource ax : m.listSubjectsWithProperty(OWL2.annotatedSource).toList()) {
            Resource source = ax.getPropertyResourceValue(OWL2.annotatedSource);
            var property = m.createProperty(
                    ax.getPropertyResourceValue(OWL2.annotatedProperty).getURI());
            RDFNode target = ax.getProperty(OWL2.annotatedTarget).getObject();
            boolean found = target.isAnon()
                    ? m.listObjectsOfProperty(source, property).toList().stream()
                            .anyMatch(o -> o.isAnon() && structure(m, o).equals(structure(m, target)))
                    : m.contains(source, property, target);
            assertTrue(found, "an axiom annotation on " + source + " " + property + " annotates nothing");
        }
    }

    private static String structure(Model m, RDFNode n) {
        if (!n.isAnon()) return n.toString();
        return m.listStatements(n.asResource(), null, (RDFNode) null).toList().stream()
                .map(s -> s.getPredicate() + "=" + structure(m, s.getObject()))
                .sorted()
                .collect(Collectors.joining(";", "[", "]"));
    }

    /**
     * Makes two renderings of the same axioms comparable: the operands of owl:intersectionOf/unionOf are a
     * set (the OWL API sorts them), and owl:disjointWith is symmetric.
     */
    private static void canonicalize(Model m) {
        for (var p : List.of(OWL2.intersectionOf, OWL2.unionOf)) {
            for (Statement s : m.listStatements(null, p, (RDFNode) null).toList()) {
                RDFList list = s.getObject().as(RDFList.class);
                List<RDFNode> members = new ArrayList<>(list.asJavaList());
                members.sort((a, b) -> structure(m, a).compareTo(structure(m, b)));
                list.removeList();
                s.changeObject(m.createList(members.iterator()));
            }
        }
        for (Statement s :
                m.listStatements(null, OWL2.disjointWith, (RDFNode) null).toList()) {
            if (s.getObject().isURIResource()
                    && s.getSubject().getURI().compareTo(s.getResource().getURI()) > 0) {
                m.remove(s);
                m.add(s.getResource(), OWL2.disjointWith, s.getSubject());
            }
        }
    }

    /** Each triple with a named subject, its object written out as a structure; and each blank-node root. */
    private static Set<String> structures(Model m) {
        Set<String> out = new HashSet<>();
        for (Statement s : m.listStatements().toList()) {
            if (s.getSubject().isAnon()) {
                if (!m.contains(null, null, s.getSubject())) out.add("root " + structure(m, s.getSubject()));
            } else {
                out.add(s.getSubject() + " " + s.getPredicate() + " " + structure(m, s.getObject()));
            }
        }
        return out;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toSet());
    }
}
