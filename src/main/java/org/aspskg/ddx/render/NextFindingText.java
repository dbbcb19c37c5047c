package org.aspskg.ddx.render;

import java.util.Locale;
import java.util.function.Function;
import org.aspskg.ddx.rank.NextFindings;

/** The sentence a finding to check next reads as, the same in every output format. */
final class NextFindingText {
    private NextFindingText() {}

    /** E.g. "strong nuclear TFE3 immunostaining separates alveolar soft part sarcoma from synovial sarcoma here …". */
    static String sentence(NextFindings.NextFinding f, Function<String, String> labels) {
        String head = f.favours().equals(f.against())
                ? f.label() + " would move the leading hypotheses"
                : f.label() + " separates " + labels.apply(f.favours()) + " from " + labels.apply(f.against())
                        + " here";
        return String.format(
                Locale.ROOT,
                "%s (expected information gain %.2f bits; present with probability %.0f%%: if present, %s %.0f%%; "
                        + "if absent, %s %.0f%%)",
                head,
                f.informationGain(),
                100 * f.presentProbability(),
                labels.apply(f.leaderIfPresent()),
                100 * f.leaderIfPresentProbability(),
                labels.apply(f.leaderIfAbsent()),
                100 * f.leaderIfAbsentProbability());
    }
}
