package org.aspskg.ddx.rank;

import java.util.List;
import org.aspskg.ddx.cases.CaseStatement;

/**
 * One association counted for a hypothesis: the case shows its feature (observed) or is known not
 * to, the likelihood ratio that follows, and the case statements it rests on.
 *
 * @param association  the disease-feature association
 * @param featureLabel the feature's label
 * @param observed     true when the case shows the feature, false when it is known not to
 * @param likelihoodRatio the factor on the hypothesis' odds
 * @param statements   the case statements that decided the feature's status
 */
public record Evidence(
        Association association,
        String featureLabel,
        boolean observed,
        double likelihoodRatio,
        List<CaseStatement> statements) {

    public Evidence {
        statements = List.copyOf(statements);
    }

    public boolean supports() {
        return likelihoodRatio > 1.0;
    }

    public boolean opposes() {
        return likelihoodRatio < 1.0;
    }
}
