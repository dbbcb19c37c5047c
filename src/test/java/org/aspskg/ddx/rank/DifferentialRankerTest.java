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

    private static RankedHypothesis hypothesis(DifferentialRanking r, String disease) {
        return r.hypotheses().stream()
                .filter(h -> h.disease().equals(disease))
                .findFirst()
                .orElseThrow();
    }

    private static double post(DifferentialRanking r, String disease) {
        return hypothesis(r, disease).postTestProbability();
    }

    @Test
    void aCasesAgeAndSexContributeExactlyOneFactorPerHypothesis() {
        DdxKnowledge k = TestKnowledge.knowledge();
        DemographicModel model = new DemographicModel(k.demographics(), k.associations());
        // a 15-year-old is in the children's and the adolescents' groups and in no adult group: one factor,
        // P(10–17, male | h), not one ratio per group and per group the case is not in
        DifferentialRanking r = TestKnowledge.rank(TestKnowledge.json("""
                {"id": "teen", "age": 15, "sex": "male", "findings": ["orbit"]}"""));
        for (RankedHypothesis h : r.hypotheses()) {
            List<Evidence> demographic = h.evidence().stream()
                    .filter(e -> model.isDemographic(e.association().feature()))
                    .toList();
            assertEquals(1, demographic.size(), h.label() + ": " + demographic);
            // the factor of the hypothesis, or of the subtype whose evidence a mixture shows
            assertEquals(
                    model.probability(demographic.get(0).association().disease(), 15, "male"),
                    demographic.get(0).association().frequency(),
                    1e-9);
        }
        // the fitted distribution meets the sourced frequencies: osteosarcoma's adolescents (10–19)
        // (osteosarcoma's statements are those of its skeletal subtype, the bone tumour)
        String osteosarcoma = AspsVocabulary.iri("SkeletalOsteosarcoma");
        double adolescents = 0;
        for (int age : new int[] {10, 18}) adolescents += model.probability(osteosarcoma, age, null);
        double sourced = k.associations().of(osteosarcoma).stream()
                .filter(a -> a.feature().equals(AspsVocabulary.iri("AdolescentGroup")) && a.ageGroup() == null)
                .findFirst()
                .orElseThrow()
                .frequency();
        assertEquals(sourced, adolescents, 0.02);
        // and every hypothesis' distribution over the cells sums to 1
        for (String h : k.associations().hypotheses()) {
            double total = 0;
            for (int age : new int[] {0, 10, 18, 20, 30, 40, 60}) total += model.probability(h, age, null);
            assertEquals(1.0, total, 1e-9, h);
        }
    }

    @Test
    void posteriorIsTheProductOfTheDerivedFrequenciesNormalisedOverTheSixHypotheses() {
        DifferentialRanking r = TestKnowledge.rank(classicAsps(", \"flow voids\"", "\"calcification on CT\""));
        Map<String, Double> likelihood = new java.util.HashMap<>();
        for (RankedHypothesis h : r.hypotheses()) {
            double product = 1;
            for (Evidence e : h.evidence()) product *= e.association().probability(e.observed());
            likelihood.put(h.disease(), product);
        }
        // a hypothesis without subtypes: P(case | h) is the product of its evidence, so the posterior odds of two
        // such hypotheses are the ratio of their products; a mixture's evidence is that of its most probable
        // subtype, whose weighted product is a lower bound of Σ_k w_k P(case | h, k)
        var associations = TestKnowledge.knowledge().associations();
        for (RankedHypothesis h : r.hypotheses()) {
            if (!associations.isMixture(h.disease())) {
                assertEquals(
                        likelihood.get(h.disease()) / likelihood.get(ASPS),
                        h.postTestProbability() / post(r, ASPS),
                        1e-9 * likelihood.get(h.disease()) / likelihood.get(ASPS),
                        h.label());
            } else {
                String shown = h.evidence().get(0).association().disease();
                double weight = associations.components(h.disease()).stream()
                        .filter(c -> c.iri().equals(shown))
                        .findFirst()
                        .orElseThrow()
                        .weight();
                assertTrue(
                        h.postTestProbability() / post(r, ASPS)
                                >= weight * likelihood.get(h.disease()) / likelihood.get(ASPS) * (1 - 1e-9),
                        h.label());
            }
        }
        assertEquals(
                1.0,
                r.hypotheses().stream()
                        .mapToDouble(RankedHypothesis::postTestProbability)
                        .sum(),
                1e-9);
        for (int i = 1; i < r.hypotheses().size(); i++) {
            assertTrue(r.hypotheses().get(i - 1).postTestProbability()
                    >= r.hypotheses().get(i).postTestProbability());
        }
        // every hypothesis is weighed on the same features
        List<String> features = r.top().evidence().stream()
                .map(e -> e.association().feature())
                .sorted()
                .toList();
        for (RankedHypothesis h : r.hypotheses()) {
            assertEquals(
                    features,
                    h.evidence().stream()
                            .map(e -> e.association().feature())
                            .sorted()
                            .toList(),
                    h.label());
        }
    }

    @Test
    void eachEvidenceLineShowsTheOneAgainstTheRestRatioOfTheSameFrequencies() {
        DifferentialRanking r = TestKnowledge.rank(classicAsps(", \"flow voids\"", "\"calcification on CT\""));
        double log10 = 0;
        for (Evidence e : r.top().evidence()) {
            Association a = e.association();
            double p = a.frequency();
            double q = a.frequencyInOthers();
            double expected = e.observed() ? p / q : (1 - p) / (1 - q);
            assertEquals(expected, e.likelihoodRatio(), 1e-3 * expected, a.iri());
            log10 += Math.log10(e.likelihoodRatio());
        }
        assertEquals(log10, r.top().log10LikelihoodRatio(), 1e-12);
        Evidence flowVoids = r.top().evidence().stream()
                .filter(e -> e.association().feature().equals(AspsVocabulary.iri("FlowVoid")))
                .findFirst()
                .orElseThrow();
        assertTrue(flowVoids.observed());
        assertTrue(
                flowVoids.association().references().stream()
                        .anyMatch(ref -> ref.iri().contains("radiopaedia-59433")),
                "flow voids in ASPS cite the article: "
                        + flowVoids.association().references());
    }

    @Test
    void addingTfe3NegativeMultipliesEachHypothesisLikelihoodByItsChanceOfNoNuclearTfe3() {
        String tfe3 = AspsVocabulary.iri("TFE3NuclearImmunoreactivity");
        DifferentialRanking before = TestKnowledge.rank(classicAsps("", ""));
        DifferentialRanking after = TestKnowledge.rank(classicAsps(", \"TFE3 negative\"", ""));
        Map<String, Double> pNone = new java.util.HashMap<>();
        for (Association a : TestKnowledge.knowledge().associations().all()) {
            if (a.feature().equals(tfe3) && a.ageGroup() == null) pNone.put(a.disease(), 1 - a.frequency());
        }
        assertEquals(6, pNone.size(), "a derived node per hypothesis: " + pNone);
        assertTrue(pNone.get(ASPS) < 0.2, "ASPS is nearly always TFE3-positive: " + pNone.get(ASPS));
        for (String d : pNone.keySet()) {
            double moved = (post(after, d) / post(after, ASPS)) / (post(before, d) / post(before, ASPS));
            assertEquals(pNone.get(d) / pNone.get(ASPS), moved, 1e-6 * moved, d);
        }
        assertTrue(post(after, ASPS) < post(before, ASPS));
    }

    @Test
    void statingFlowVoidsAbsentLowersAspsAndRaisesSynovialSarcoma() {
        DifferentialRanking without = TestKnowledge.rank(classicAsps("", ""));
        DifferentialRanking absent = TestKnowledge.rank(classicAsps("", "\"flow voids\""));
        assertTrue(post(absent, ASPS) < post(without, ASPS));
        assertTrue(post(absent, SYNOVIAL) > post(without, SYNOVIAL));
        Evidence line = hypothesis(absent, SYNOVIAL).evidence().stream()
                .filter(e -> e.association().feature().equals(AspsVocabulary.iri("FlowVoid")))
                .findFirst()
                .orElseThrow();
        assertTrue(!line.observed() && line.supports(), "no flow voids supports synovial sarcoma: " + line);
    }

    @Test
    void aFindingMoreGeneralThanEveryKnownFeatureCountsThroughThemWithAWeakerRatio() {
        // the sources report oedema on MRI, never oedema as such
        String oedema = AspsVocabulary.iri("Oedema");
        assertTrue(
                TestKnowledge.knowledge().associations().all().stream()
                        .noneMatch(a -> a.feature().equals(oedema)),
                "oedema itself has no derived node");
        DifferentialRanking general = TestKnowledge.rank(TestKnowledge.json("{\"findings\": [\"oedema\"]}"));
        DifferentialRanking specific = TestKnowledge.rank(TestKnowledge.json("{\"findings\": [\"oedema on MRI\"]}"));
        double b = TestKnowledge.knowledge().associations().notReported();
        Map<String, Double> pSpecific = new java.util.HashMap<>();
        for (RankedHypothesis h : specific.hypotheses()) {
            pSpecific.put(h.disease(), h.evidence().get(0).association().frequency());
        }
        for (RankedHypothesis h : general.hypotheses()) {
            assertEquals(1, h.evidence().size(), h.label());
            // (a mixture may show another subtype's evidence for the general finding than for the specific one)
            var components = TestKnowledge.knowledge().associations().components(h.disease());
            if (components.size() > 1) continue;
            Evidence e = h.evidence().get(0);
            assertEquals(oedema, e.association().feature());
            assertEquals(
                    1 - (1 - b) * (1 - pSpecific.get(h.disease())),
                    e.association().frequency(),
                    1e-9);
            double specificLr =
                    hypothesis(specific, h.disease()).evidence().get(0).likelihoodRatio();
            assertTrue(
                    Math.abs(Math.log(e.likelihoodRatio())) < Math.abs(Math.log(specificLr)),
                    h.label() + ": general " + e.likelihoodRatio() + " vs specific " + specificLr);
            assertTrue(
                    Math.signum(Math.log(e.likelihoodRatio())) == Math.signum(Math.log(specificLr)),
                    h.label() + ": same direction");
        }
        assertEquals(specific.top().disease(), general.top().disease());
        assertTrue(general.top().postTestProbability() < specific.top().postTestProbability());
        assertTrue(general.unexplained().isEmpty(), "oedema was used: " + general.unexplained());
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
    void likelihoodRatiosAreReadFromTheOntologySoEditingADerivedFrequencyChangesTheRanking(@TempDir Path dir)
            throws Exception {
        Model edited = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        Resource node = edited.getResource(
                org.aspskg.ontology.LikelihoodRatioDerivation.DERIVED_NS + "SynovialSarcoma-FlowVoid");
        assertTrue(node.hasProperty(AspsVocabulary.LIKELIHOOD_RATIO_IF_PRESENT), "derived node " + node);
        node.removeAll(AspsVocabulary.FREQUENCY);
        node.addLiteral(AspsVocabulary.FREQUENCY, edited.createTypedLiteral(new BigDecimal("0.9")));
        Path file = dir.resolve("edited.ttl");
        try (var out = Files.newOutputStream(file)) {
            RDFDataMgr.write(out, edited, Lang.TURTLE);
        }
        DifferentialPipeline editedPipeline =
                DdxKnowledge.load(file, DdxKnowledge.DEFAULT_SHAPES).pipeline();
        String json = "{\"id\": \"x\", \"age\": 50, \"findings\": [\"flow voids\"]}";
        DifferentialRanking before = TestKnowledge.rank(CaseInput.json(json, "x.json"));
        DifferentialRanking after = editedPipeline
                .rank(editedPipeline.read(CaseInput.json(json, "x.json")))
                .ranking();
        double pBefore =
                hypothesis(before, SYNOVIAL).evidence().get(0).association().frequency();
        double ratio = (post(after, SYNOVIAL) / post(after, ASPS)) / (post(before, SYNOVIAL) / post(before, ASPS));
        assertEquals(0.9 / pBefore, ratio, 1e-6 * ratio);
    }
}
