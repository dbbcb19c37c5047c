package org.aspskg.ddx.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.render.RankingFormat;
import org.junit.jupiter.api.Test;

/**
 * What to check next, on a deep thigh mass of a 30-year-old man with nothing else known: ASPS, synovial
 * sarcoma and UPS/MFH lead, and the suggested findings are the ones whose answer would change the leader.
 */
class NextFindingsTest {
    static final String DEEP_THIGH_MASS =
            "{\"id\": \"deep-thigh-mass\", \"age\": 30, \"sex\": \"male\", \"findings\": [\"thigh\", \"deep soft tissue\", \"large mass\"]}";

    @Test
    void theSuggestedFindingsSeparateTheLeadingHypothesesAndTheirAnswersDoWhatTheySay() {
        DifferentialRanking r = TestKnowledge.pipeline()
                .rank(TestKnowledge.json(DEEP_THIGH_MASS))
                .ranking();
        List<NextFindings.NextFinding> next = r.nextFindings();
        assertFalse(next.isEmpty());
        List<String> leading = r.hypotheses().subList(0, 3).stream()
                .map(RankedHypothesis::disease)
                .toList();
        for (int i = 0; i < next.size(); i++) {
            NextFindings.NextFinding f = next.get(i);
            if (i > 0) assertTrue(next.get(i - 1).informationGain() >= f.informationGain());
            assertTrue(f.informationGain() > 0);
            assertTrue(r.classification().feature(f.feature()).isEmpty(), "suggests a stated finding: " + f.label());
            assertTrue(leading.contains(f.favours()) && leading.contains(f.against()), f.toString());
            assertNotEquals(f.favours(), f.against());
            // the ranker as a black box: state the finding and the leader is the one announced
            String curie = TestKnowledge.knowledge().terms().curie(f.feature());
            DifferentialRanking present = TestKnowledge.rank(TestKnowledge.json(
                    DEEP_THIGH_MASS.replace("\"large mass\"]", "\"large mass\", \"" + curie + "\"]")));
            assertEquals(f.leaderIfPresent(), present.top().disease(), f.label());
            DifferentialRanking absent = TestKnowledge.rank(TestKnowledge.json(
                    DEEP_THIGH_MASS.replace("\"large mass\"]}", "\"large mass\"], \"absent\": [\"" + curie + "\"]}")));
            assertEquals(f.leaderIfAbsent(), absent.top().disease(), f.label());
        }
        // the first suggestion changes which hypothesis leads, depending on the answer
        assertNotEquals(next.get(0).leaderIfPresent(), next.get(0).leaderIfAbsent());
    }

    @Test
    void everyOutputFormatShowsWhatToCheckNext() {
        var ranked = TestKnowledge.pipeline().rank(TestKnowledge.json(DEEP_THIGH_MASS));
        String first = ranked.ranking().nextFindings().get(0).label();
        String table = ranked.render(RankingFormat.TABLE);
        assertTrue(table.contains("What to check next:\n   " + first + " separates "), table);
        assertTrue(ranked.render(RankingFormat.JSON).contains("\"nextFindings\" : [ {"));
        String ttl = ranked.render(RankingFormat.TTL);
        assertTrue(ttl.contains("suggestsFinding") && ttl.contains("expectedInformationGain"), ttl);
    }
}
