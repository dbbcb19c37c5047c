package org.aspskg.ddx.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ontology.FrequencyWords;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;

/** The sensitivity check's scaling and its scratch copy of the ontology (the runs themselves are in the docs' figures). */
class WordSensitivityTest {
    private final WordSensitivity check =
            new WordSensitivity(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES, LabelScanReader::new);

    @Test
    void valuesAreScaledAndClampedInsideZeroToOne() {
        assertEquals(0.45, WordSensitivity.scaled(0.9, 0.5), 1e-12);
        assertEquals(0.995, WordSensitivity.scaled(0.9, 1.5), 1e-12);
        assertEquals(0.005, WordSensitivity.scaled(0.005, 0.5), 1e-12);
        assertEquals(0.0, WordSensitivity.scaled(0.0, 1.5), 1e-12);
    }

    @Test
    void theScratchCopyChangesOnlyTheScaledWord() throws Exception {
        List<WordSensitivity.Word> words = check.words();
        assertTrue(words.stream().anyMatch(w -> w.word().equals("rare")), words.toString());
        Path copy = check.scratchCopy("rare", 0.015);
        try {
            Path original = OntologyLoader.DEFAULT_ONTOLOGY.toAbsolutePath().getParent();
            List<String> before = Files.readAllLines(original.resolve(FrequencyWords.RELATIVE_PATH));
            List<String> after = Files.readAllLines(copy.resolve(FrequencyWords.RELATIVE_PATH));
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                if (before.get(i).startsWith("rare\t"))
                    assertTrue(after.get(i).startsWith("rare\t0.0150\t"), after.get(i));
                else assertEquals(before.get(i), after.get(i));
            }
            assertTrue(Files.isRegularFile(copy.resolve(OntologyLoader.DEFAULT_ONTOLOGY.getFileName())));
            assertEquals(
                    Files.readString(original.resolve("tables/associations.tsv")),
                    Files.readString(copy.resolve("tables/associations.tsv")));
            assertFalse(Files.exists(copy.resolve("examples")));
        } finally {
            try (var files = Files.walk(copy)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }
}
