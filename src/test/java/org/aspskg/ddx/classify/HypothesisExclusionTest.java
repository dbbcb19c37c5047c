package org.aspskg.ddx.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.eval.CaseOutcome;
import org.aspskg.ddx.eval.EvalReport;
import org.aspskg.ddx.eval.Evaluation;
import org.aspskg.ddx.eval.PipelineTextReader;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/**
 * Logical exclusion: a forearm lesion of pure vascular tissue with no solid component excludes every
 * neoplasm (every sarcoma has a solid component) with the proof, and not the vascular malformation; the
 * compiled decision agrees with HermiT's; no example or published case excludes its own diagnosis.
 */
class HypothesisExclusionTest {
    static final String VM = AspsVocabulary.NS + "VascularMalformation";
    static final String NO_SOLID_COMPONENT = """
            {"id": "forearm-pure-vascular", "age": 25, "sex": "female",
             "findings": ["upper limb", "flow voids", "pure vascular tissue"],
             "absent": ["solid tumour component"]}
            """;

    @Test
    void aLesionWithoutSolidComponentExcludesEveryNeoplasmWithItsJustification() {
        DifferentialRanking r = TestKnowledge.rank(TestKnowledge.json(NO_SOLID_COMPONENT));
        assertEquals(VM, r.top().disease());
        assertTrue(r.exclusion(VM).isEmpty());
        assertEquals(5, r.exclusions().size());
        for (RankedHypothesis h : r.hypotheses().subList(1, 6)) {
            var x = r.exclusion(h.disease()).orElseThrow(() -> new AssertionError(h.label() + " not excluded"));
            assertEquals(0.0, h.postTestProbability());
            HypothesisExclusion.Clash clash = x.clashes().get(0);
            assertEquals(AspsVocabulary.NS + "SolidTumourComponent", clash.feature());
            assertTrue(clash.obligatePresent());
            assertEquals("solid tumour component", clash.statements().get(0).written());
            assertTrue(
                    clash.axioms().stream()
                            .anyMatch(a -> a.text()
                                            .equals("Sarcoma SubClassOf hasObligateFeature some SolidTumourComponent")
                                    && a.sources().equals(List.of(AspsVocabulary.SOURCE_NS + "nci-solid-tumor"))),
                    clash.axioms().toString());
            assertTrue(
                    clash.axioms().stream().anyMatch(HypothesisExclusion.Axiom::bridge),
                    clash.axioms().toString());
        }
        assertEquals(1.0, r.top().postTestProbability(), 1e-9);
    }

    @Test
    void theVerdictsWithoutProofsAreTheVerdictsWithProofsLessTheAxioms() {
        // the findings to check next rank trial cases with the verdicts only: they must be the same verdicts
        DdxKnowledge k = TestKnowledge.knowledge();
        PatientCase c = TestKnowledge.json(NO_SOLID_COMPONENT);
        CaseClassification classification = k.classifier().classify(c);
        List<HypothesisExclusion.Exclusion> full = k.exclusion().excluded(classification);
        List<HypothesisExclusion.Exclusion> bare = k.exclusion().excludedWithoutProofs(classification);
        assertEquals(5, full.size());
        assertEquals(full.size(), bare.size());
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.get(i).disease(), bare.get(i).disease());
            assertEquals(full.get(i).clashes().size(), bare.get(i).clashes().size());
            for (int j = 0; j < full.get(i).clashes().size(); j++) {
                HypothesisExclusion.Clash a = full.get(i).clashes().get(j);
                HypothesisExclusion.Clash b = bare.get(i).clashes().get(j);
                assertEquals(a.feature(), b.feature());
                assertEquals(a.obligatePresent(), b.obligatePresent());
                assertEquals(a.statements(), b.statements());
                assertFalse(a.axioms().isEmpty());
                assertTrue(b.axioms().isEmpty());
            }
        }
    }

    @Test
    void everyOutputFormatShowsTheExclusion() {
        DdxKnowledge k = TestKnowledge.knowledge();
        var ranked = k.pipeline().rank(TestKnowledge.json(NO_SOLID_COMPONENT));
        String table = ranked.render(RankingFormat.TABLE);
        assertTrue(
                table.contains("EXCLUDED: every case of it shows solid tumour component, and the case states no "
                        + "'solid tumour component'"),
                table);
        assertTrue(
                table.contains(
                        "Sarcoma SubClassOf hasObligateFeature some SolidTumourComponent  [src:nci-solid-tumor]"),
                table);
        String json = ranked.render(RankingFormat.JSON);
        assertTrue(json.contains("\"excluded\" : true") && json.contains("\"justification\""), json);
        String ttl = ranked.render(RankingFormat.TTL);
        assertTrue(ttl.contains("ExcludedHypothesis") && ttl.contains("justificationAxiom"), ttl);
    }

    @Test
    void theCompiledExclusionAgreesWithHermit() {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<PatientCase> cases = List.of(
                TestKnowledge.json(NO_SOLID_COMPONENT),
                TestKnowledge.read(TestKnowledge.EXAMPLES.resolve("vascular-malformation-forearm-pure-vascular.json")),
                TestKnowledge.json(
                        "{\"id\": \"solid-avm\", \"findings\": [\"solid tumour component\", \"flow voids\"]}"));
        for (PatientCase c : cases) {
            DifferentialRanking r = TestKnowledge.rank(c);
            for (String h : k.associations().hypotheses()) {
                assertEquals(
                        k.exclusion().excludedByHermit(c, h), r.exclusion(h).isPresent(), c.id() + " / " + h);
            }
        }
        // a solid component excludes the vascular malformation (the source: pure vascular tissue, no solid tumour)
        DifferentialRanking solid = TestKnowledge.rank(cases.get(2));
        assertEquals(
                Set.of(VM),
                Set.copyOf(solid.exclusions().stream().map(x -> x.disease()).toList()));
        assertFalse(solid.exclusion(VM).get().clashes().get(0).obligatePresent());
    }

    @Test
    void noExampleCaseExcludesItsOwnDiagnosis() {
        for (Path f : TestKnowledge.examples()) {
            DifferentialRanking r = TestKnowledge.rank(f);
            assertTrue(r.exclusion(r.top().disease()).isEmpty(), f + ": top hypothesis excluded");
        }
    }

    @Test
    void noPublishedCaseExcludesItsTrueDiagnosis() {
        DdxKnowledge k = TestKnowledge.knowledge();
        for (Evaluation.Mode mode : Evaluation.Mode.values()) {
            EvalReport report = new Evaluation(k, new PipelineTextReader(k)).run(Path.of("eval/published"), mode);
            for (CaseOutcome c : report.cases()) {
                assertFalse(c.excluded().contains(c.hypothesis()), mode + " " + c.file() + " excludes its diagnosis");
            }
        }
    }
}
