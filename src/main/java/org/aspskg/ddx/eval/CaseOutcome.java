package org.aspskg.ddx.eval;

import java.util.List;

/**
 * What the evaluation made of one published case.
 *
 * @param file          the case file, relative to the evaluated directory
 * @param diagnosis     the final diagnosis as the case names it
 * @param hypothesis    the hypothesis (IRI) that diagnosis falls under
 * @param error         why the case was not ranked, or null when it was (accepted as written)
 * @param resolved      phrases resolved to terms (free text) or gold rows used (gold mode)
 * @param unresolved    what was not understood: the reader's unresolved spans, or gold terms the ontology does not know
 * @param rankOfTruth   the rank of the true hypothesis (1 = first), or null when not ranked
 * @param top           the label of the hypothesis ranked first, or null
 * @param topProbability its post-test probability
 * @param drivers       the first hypothesis' strongest supporting findings, strongest first
 * @param gold          the gold phrases this case has that the ontology weighs (0 without a gold file)
 * @param goldResolved  how many of them the free-text reader resolved to the gold term, or a term that entails it through the hierarchy, with the gold polarity
 * @param goldMissed    the gold phrases it did not, each as {@code phrase → term (polarity)}
 * @param excluded      the hypotheses (IRIs) the case logically excludes
 */
public record CaseOutcome(
        String file,
        String diagnosis,
        String hypothesis,
        String error,
        int resolved,
        List<String> unresolved,
        Integer rankOfTruth,
        String top,
        String topIri,
        double topProbability,
        List<String> drivers,
        int gold,
        int goldResolved,
        List<String> goldMissed,
        List<String> excluded) {

    /** A case that could not be ranked: why, and what was read of it before that. */
    static CaseOutcome notRanked(
            String file,
            String diagnosis,
            String hypothesis,
            String error,
            int resolved,
            List<String> unresolved,
            int gold,
            int goldResolved,
            List<String> goldMissed) {
        return new CaseOutcome(
                file,
                diagnosis,
                hypothesis,
                error,
                resolved,
                unresolved,
                null,
                null,
                null,
                0,
                List.of(),
                gold,
                goldResolved,
                goldMissed,
                List.of());
    }

    public CaseOutcome {
        excluded = List.copyOf(excluded);
        unresolved = List.copyOf(unresolved);
        drivers = List.copyOf(drivers);
        goldMissed = List.copyOf(goldMissed);
    }

    public boolean accepted() {
        return error == null;
    }

    public boolean top1() {
        return rankOfTruth != null && rankOfTruth == 1;
    }

    public boolean top3() {
        return rankOfTruth != null && rankOfTruth <= 3;
    }
}
