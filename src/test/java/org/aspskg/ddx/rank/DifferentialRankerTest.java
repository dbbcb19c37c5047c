package org.aspskg.ddx.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ranker's arithmetic: likelihood ratios from the ontology, each piece of evidence counted once. */
class DifferentialRankerTest {
    private static final String ASPS = AspsVocabulary.iri("AlveolarSoftPartSarcoma");
    private static final String SYNOVIAL = AspsVocabulary.iri("SynovialSarcoma");

    /** The classic ASPS vignette without TFE3 staining, with extra findings and absences appended. */
    private static PatientCase classicAsps(String extraFindings, String absent) {
        return TestKnowledge.json("""
                {"id": "classic", "age": 24, "sex": "female",
                 "findings": ["thigh", "deep soft tissue", "large mass", "highly vascular mass",
                              "T2 hyperintense", "heterogeneous enhancement on post-contrast T1" %s],
                 "absent": [%s]}""".formatted(extraFindings, absent));
    }

    private static Map<String, Double> log10ByDiagnosis(DifferentialRanking r) {
        return r.hypotheses().stream()
                .collect(Collectors.toMap(RankedHypothesis::disease, RankedHypothesis::log10LikelihoodRatio));
    }

    private static double decimal(Resource r, String localName) {
        return r.getProperty(AspsVocabulary.property(localName)).getDouble();
    }

    @Test
    void addingTfe3NegativeMultipliesAspsOddsByTheNegativeLikelihoodRatioAndNothingElse() {
        Model ontology = TestKnowledge.knowledge().ontology();
        Resource tfe3 = ontology.getResource(AspsVocabulary.FACT_NS + "asps-tfe3-nuclear");
        double sens = decimal(tfe3, "sensitivity");
        double spec = decimal(tfe3, "specificity");
        double lrNegative = (1 - sens) / spec;
        assertEquals(0.08 / 0.92, lrNegative, 1e-12, "the article's 92% sensitivity and specificity");

        Map<String, Double> before = log10ByDiagnosis(TestKnowledge.rank(classicAsps("", "")));
        Map<String, Double> after = log10ByDiagnosis(TestKnowledge.rank(classicAsps(", \"TFE3 negative\"", "")));
        for (String d : before.keySet()) {
            double oddsRatio = Math.pow(10, after.get(d) - before.get(d));
            assertEquals(d.equals(ASPS) ? lrNegative : 1.0, oddsRatio, 1e-9, d);
        }
    }

    @Test
    void statingFlowVoidsAbsentLowersAspsAndRaisesSynovialSarcomaByTheirWeightsNegativeRatios() {
        Model ontology = TestKnowledge.knowledge().ontology();
        double common = decimal(ontology.getResource(AspsVocabulary.iri("Common")), "likelihoodRatioIfAbsent");
        double arguesAgainst =
                decimal(ontology.getResource(AspsVocabulary.iri("ArguesAgainst")), "likelihoodRatioIfAbsent");
        DifferentialRanking without = TestKnowledge.rank(classicAsps("", ""));
        DifferentialRanking absent = TestKnowledge.rank(classicAsps("", "\"flow voids\""));
        Map<String, Double> b = log10ByDiagnosis(without);
        Map<String, Double> a = log10ByDiagnosis(absent);
        assertEquals(common, Math.pow(10, a.get(ASPS) - b.get(ASPS)), 1e-9);
        assertEquals(arguesAgainst, Math.pow(10, a.get(SYNOVIAL) - b.get(SYNOVIAL)), 1e-9);
        assertTrue(post(absent, ASPS) < post(without, ASPS));
        assertTrue(post(absent, SYNOVIAL) > post(without, SYNOVIAL));
    }

    private static double post(DifferentialRanking r, String disease) {
        return r.hypotheses().stream()
                .filter(h -> h.disease().equals(disease))
                .findFirst()
                .orElseThrow()
                .postTestProbability();
    }

