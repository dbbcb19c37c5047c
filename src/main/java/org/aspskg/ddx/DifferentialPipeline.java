package org.aspskg.ddx;

import java.util.function.Supplier;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.CaseClassifier;
import org.aspskg.ddx.classify.HermitCaseClassifier;
import org.aspskg.ddx.classify.HermitCheckedClassifier;
import org.aspskg.ddx.classify.HypothesisExclusion;
import org.aspskg.ddx.rank.DifferentialRanker;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.NextFindings;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.read.CaseReader;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ddx.render.RankingRenderer;

/**
 * Case in, ranking out: {@link #read} a case (validated), {@link #rank} it — classify against the
 * ontology, rank the differential — and render the {@link RankedCase} in any {@link RankingFormat}
 * or store it. The one path the command line and the HTTP endpoint take, so both give the same
 * answer; they differ only in option parsing and content negotiation. Problems with a case are
 * {@link AspsKgException}s. Built by {@link DdxKnowledge#pipeline()}; thread-safe.
 */
public final class DifferentialPipeline {
    private final CaseReader reader;
    private final CaseClassifier classifier;
    private final Supplier<HermitCaseClassifier> hermit;
    private final DifferentialRanker ranker;
    private final RankingRenderer renderer;
    private final HypothesisExclusion exclusion;
    private final NextFindings next;

    /**
     * @param reader     reads and validates cases
     * @param classifier classifies them (the compiled classifier)
     * @param hermit     a new HermiT classifier, for {@link #rankCheckedWithHermit}
     * @param ranker     ranks a classified case
     * @param renderer   makes the ranking ready for every output format
     * @param exclusion  which hypotheses a case logically excludes
     * @param next       the findings to check next
     */
    public DifferentialPipeline(
            CaseReader reader,
            CaseClassifier classifier,
            Supplier<HermitCaseClassifier> hermit,
            DifferentialRanker ranker,
            RankingRenderer renderer,
            HypothesisExclusion exclusion,
            NextFindings next) {
        this.reader = reader;
        this.exclusion = exclusion;
        this.next = next;
        this.classifier = classifier;
        this.hermit = hermit;
        this.ranker = ranker;
        this.renderer = renderer;
    }

    /** A pipeline over the project's ontology and case shapes. */
    public static DifferentialPipeline loadDefault() {
        return DdxKnowledge.loadDefault().pipeline();
    }

    /** Reads and validates one case, resolving loosely written phrases with the text index. */
    public PatientCase read(CaseInput input) {
        return reader.read(input, false);
    }

    /** Reads and validates one case; {@code strict} refuses any name or span that does not resolve exactly. */
    public PatientCase read(CaseInput input, boolean strict) {
        return reader.read(input, strict);
    }

    /** Classifies a case with the compiled classifier and ranks it. */
    public RankedCase rank(PatientCase c) {
        DifferentialRanking ranking = ranked(classifier.classify(c));
        return renderer.ranked(ranking.withNextFindings(next.suggest(ranking)));
    }

    /**
     * Classifies a case and ranks it without the findings to check next: what a cohort's rankings
     * hold (the top diagnoses and their probabilities). Suggesting next findings ranks the case again
     * twice per candidate finding, some fifty times the cost of the ranking itself.
     */
    public RankedCase rankWithoutNextFindings(PatientCase c) {
        return renderer.ranked(ranked(classifier.classify(c)));
    }

    /** The ranking of a classified case, the hypotheses it logically excludes last. */
    public DifferentialRanking ranked(CaseClassification classification) {
        return ranker.rank(classification).excluding(exclusion.excluded(classification));
    }

    /**
     * As {@link #rank}, and also realizes the case with HermiT and fails if the two classifications
     * differ (a cross-check; slow).
     */
    public RankedCase rankCheckedWithHermit(PatientCase c) {
        CaseClassification classification = new HermitCheckedClassifier(classifier, hermit.get()).classify(c);
        DifferentialRanking ranking = ranked(classification);
        for (String h :
                ranking.hypotheses().stream().map(RankedHypothesis::disease).toList()) {
            boolean compiled = ranking.exclusion(h).isPresent();
            if (compiled != exclusion.excludedByHermit(c, h)) {
                throw new AspsKgException(
                        "case " + c.id() + ": HermiT and the compiled exclusion disagree on " + h + " (compiled: "
                                + (compiled ? "excluded" : "not excluded") + ")",
                        "This is a bug in asps-kg, not in the case: report it with the case file.");
            }
        }
        return renderer.ranked(ranking.withNextFindings(next.suggest(ranking)));
    }
}
