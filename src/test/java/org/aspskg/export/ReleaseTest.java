package org.aspskg.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDeclarationAxiom;
import org.semanticweb.owlapi.model.OWLOntology;

/** {@code asps-kg release}: the artefacts, their versions, base and full, OBO's limits, checksums, safe replacement. */
class ReleaseTest {
    static final Path MAPPINGS = Path.of("src/test/resources/mapping/good.sssom.tsv");

    @TempDir
    static Path dir;

    static ReleaseSources sources;
    static Path release;
    static List<ArtefactWriter.Written> written;

    @BeforeAll
    static void release() {
        sources = ReleaseSources.read(OntologyLoader.DEFAULT_ONTOLOGY, MAPPINGS);
        release = dir.resolve("release");
        written = Release.write(sources, release);
    }

    private static Model jena(String file) {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(release.resolve(file)).lang(Lang.RDFXML).parse(m);
        return m;
    }

    /** The graph without its ontology header's IRI, versionIRI and comment, to compare artefacts' bodies. */
    private static Model body(Model m) {
        Model copy = ModelFactory.createDefaultModel().add(m);
        for (Resource header :
                copy.listSubjectsWithProperty(RDF.type, OWL.Ontology).toList()) {
            copy.removeAll(header, null, null);
        }
        return copy;
    }

