package org.aspskg.ddx.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/**
 * A case's ranking is the same, to the last bit of every probability and log-likelihood ratio,
 * whatever the order its statements were written in (a case read back from the store has no order,
 * and a cohort query rounding to hide the last bits would hide real differences too).
 */
class RankingDoesNotDependOnStatementOrderTest {
    @Test
    void theSameCaseWithItsStatementsInAnotherOrderGetsBitIdenticalProbabilities() {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<PatientCase> cases = new ArrayList<>();
        for (CohortGenerator.GeneratedCase g : k.cohortGenerator().generate(100, 20250101L)) cases.add(g.patientCase());
        // cases naming any class a case can state, so that findings more general than the knowledge's
        // features (a mass of the lower limb, a soft tissue mass) are weighed too
        Random random = new Random(18);
        List<String> stateable = k.tbox().stateableClasses().stream()
                .map(c -> c.getIRI().toString())
                .sorted()
                .toList();
        for (int i = 0; i < 300; i++) {
            List<CaseStatement> statements = new ArrayList<>();
            SourcePosition at = SourcePosition.of("random-" + i);
            statements.add(CaseStatement.age(5 + random.nextInt(80), at));
            statements.add(CaseStatement.sex(random.nextBoolean() ? "female" : "male", at));
            for (int n = 3 + random.nextInt(6); n > 0; n--) {
                String term = stateable.get(random.nextInt(stateable.size()));
                statements.add(
                        random.nextInt(4) == 0
                                ? CaseStatement.absent(term, term, k.terms().label(term), at)
                                : CaseStatement.present(term, term, k.terms().label(term), at));
            }
            Integer age = Integer.valueOf(statements.get(0).written());
            String sex = statements.get(1).written();
            cases.add(new PatientCase(
                    AspsVocabulary.CASE_NS + "random-" + i, "random-" + i, null, age, sex, statements, at.file()));
        }
        int compared = 0;
        for (PatientCase c : cases) {
            List<String> written;
            try {
                written = fingerprint(k, c);
            } catch (ContradictoryCaseException e) {
                continue; // random statements may contradict each other
            }
            List<CaseStatement> reversed = new ArrayList<>(c.statements());
            Collections.reverse(reversed);
            List<CaseStatement> shuffled = new ArrayList<>(c.statements());
            Collections.shuffle(shuffled, random);
            for (List<CaseStatement> order : List.of(reversed, shuffled)) {
                PatientCase other = new PatientCase(
                        c.iri(), c.id(), c.label(), c.ageYears(), c.sex(), order, c.source(), c.readings());
                assertEquals(written, fingerprint(k, other), () -> c.id() + " in another order: " + order);
            }
            compared++;
        }
        assertTrue(compared >= 250, "cases compared: " + compared);
    }

    /** Every hypothesis with the exact bits of its probability and log10 likelihood ratio, in rank order. */
    private static List<String> fingerprint(DdxKnowledge k, PatientCase c) {
        DifferentialRanking r = k.ranker().rank(k.classifier().classify(c));
        List<String> out = new ArrayList<>();
        for (RankedHypothesis h : r.hypotheses()) {
            out.add(h.disease() + " p=" + Double.toHexString(h.postTestProbability()) + " log10="
                    + Double.toHexString(h.log10LikelihoodRatio()));
        }
        return out;
    }
}