    @Test
    void evidenceListsEachCountedAssociationWithItsRatioStatusAndReferences() {
        DifferentialRanking r = TestKnowledge.rank(classicAsps(", \"flow voids\"", "\"calcification on CT\""));
        Function<Evidence, String> show = e -> e.association().iri().replace(AspsVocabulary.FACT_NS, "") + "|"
                + (e.observed() ? "present" : "absent")
                + "|" + e.likelihoodRatio() + "|"
                + e.association().references().stream().map(Reference::number).toList();
        RankedHypothesis synovial = r.hypotheses().stream()
                .filter(h -> h.disease().equals(SYNOVIAL))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(), synovial.supporting().stream().map(show).toList());
        assertEquals(
                List.of(
                        "synovial-sarcoma-no-flow-voids|present|0.2|[3]",
                        "synovial-sarcoma-ct-calcification|absent|0.5|[3]"),
                synovial.opposing().stream().map(show).toList());
        assertEquals(
                List.of(
                        "asps-deep-soft-tissue|present|10.0|[]",
                        "asps-hypervascular|present|10.0|[9]",
                        "asps-thigh-adults|present|10.0|[]",
                        "asps-large-mass|present|4.0|[9]",
                        "asps-mri-t1c-heterogeneous|present|4.0|[9]",
                        "asps-mri-t2|present|4.0|[9]",
                        "asps-young-adults|present|4.0|[]",
                        "asps-female-under-30|present|2.0|[1]",
                        "asps-mri-flow-voids|present|2.0|[9]"),
                r.top().supporting().stream().map(show).toList());
        double product = r.top().evidence().stream()
                .mapToDouble(Evidence::likelihoodRatio)
                .reduce(1, (x, y) -> x * y);
        assertEquals(Math.log10(product), r.top().log10LikelihoodRatio(), 1e-12);
        double pretestOdds = r.pretestProbability() / (1 - r.pretestProbability());
        assertEquals(1.0 / r.hypotheses().size(), r.pretestProbability(), 1e-15);
        assertEquals(pretestOdds * product, r.top().postTestOdds(), 1e-6 * pretestOdds * product);
    }

    @Test
    void aSiteAndTheSiteItIsPartOfCountOnceAndStatementOrderDoesNotMatter() {
        DifferentialRanking thigh = TestKnowledge.rank(TestKnowledge.json("{\"age\": 30, \"findings\": [\"thigh\"]}"));
        DifferentialRanking both =
                TestKnowledge.rank(TestKnowledge.json("{\"age\": 30, \"findings\": [\"lower limb\", \"thigh\"]}"));
        assertEquals(TestKnowledge.signature(thigh), TestKnowledge.signature(both));
        List<String> names = new ArrayList<>(List.of(
                "\"thigh\"",
                "\"deep soft tissue\"",
                "\"flow voids\"",
                "\"hypervascular mass on CT angiography\"",
                "\"hypervascularity\"",
                "\"necrosis on MRI\"",
                "\"TFE3 negative\""));
        String first = null;
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(names, random);
            String s = TestKnowledge.signature(
                    TestKnowledge.rank(TestKnowledge.json("{\"age\": 40, \"sex\": \"male\", \"findings\": ["
                            + String.join(", ", names) + "], \"absent\": [\"calcification\"]}")));
            if (first == null) first = s;
            assertEquals(first, s, "order " + names);
        }
    }

    @Test
    void likelihoodRatiosAreReadFromTheOntologySoEditingAWeightChangesTheRanking(@TempDir Path dir) throws Exception {
        Model edited = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        Resource common = edited.getResource(AspsVocabulary.iri("Common"));
        common.removeAll(AspsVocabulary.LIKELIHOOD_RATIO_IF_PRESENT);
        common.addLiteral(AspsVocabulary.LIKELIHOOD_RATIO_IF_PRESENT, edited.createTypedLiteral(new BigDecimal("3.0")));
        Path file = dir.resolve("edited.ttl");
        try (var out = Files.newOutputStream(file)) {
            RDFDataMgr.write(out, edited, Lang.TURTLE);
        }
        DifferentialPipeline editedPipeline =
                DdxKnowledge.load(file, DdxKnowledge.DEFAULT_SHAPES).pipeline();
        String json = "{\"id\": \"x\", \"age\": 50, \"findings\": [\"flow voids\", \"lung metastasis\"]}";
        double before = TestKnowledge.rank(CaseInput.json(json, "x.json")).top().log10LikelihoodRatio();
        DifferentialRanking after = editedPipeline
                .rank(editedPipeline.read(CaseInput.json(json, "x.json")))
                .ranking();
        // Flow voids and lung metastasis are both 'common' for ASPS: each goes from 2.0 to 3.0.
        assertEquals(ASPS, after.top().disease());
        assertEquals(before + 2 * Math.log10(3.0 / 2.0), after.top().log10LikelihoodRatio(), 1e-12);
    }
}
