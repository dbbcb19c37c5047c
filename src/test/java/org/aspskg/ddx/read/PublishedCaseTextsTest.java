package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.CaseReading;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.text.PhraseReading;
import org.junit.jupiter.api.Test;

/**
 * Every published case report of {@code eval/published}, its text as written, is read as free text
 * and ranked without error; prints how its spans were read (terms, negated, ambiguous, not used, not
 * understood), the figures of the text index on text it did not write.
 */
class PublishedCaseTextsTest {

    @Test
    void everyPublishedCaseTextIsReadAndRankedAsWritten() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        Map<PhraseReading.Outcome, Integer> counts = new EnumMap<>(PhraseReading.Outcome.class);
        int negated = 0;
        int cases = 0;
        int withTerms = 0;
        try (Stream<Path> files = Files.walk(Path.of("eval", "published"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String text = json.readTree(f.toFile()).path("text").asText();
                cases++;
                try {
                    PatientCase c = TestKnowledge.pipeline().read(CaseInput.text(text, f.toString()));
                    TestKnowledge.pipeline().rank(c);
                    for (CaseReading r : c.readings()) {
                        counts.merge(r.reading().outcome(), 1, Integer::sum);
                        if (r.reading().outcome() == PhraseReading.Outcome.TERM && r.absent()) negated++;
                    }
                    if (!c.readings(PhraseReading.Outcome.TERM).isEmpty()) withTerms++;
                } catch (RuntimeException e) {
                    failures.add(f + ": " + e.getMessage());
                }
            }
        }
        System.out.printf(
                "published case texts: %d read and ranked of %d (%d with at least one term); spans: %d terms (%d negated),"
                        + " %d ambiguous, %d not used, %d not understood%n",
                cases - failures.size(),
                cases,
                withTerms,
                counts.getOrDefault(PhraseReading.Outcome.TERM, 0),
                negated,
                counts.getOrDefault(PhraseReading.Outcome.AMBIGUOUS, 0),
                counts.getOrDefault(PhraseReading.Outcome.NOT_USED, 0),
                counts.getOrDefault(PhraseReading.Outcome.UNKNOWN, 0));
        assertTrue(cases >= 40, cases + " published cases");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
