package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;

/**
 * The mapping queries of {@code queries/}: a code joined through the mappings graph to the disease's
 * imaging findings, and the federated join to a second Fuseki on loopback.
 */
class MappingQueriesTest {
    static final Path IMAGING_BY_CODE = Path.of("queries/mappings/01-imaging-findings-by-code.rq");
    static final Path FEDERATED = Path.of("queries/federated/01-snomed-join-remote.rq");

    private static final String ARTICLE = "Radiopaedia article rID 59433: Alveolar soft part sarcoma";

    /**
     * ASPS's imaging findings in the article, each with its modality or sequence, its frequency (the article's
     * word: typical 0.7, common 0.5) and the article as source; the other works' rows come beside them.
     */
    static final List<String> ASPS_IMAGING_FINDINGS_IN_THE_ARTICLE = List.of(
            "enlarged tortuous feeding vessels on CT angiography | CT angiography | 0.7 | " + ARTICLE,
            "flow voids on MRI | T2-weighted MRI | 0.5 | " + ARTICLE,
            "heterogeneous enhancement on contrast-enhanced CT | contrast-enhanced CT | 0.7 | " + ARTICLE,
            "heterogeneous enhancement on post-contrast T1 | post-contrast T1-weighted MRI | 0.7 | " + ARTICLE,
            "hyperintense on T2 | T2-weighted MRI | 0.7 | " + ARTICLE,
            "hypervascular mass on CT angiography | CT angiography | 0.7 | " + ARTICLE,
            "isointense to slightly hyperintense on T1 | T1-weighted MRI | 0.7 | " + ARTICLE,
            "slightly hyperdense on non-contrast CT | non-contrast CT | 0.7 | " + ARTICLE);

    /** The article's rows are among the answer, every row has a frequency and a source, and no other disease's. */
    private static void assertAspsImagingFindings(List<String> rows) {
        assertTrue(rows.containsAll(ASPS_IMAGING_FINDINGS_IN_THE_ARTICLE), String.join("\n", rows));
        assertTrue(rows.size() > ASPS_IMAGING_FINDINGS_IN_THE_ARTICLE.size(), "other works' rows: " + rows);
        for (String row : rows) {
            String[] cells = row.split(" \\| ", -1);
            assertEquals(4, cells.length, row);
            double f = Double.parseDouble(cells[2]);
            assertTrue(f >= 0 && f <= 1, row);
            assertFalse(cells[3].isBlank(), "a source: " + row);
        }
        // osteosarcoma's Codman triangle is derived for every hypothesis, but it is no statement about ASPS
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("Codman triangle")), String.join("\n", rows));
    }

    /** The store's layout: asserted ontology and mappings as named graphs, their union as default graph. */
    private static Dataset store(Model ontology, Model mappings) {
        Dataset union = DatasetFactory.create(ModelFactory.createUnion(ontology, mappings));
        union.addNamedModel(AspsVocabulary.GRAPH_ASSERTED, ontology);
        union.addNamedModel(AspsVocabulary.GRAPH_MAPPINGS, mappings);
        return union;
    }

    private static List<String> rows(Dataset ds, ParameterizedSparqlString pss, String... vars) {
        List<String> rows = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.dataset(ds).query(pss.asQuery()).build()) {
            qe.execSelect().forEachRemaining((QuerySolution s) -> {
                List<String> cells = new ArrayList<>();
                for (String v : vars) {
                    RDFNode n = s.get(v);
                    cells.add(n == null ? "" : n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                }
                rows.add(String.join(" | ", cells));
            });
        }
        return rows;
    }

    private static List<String> imagingFindings(Model mappings, String codeIri) throws Exception {
        Model ontology = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        ParameterizedSparqlString pss = new ParameterizedSparqlString(Files.readString(IMAGING_BY_CODE));
        pss.setIri("code", codeIri);
        return rows(store(ontology, mappings), pss, "findingLabel", "modalityLabel", "frequency", "sourceLabel");
    }

    @Test
    void aCodeJoinsThroughTheMappingsGraphToAspssImagingFindings() throws Exception {
        // the fixture maps EXAMPLE:0001 to ASPS (exactMatch); the real ontology supplies the findings
        Model mappings = MappingGraph.of(SssomReader.read(SssomReaderTest.GOOD));
        assertAspsImagingFindings(imagingFindings(mappings, "https://example.org/vocab/0001"));
        assertEquals(
                List.of(),
                imagingFindings(mappings, "https://example.org/vocab/0003"),
                "a negated mapping joins nothing");
    }

    @Test
    void theProjectsSnomedCtCodeForAspsJoinsToItsImagingFindings() throws Exception {
        Path real = SssomReader.DEFAULT_MAPPING_SET;
        assumeTrue(Files.exists(real), "ontology/mappings/asps.sssom.tsv not merged yet");
        MappingSet set = SssomReader.read(real);
        String asps = AspsVocabulary.iri("AlveolarSoftPartSarcoma");
        List<String> snomedCodes = new CodeResolver(set)
                .codesOf(asps).stream()
                        .filter(m -> Curie.parse(m.objectId())
                                .map(c -> c.prefix().equals(AspsVocabulary.SNOMED_CT_PREFIX))
                                .orElse(false))
                        .filter(m -> set.curieMap()
                                .expand(m.predicateId())
                                .flatMap(MappingPredicate::ofIri)
                                .map(p -> p == MappingPredicate.EXACT_MATCH || p == MappingPredicate.CLOSE_MATCH)
                                .orElse(false))
                        .map(m -> set.curieMap().expand(m.objectId()).orElseThrow())
                        .toList();
        assumeTrue(!snomedCodes.isEmpty(), "the mapping set has no SNOMED CT exact or close match for ASPS");
        Model mappings = MappingGraph.load(real, OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY));
        assertAspsImagingFindings(imagingFindings(mappings, snomedCodes.get(0)));
    }

    @Test
    void theFederatedQueryJoinsOurCrossReferencesToASecondFusekiOnLoopback() throws Exception {
        Model remoteGraph = RDFDataMgr.loadModel("src/test/resources/mapping/external-vocabulary.ttl");
        FusekiServer remote = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/ext", DatasetFactory.create(remoteGraph), false)
                .build()
                .start();
        try {
            String endpoint = "http://localhost:" + remote.getHttpPort() + "/ext/sparql";
            Model ontology = OntologyLoader.readRdf(MappingSetCheckerTest.TERMS);
            Model mappings = MappingGraph.of(SssomReader.read(SssomReaderTest.GOOD));
            ParameterizedSparqlString pss = new ParameterizedSparqlString(Files.readString(FEDERATED));
            pss.setIri("endpoint", endpoint);
            pss.setLiteral("vocabulary", "EXAMPLE");
            assertEquals(
                    List.of(
                            "alveolar soft part sarcoma | EXAMPLE:0001 | https://example.org/remote/R1 | remote sarcoma concept",
                            "alveolar soft part sarcoma | EXAMPLE:0001 | https://example.org/remote/R3 | second remote sarcoma concept",
                            "thigh | EXAMPLE:0002 | https://example.org/remote/R2 | remote thigh concept"),
                    rows(store(ontology, mappings), pss, "termLabel", "code", "remoteConcept", "remoteLabel"));

            pss.setLiteral("vocabulary", "OTHER");
            assertEquals(
                    List.of(
                            "flow voids on MRI | OTHER:0200 | https://example.org/remote/R5 | remote flow void concept"),
                    rows(store(ontology, mappings), pss, "termLabel", "code", "remoteConcept", "remoteLabel"));
        } finally {
            remote.stop();
        }
    }
}
