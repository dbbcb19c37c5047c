package org.aspskg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.JsonLdVersion;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.rdf.RdfDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.JenaTitanium;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.OWL2;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDeclarationAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyID;

/**
 * Every export format parses back to what was written: with Jena (isomorphic graph, or the same
 * named graphs for quad formats) and with the OWL API (the same axioms and ontology IRI and
 * versionIRI), from the real ontology with the fixture mapping set's cross-references.
 */
class ExportRoundTripTest {
    @TempDir
    static Path dir;

    static ReleaseSources sources;
    static Model main;
    static Set<OWLAxiom> mainAxioms;
    static OWLOntologyID mainId;

    @BeforeAll
    static void sources() {
        sources = ReleaseSources.read(
                OntologyLoader.DEFAULT_ONTOLOGY, Path.of("src/test/resources/mapping/good.sssom.tsv"));
        main = sources.model(Artefact.MAIN);
        OWLOntology owl = ArtefactWriter.toOwl(main, OWLManager.createOWLOntologyManager());
        mainAxioms = owl.axioms().collect(Collectors.toSet());
        mainId = owl.getOntologyID();
    }

    private static Path export(ExportFormat format) {
        Path file = dir.resolve(Artefact.MAIN.fileName(format));
        ArtefactWriter.write(sources, Artefact.MAIN, format, file);
        return file;
    }

    private static Model jena(Path file, Lang lang) {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(file).lang(lang).parse(m);
        return m;
    }

    /** The OWL API 5 given nothing but the file: it guesses the format from the content (JSON-LD too). */
    static OWLOntology owlApi(Path file) throws Exception {
        return OWLManager.createOWLOntologyManager()
                .loadOntologyFromOntologyDocument(new FileDocumentSource(file.toFile()));
    }

