package org.aspskg.ddx.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.junit.jupiter.api.Test;

/**
 * {@code asps-kg eval eval/published} on the real evaluation set, with the knowledge loaded once: every
 * case is evaluated and falls under one of the six hypotheses, the tallies add up, and the figures stay
 * above floors set from the measured ones minus a margin, so that a regression fails the build. Measured
 * 2026-12-04 on 58 cases with the curated association table, age and sex counted once (DemographicModel):
 * free text through the text index's annotator 58 accepted, top-1 25, top-3 42; from the gold annotations
 * (UBERON sites stated by their UBERON: CURIEs) 56 accepted, top-1 26, top-3 46. Measured 2026-12-05 after the
 * likelihood-ratio audit of issue 15 (attribute values, age groups, corrected gold files): free text 58, 28, 46;
 * gold 58, 33, 49; the gold floors were raised with it (accepted 56, top-1 29). Measured 2026-12-05 after the
 * phrasings of issue 16 (branch phrases5): gold phrases the free text resolves 494 of 550 (main: 438); a floor
 * for them was added (480). Measured 2026-12-05 after the staging, bone, list-negation and figure-reference
 * readings of issue 16 (branch phrases6): 511 of 550; the floor was raised to 500. Measured 2026-12-05 after the
 * Doppler, large-mass, brain-metastasis and head/skin/cervix site readings (branch phrases7): 523 of 550; floor 520.
 * Measured 2026-12-05 after the sourced rows of branches accuracy8 and accuracy9 (issue 15): free text 58, 37, 50;
 * gold 58, 36, 50; the floors were raised to free text 56, 33, 46 and gold 56, 33, 47. Measured 2026-12-05 after
 * the vascular malformation rows of branch accuracy10 (issue 15; main before it: free text 58, 37, 48, gold 58, 37,
 * 49): free text 58, 38, 48; gold 58, 39, 48; the top-1 floors were raised to free text 35 and gold 36. Measured
 * 2026-12-05 on main after the spindle-cell rows and the merges of accuracy10 and accuracy11: free text 58, 38, 50;
 * gold 58, 39, 50; the top-3 floors were raised to free text 47 and gold 48. Measured 2026-12-06 on main after
 * the free-text neighbour and modality rules and the vascular malformation and angiosarcoma mixtures: free text
 * 58, 37, 51; gold 58, 36, 53; the top-3 floors were raised to free text 49 and gold 51.
 */
class EvalPublishedTest {
    static final Path PUBLISHED = Path.of("eval/published");
    static final int ACCEPTED_FLOOR = 56;
    static final int TOP1_FLOOR = 35;
    static final int TOP3_FLOOR = 49;
    static final int GOLD_ACCEPTED_FLOOR = 56;
    static final int GOLD_TOP1_FLOOR = 36;
    static final int GOLD_TOP3_FLOOR = 51;
    static final int GOLD_PHRASES_RESOLVED_FLOOR = 520;

    @Test
    void everyPublishedCaseIsEvaluatedAndTheFiguresStayAboveTheirFloors() {
        DdxKnowledge k = TestKnowledge.knowledge();
        EvalReport r = new Evaluation(k, new PipelineTextReader(k)).run(PUBLISHED, Evaluation.Mode.TEXT);
        EvalReport.Tally all = r.overall();
        assertEquals(Evaluation.caseFiles(PUBLISHED).size(), all.cases());
        assertTrue(all.cases() >= 40, "cases: " + all.cases());
        Set<String> hypotheses =
                r.hypotheses().stream().map(EvalReport.Hypothesis::iri).collect(Collectors.toSet());
        assertTrue(r.cases().stream().allMatch(c -> hypotheses.contains(c.hypothesis())));
        assertEquals(6, r.perDiagnosis().size());
        assertEquals(
                all.cases(),
                r.perDiagnosis().stream().mapToInt(EvalReport.Tally::cases).sum());
        assertEquals(
                all.top1(),
                r.perDiagnosis().stream().mapToInt(EvalReport.Tally::top1).sum());
        assertTrue(all.top1() <= all.top3() && all.top3() <= all.accepted());
        assertTrue(r.cases().stream()
                .filter(c -> !c.accepted())
                .allMatch(c -> c.error() != null && c.rankOfTruth() == null));
        assertTrue(all.accepted() >= ACCEPTED_FLOOR, "accepted as written: " + all.accepted() + "\n" + r.table());
        assertTrue(all.top1() >= TOP1_FLOOR, "top-1: " + all.top1() + "\n" + r.table());
        assertTrue(all.top3() >= TOP3_FLOOR, "top-3: " + all.top3() + "\n" + r.table());
        if (r.goldPhrases() > 0) {
            assertTrue(
                    r.goldResolved() >= GOLD_PHRASES_RESOLVED_FLOOR,
                    "gold phrases resolved: " + r.goldResolved() + " of " + r.goldPhrases());
        }
    }

    @Test
    void goldModeRanksEveryCaseThatHasGoldAnnotations() {
        boolean complete =
                Evaluation.caseFiles(PUBLISHED).stream().allMatch(f -> Files.isRegularFile(GoldAnnotations.fileOf(f)));
        if (!complete) return; // the gold files come with their own branch; until then there is nothing to rank
        DdxKnowledge k = TestKnowledge.knowledge();
        EvalReport r = new Evaluation(k, new LabelScanReader(k)).run(PUBLISHED, Evaluation.Mode.GOLD);
        assertEquals(Evaluation.caseFiles(PUBLISHED).size(), r.overall().cases());
        assertTrue(r.phrasesResolved() > r.overall().cases(), r.table());
        assertTrue(r.overall().accepted() >= GOLD_ACCEPTED_FLOOR, r.table());
        assertTrue(r.overall().top1() >= GOLD_TOP1_FLOOR, r.table());
        assertTrue(r.overall().top3() >= GOLD_TOP3_FLOOR, r.table());
    }
}
