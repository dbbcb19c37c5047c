package org.aspskg.ddx.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.eval.PublishedCase;
import org.aspskg.ddx.read.CaseInput;
import org.junit.jupiter.api.Test;

/**
 * The JSON answer in full and as a summary: the summary holds the full answer's values, field for
 * field, and the streamed full answer is byte for byte what the project's mapper writes of its tree.
 */
class RankingDetailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SUMMARY_HYPOTHESIS_FIELDS = Set.of(
            "rank", "diagnosis", "iri", "postTestProbability", "log10LikelihoodRatio", "likelihoodRatio", "excluded");

    /** Every example case (with the findings to check next), the published free-text cases and 300 cohort cases. */
    private static List<RankedCase> sample() throws IOException {
        DifferentialPipeline ddx = TestKnowledge.pipeline();
        List<RankedCase> out = new ArrayList<>();
        for (Path example : TestKnowledge.examples()) out.add(ddx.rank(TestKnowledge.read(example)));
        try (Stream<Path> published = Files.walk(Path.of("eval", "published"))) {
            int n = 0;
            for (Path p : published
                    .filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                // the case as free text, as a program would send it: phrases resolve, or are reported unresolved
                String text = PublishedCase.read(p).freeText();
                String json = JSON.createObjectNode()
                        .put("id", "published-" + (++n))
                        .put("text", text)
                        .toString();
                out.add(ddx.rankWithoutNextFindings(ddx.read(CaseInput.json(json, p.toString()))));
            }
        }
        for (CohortGenerator.GeneratedCase c :
                TestKnowledge.knowledge().cohortGenerator().generate(300, 20250101)) {
            out.add(ddx.rankWithoutNextFindings(c.patientCase()));
        }
        return out;
    }

    private static byte[] written(RankedCase ranked, RankingDetail detail, boolean pretty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ranked.writeJson(out, detail, pretty);
        return out.toByteArray();
    }

    @Test
    void theSummaryHoldsTheFullAnswersValuesForEveryExamplePublishedAndCohortCase() throws IOException {
        int unresolved = 0;
        int excluded = 0;
        List<RankedCase> sample = sample();
        for (RankedCase ranked : sample) {
            JsonNode full = JSON.readTree(written(ranked, RankingDetail.FULL, false));
            JsonNode summary = JSON.readTree(written(ranked, RankingDetail.SUMMARY, false));
            String id = ranked.patientCase().id();
            List<String> expected = new ArrayList<>(
                    List.of("case", "ontologyVersion", "hypotheses", "nextFindings", "unexplainedFindings"));
            if (!full.has("ontologyVersion")) expected.remove("ontologyVersion");
            assertEquals(expected, names(summary), id);
            assertEquals(full.get("ontologyVersion"), summary.get("ontologyVersion"), id);
            assertEquals(full.get("nextFindings"), summary.get("nextFindings"), id);
            assertEquals(full.get("unexplainedFindings"), summary.get("unexplainedFindings"), id);
            // the case: its identity as in the full answer, and the readings that did not resolve to one term
            JsonNode fullCase = full.get("case");
            JsonNode summaryCase = summary.get("case");
            for (String field : names(summaryCase)) {
                if (!field.equals("unresolved"))
                    assertEquals(fullCase.get(field), summaryCase.get(field), id + " " + field);
            }
            ArrayNode notTerms = JSON.createArrayNode();
            for (JsonNode reading : fullCase.path("reading")) {
                if (!reading.get("outcome").asText().equals("term")) notTerms.add(reading);
            }
            assertEquals(notTerms, summaryCase.get("unresolved"), id);
            unresolved += notTerms.size();
            // each hypothesis: the full answer's values, in the same order
            assertEquals(
                    full.get("hypotheses").size(), summary.get("hypotheses").size(), id);
            for (int i = 0; i < full.get("hypotheses").size(); i++) {
                JsonNode f = full.get("hypotheses").get(i);
                JsonNode s = summary.get("hypotheses").get(i);
                assertEquals(SUMMARY_HYPOTHESIS_FIELDS, Set.copyOf(names(s)), id);
                for (String field : SUMMARY_HYPOTHESIS_FIELDS)
                    assertEquals(f.get(field), s.get(field), id + " " + field);
                if (s.get("excluded").asBoolean()) excluded++;
            }
            assertTrue(summary.toString().length() * 5 < full.toString().length(), id + ": the summary is not smaller");
        }
        // the sample reaches the parts of the summary that are not always empty
        assertTrue(unresolved > 0, "no case of the sample has an unresolved phrase");
        assertTrue(excluded > 0, "no case of the sample excludes a hypothesis");
        assertTrue(sample.size() > 300);
    }

    @Test
    void theStreamedFullAnswerIsByteForByteWhatTheMapperWritesOfItsTree() throws IOException {
        ObjectMapper compact = new ObjectMapper();
        for (RankedCase ranked : sample().subList(0, 60)) {
            JsonNode tree = ranked.json();
            assertArrayEquals(RankingJson.MAPPER.writeValueAsBytes(tree), written(ranked, RankingDetail.FULL, true));
            assertArrayEquals(compact.writeValueAsBytes(tree), written(ranked, RankingDetail.FULL, false));
            assertEquals(RankingJson.write(ranked.json()), ranked.render(RankingFormat.JSON));
        }
    }

    @Test
    void detailsAreChosenByName() {
        assertEquals(Optional.of(RankingDetail.SUMMARY), RankingDetail.named(" Summary "));
        assertEquals(Optional.of(RankingDetail.FULL), RankingDetail.named("full"));
        assertFalse(RankingDetail.named("brief").isPresent());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