    /** Axioms, leaving out declarations of built-in entities (xsd:string, owl:versionInfo …) some syntaxes add. */
    private static Set<OWLAxiom> axioms(OWLOntology o) {
        return o.axioms()
                .filter(a -> !(a.isOfType(AxiomType.DECLARATION)
                        && ((OWLDeclarationAxiom) a).getEntity().isBuiltIn()))
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(
            value = ExportFormat.class,
            names = {"TTL", "RDFXML", "NT", "JSONLD"})
    void tripleFormatsParseBackIsomorphicWithJenaAndToTheSameAxiomsWithTheOwlApi(ExportFormat format) throws Exception {
        Path file = export(format);
        Lang lang = switch (format) {
            case TTL -> Lang.TURTLE;
            case RDFXML -> Lang.RDFXML;
            case NT -> Lang.NTRIPLES;
            default -> Lang.JSONLD11;
        };
        Model back = jena(file, lang);
        assertEquals(main.size(), back.size(), format + ": triple count");
        assertTrue(main.isIsomorphicWith(back), format + ": the graph read back is not isomorphic to the one written");

        OWLOntology owl = owlApi(file);
        assertEquals(mainId, owl.getOntologyID(), format + ": ontology IRI and versionIRI");
        assertEquals(mainAxioms.size(), owl.getAxiomCount(), format + ": axiom count");
        assertEquals(mainAxioms, owl.axioms().collect(Collectors.toSet()), format + ": axioms");
    }

    @ParameterizedTest
    @EnumSource(
            value = ExportFormat.class,
            names = {"OWX", "OFN", "OMN"})
    void owlSyntaxesParseBackToTheSameAxiomsAndVersion(ExportFormat format) throws Exception {
        OWLOntology owl = owlApi(export(format));
        assertEquals(mainId, owl.getOntologyID(), format + ": ontology IRI and versionIRI");
        assertEquals(
                axioms(ArtefactWriter.toOwl(main, OWLManager.createOWLOntologyManager())),
                axioms(owl),
                format + ": axioms");
    }

    @ParameterizedTest
    @EnumSource(
            value = ExportFormat.class,
            names = {"NQ", "TRIG"})
    void quadFormatsHoldTheStoresNamedGraphs(ExportFormat format) throws Exception {
        Path file = export(format);
        Dataset back = DatasetFactory.create();
        RDFParser.source(file)
                .lang(format == ExportFormat.NQ ? Lang.NQUADS : Lang.TRIG)
                .parse(back);
        Dataset written = sources.dataset(Artefact.MAIN);
        Set<String> names = Set.of(AspsVocabulary.GRAPH_ASSERTED, AspsVocabulary.GRAPH_MAPPINGS);
        assertEquals(names, set(back.listNames()));
        assertEquals(0, back.getDefaultModel().size());
        for (String g : names) {
            assertEquals(written.getNamedModel(g).size(), back.getNamedModel(g).size(), format + " " + g);
            assertTrue(written.getNamedModel(g).isIsomorphicWith(back.getNamedModel(g)), format + " " + g);
        }
        assertTrue(sources.asserted().isIsomorphicWith(back.getNamedModel(AspsVocabulary.GRAPH_ASSERTED)));
    }

    /**
     * JSON-LD that a JSON-LD 1.0 processor reads (no "@version": 1.1, which jsonld-java, ROBOT's, rejects)
     * with a compact context of prefixes, the OWL API's guard key first; Titanium expands it to exactly
     * the triples written, as a JSON-LD 1.1 processor and in JSON-LD 1.0 processing mode.
     */
    @ParameterizedTest
    @EnumSource(
            value = JsonLdVersion.class,
            names = {"V1_0", "V1_1"})
    void jsonLdHasACompactContextAndExpandsToTheSameTriplesInJsonLd10And11(JsonLdVersion version) throws Exception {
        Path file = export(ExportFormat.JSONLD);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Iterator<String> keys = json.fieldNames();
        assertEquals(JsonLdWriter.READ_AS_JSON_LD, keys.next());
        assertTrue(json.get(JsonLdWriter.READ_AS_JSON_LD).isNull());
        assertEquals("@context", keys.next());
        assertEquals("@graph", keys.next());
        assertTrue(json.at("/@context/@version").isMissingNode(), "JSON-LD 1.0 processors reject @version");
        json.get("@context")
                .fields()
                .forEachRemaining(e -> assertTrue(
                        e.getValue().isTextual() && e.getValue().asText().matches("https?://.*[/#]"),
                        "the context declares prefixes only: " + e));
        assertEquals(AspsVocabulary.NS, json.at("/@context/aspskg").asText());
        assertEquals(
                "http://www.w3.org/2000/01/rdf-schema#",
                json.at("/@context/rdfs").asText());
        assertTrue(json.toString().contains("\"rdfs:label\""), "keys are compacted with the context's prefixes");

        JsonLdOptions options = new JsonLdOptions();
        options.setProcessingMode(version);
        RdfDataset expanded;
        try (InputStream in = Files.newInputStream(file)) {
            expanded = JsonLd.toRdf(JsonDocument.of(in)).options(options).get();
        }
        DatasetGraph dsg = JenaTitanium.convert(expanded);
        assertEquals(0, dsg.stream().filter(q -> !q.isDefaultGraph()).count(), "all in the default graph");
        Model triples = ModelFactory.createModelForGraph(dsg.getDefaultGraph());
        assertEquals(main.size(), triples.size());
        assertTrue(main.isIsomorphicWith(triples), version + ": the JSON-LD expansion differs from the graph written");
    }

    @Test
    void everyFormatNamesTheOntologysVersion() throws Exception {
        for (ExportFormat format : EnumSet.complementOf(EnumSet.of(ExportFormat.JSONLD))) {
            String text = Files.readString(export(format));
            assertTrue(text.contains(sources.versionIri()), format + " does not carry " + sources.versionIri());
        }
        // JSON-LD writes it as a compact IRI: expand to see it
        Model jsonld = jena(export(ExportFormat.JSONLD), Lang.JSONLD11);
        assertTrue(jsonld.contains(
                jsonld.createResource(sources.ontologyIri()),
                OWL2.versionIRI,
                jsonld.createResource(sources.versionIri())));
    }

    @Test
    void crossReferencesOfTheMappingSetAreInTheArtefacts() throws Exception {
        Model back = jena(export(ExportFormat.TTL), Lang.TURTLE);
        Model xrefs = ModelFactory.createDefaultModel();
        xrefs.add(
                xrefs.createResource(AspsVocabulary.iri("AlveolarSoftPartSarcoma")),
                AspsVocabulary.HAS_DB_XREF,
                "EXAMPLE:0001");
        xrefs.add(xrefs.createResource(AspsVocabulary.iri("Thigh")), AspsVocabulary.HAS_DB_XREF, "EXAMPLE:0002");
        xrefs.add(xrefs.createResource(AspsVocabulary.iri("FlowVoid")), AspsVocabulary.HAS_DB_XREF, "OTHER:0200");
        Model found = ModelFactory.createDefaultModel()
                .add(back.listStatements(null, AspsVocabulary.HAS_DB_XREF, (RDFNode) null));
        // the ontology states no xrefs itself: exactly the exact and close matches of the mapping set
        assertTrue(
                xrefs.isIsomorphicWith(found),
                "xrefs: " + found.listStatements().toList());
    }

    private static Set<String> set(Iterator<String> it) {
        HashSet<String> s = new HashSet<>();
        it.forEachRemaining(s::add);
        return s;
    }
}