    @Test
    void theReleaseHoldsEveryArtefactAndChecksums() throws Exception {
        try (Stream<Path> files = Files.list(release)) {
            assertEquals(
                    Set.of(
                            "asps.owl",
                            "asps-base.owl",
                            "asps-full.owl",
                            "asps.ttl",
                            "asps.jsonld",
                            "asps.obo",
                            "asps.json",
                            "good.sssom.tsv",
                            "SHA256SUMS"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        List<String> sums = Files.readAllLines(release.resolve(Release.CHECKSUMS));
        List<String> expected = Stream.of(
                        "asps-base.owl",
                        "asps-full.owl",
                        "asps.json",
                        "asps.jsonld",
                        "asps.obo",
                        "asps.owl",
                        "asps.ttl",
                        "good.sssom.tsv")
                .map(n -> Release.sha256(release.resolve(n)) + "  " + n)
                .toList();
        assertEquals(expected, sums);
        assertArrayEquals(Files.readAllBytes(MAPPINGS), Files.readAllBytes(release.resolve("good.sssom.tsv")));
        assertEquals(
                release.resolve(Release.CHECKSUMS).toAbsolutePath(),
                written.get(written.size() - 1).file());
    }

    @Test
    void sha256sumChecksTheRelease() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("sha256sum", "-c", Release.CHECKSUMS)
                    .directory(release.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noSha256sum) {
            abort("sha256sum is not installed");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        assertEquals(8, output.lines().filter(l -> l.endsWith(": OK")).count(), output);
    }

    @Test
    void eachArtefactCarriesItsOntologyIriAndVersionIri() throws Exception {
        String version = sources.versionIri();
        String releasePath = version.substring(0, version.lastIndexOf('/') + 1);
        for (String[] expected : List.of(
                new String[] {"asps.owl", AspsVocabulary.ONTOLOGY_IRI, version},
                new String[] {"asps-base.owl", AspsVocabulary.NS + "asps-base.owl", releasePath + "asps-base.owl"},
                new String[] {"asps-full.owl", AspsVocabulary.NS + "asps-full.owl", releasePath + "asps-full.owl"})) {
            OWLOntology o = ExportRoundTripTest.owlApi(release.resolve(expected[0]));
            assertEquals(
                    IRI.create(expected[1]), o.getOntologyID().getOntologyIRI().orElseThrow(), expected[0]);
            assertEquals(
                    IRI.create(expected[2]), o.getOntologyID().getVersionIRI().orElseThrow(), expected[0]);
        }
        assertTrue(Files.readAllLines(release.resolve("asps.obo")).contains("data-version: " + version));
    }

    @Test
    void fullAddsHermitsInferencesToTheAssertedOntology() {
        assertTrue(
                sources.model(Artefact.FULL).isIsomorphicWith(jena("asps-full.owl")),
                "asps-full.owl differs from what was written");
        // in memory the artefacts share blank nodes, so triples compare directly
        Model main = body(sources.model(Artefact.MAIN));
        Model full = body(sources.model(Artefact.FULL));
        Model inferred = sources.inferred();
        assertFalse(inferred.isEmpty());
        assertTrue(full.containsAll(main), "asps-full lacks asserted triples");
        assertTrue(full.containsAll(inferred), "asps-full lacks inferred triples");
        assertFalse(main.containsAny(inferred), "asps.owl should hold no materialized inference");
        assertEquals(main.size() + inferred.size(), full.size());
    }

    @Test
    void baseDescribesOnlyOurOwnTerms() {
        assertTrue(
                sources.model(Artefact.BASE).isIsomorphicWith(jena("asps-base.owl")),
                "asps-base.owl differs from what was written");
        Model main = body(sources.model(Artefact.MAIN));
        Model base = body(sources.model(Artefact.BASE));
        Set<Resource> declarationTypes = Set.of(
                OWL.Class,
                OWL.ObjectProperty,
                OWL.DatatypeProperty,
                OWL.AnnotationProperty,
                OWL2.NamedIndividual,
                RDFS.Datatype);
        Predicate<Statement> external = s -> s.getSubject().isURIResource()
                && !s.getSubject().getURI().startsWith(AspsVocabulary.NS)
                && !(s.getPredicate().equals(RDF.type) && declarationTypes.contains(s.getObject()));
        assertEquals(List.of(), base.listStatements().filterKeep(external::test).toList());
        Model expected = ModelFactory.createDefaultModel()
                .add(main.listStatements().filterDrop(external::test).toList());
        assertEquals(expected.size(), base.size());
        assertTrue(base.containsAll(expected));
        assertTrue(
                main.contains(
                        main.createResource(AspsVocabulary.OBO + "RO_0004026"),
                        RDFS.label,
                        main.createLiteral("disease has location", "en")),
                "the main artefact describes the RO relation it reuses");
    }

    /**
     * OBO keeps every axiom but what it cannot say (ReleaseLoadingTest pins that in ROBOT and the OWL
     * API 5): here, what the OWL API's OBO writer drops and asps-kg's keeps in the owl-axioms header,
     * the individuals (statement nodes, references, evidence weights) with their types, values and
     * language-tagged labels, and the data and annotation properties with their declarations.
     */
    @Test
    void oboKeepsTheIndividualsAndPropertiesThatHaveNoOboFrame() throws Exception {
        OWLOntology source = ArtefactWriter.toOwl(
                sources.model(Artefact.MAIN), org.semanticweb.owlapi.apibinding.OWLManager.createOWLOntologyManager());
        OWLOntology obo = ExportRoundTripTest.owlApi(release.resolve("asps.obo"));
        Set<OWLAxiom> back = obo.axioms().collect(Collectors.toSet());
        Set<IRI> noFrame = Stream.of(
                        source.individualsInSignature().map(i -> i.getIRI()),
                        source.dataPropertiesInSignature().map(p -> p.getIRI()))
                .flatMap(s -> s)
                .filter(iri -> !source.containsClassInSignature(iri))
                .collect(Collectors.toSet());
        assertFalse(noFrame.isEmpty());
        List<OWLAxiom> aboutThem = source.axioms()
                .filter(a -> a.isOfType(AxiomType.CLASS_ASSERTION)
                        || (a instanceof OWLDeclarationAxiom d
                                && !d.getEntity().isBuiltIn()
                                && !d.getEntity().isOWLAnnotationProperty())
                        || (a instanceof OWLAnnotationAssertionAxiom aa
                                && aa.getSubject()
                                        .asIRI()
                                        .map(noFrame::contains)
                                        .orElse(false)))
                .toList();
        assertTrue(aboutThem.size() > 200, "individuals and data properties: " + aboutThem.size() + " axioms");
        assertEquals(
                List.of(), aboutThem.stream().filter(a -> !back.contains(a)).toList());
        assertTrue(aboutThem.stream().anyMatch(a -> a.toString().contains("\"@en")), "language tags are kept there");
    }

    @Test
    void aDirectoryThatIsNotAReleaseIsNotReplaced() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        AspsKgException e = assertThrows(AspsKgException.class, () -> Release.write(sources, other));
        assertEquals(
                other.toAbsolutePath() + " holds files that are not an asps-kg release (no SHA256SUMS)",
                e.getMessage());
        assertEquals("mine", Files.readString(other.resolve("notes.txt")));
    }

    @Test
    void aMappingSetWithErrorsStopsTheReleaseBeforeAnythingIsWritten() throws Exception {
        Path broken = dir.resolve("broken.sssom.tsv");
        Files.writeString(broken, Files.readString(MAPPINGS).replace("EXAMPLE:0002", "NOPE:0002"));
        byte[] before = Files.readAllBytes(release.resolve(Release.CHECKSUMS));
        AspsKgException e =
                assertThrows(AspsKgException.class, () -> ReleaseSources.read(OntologyLoader.DEFAULT_ONTOLOGY, broken));
        assertTrue(e.getMessage().startsWith(broken + ": 1 ERROR row(s) in the mapping set"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(release.resolve(Release.CHECKSUMS)));
    }

    @Test
    void aNewReleaseReplacesThePreviousOneWhole() throws Exception {
        Path again = dir.resolve("again");
        Release.write(sources, again);
        Files.writeString(again.resolve("stale.txt"), "left over");
        Release.write(sources, again);
        assertFalse(Files.exists(again.resolve("stale.txt")));
        assertTrue(Files.exists(again.resolve("asps-full.owl")));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(
                    List.of(),
                    siblings.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith(".again"))
                            .toList(),
                    "staging or previous directories left behind");
        }
    }
}
