package org.aspskg.ddx.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.aspskg.ddx.TestKnowledge;
import org.junit.jupiter.api.Test;

/** The one result of the differential: every format renders from it, its RDF is built once. */
class RankedCaseTest {
    private static final Path EXAMPLE = TestKnowledge.EXAMPLES.resolve("asps-thigh-young-woman.json");

    @Test
    void theRdfOfARankedCaseIsBuiltOnceAndIsWhatTheTurtleAnswerSays() {
        RankedCase ranked = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        Model rdf = ranked.rdf();
        assertSame(rdf, ranked.rdf());
        Model answer =
                ModelFactory.createDefaultModel().read(new StringReader(ranked.render(RankingFormat.TTL)), null, "TTL");
        assertTrue(answer.isIsomorphicWith(rdf));
        assertSame(rdf, ranked.rdf());
    }

    @Test
    void everyFormatRendersTheSameRankingAsItsRenderer() {
        RankedCase ranked = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        RankingRenderer renderer = TestKnowledge.knowledge().renderer();
        assertEquals(RankingJson.write(renderer.json().toJson(ranked.ranking())), ranked.render(RankingFormat.JSON));
        StringWriter table = new StringWriter();
        renderer.table().write(ranked.ranking(), new PrintWriter(table));
        assertEquals(table.toString(), ranked.render(RankingFormat.TABLE));
    }

    @Test
    void formatsAreChosenByNameOnTheCommandLineAndByMediaTypeOverHttp() {
        assertEquals(Optional.of(RankingFormat.JSON), RankingFormat.named(" JSON "));
        assertEquals(Optional.of(RankingFormat.TTL), RankingFormat.named("ttl"));
        assertEquals(Optional.of(RankingFormat.TABLE), RankingFormat.named("table"));
        assertEquals(Optional.empty(), RankingFormat.named("xml"));
        assertEquals(RankingFormat.TTL, RankingFormat.forAccepted("text/turtle"));
        assertEquals(RankingFormat.JSON, RankingFormat.forAccepted("application/json"));
        assertEquals(RankingFormat.JSON, RankingFormat.forAccepted("text/plain"));
        assertEquals(RankingFormat.JSON, RankingFormat.forAccepted(""));
        assertEquals("text/turtle", RankingFormat.TTL.mediaType());
        assertEquals("application/json", RankingFormat.JSON.mediaType());
    }
}
