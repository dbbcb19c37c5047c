package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg generate} streams: a cohort whose cases, held together, would not fit the heap
 * ({@value #CASES} cases at {@value #HEAP}: the implementation that drew the whole cohort first ran
 * out of heap there) is written by a child JVM case by case.
 */
class GenerateMemoryTest {
    private static final int CASES = 40_000;
    private static final String HEAP = "-Xmx64m";

    @Test
    void aCohortLargerThanTheHeapIsGeneratedCaseByCase(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cohort");
        Path log = tmp.resolve("child.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "generate",
                "--cases",
                String.valueOf(CASES),
                "--seed",
                "5",
                "--format",
                "nt",
                "--out",
                out.toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = p.waitFor(20, TimeUnit.MINUTES);
        if (!ended) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the child ended: " + output);
        assertEquals(0, p.exitValue(), output);
        try (Stream<String> lines = Files.lines(out.resolve("truth.tsv"))) {
            assertEquals(CASES + 1, lines.count(), "a header and a row per case");
        }
        String last = "<" + AspsVocabulary.CASE_NS + CohortGenerator.caseId(5, CASES) + ">";
        try (Stream<String> lines = Files.lines(out.resolve("cohort.nt"))) {
            assertTrue(lines.anyMatch(l -> l.startsWith(last)), "the last case is written: " + last);
        }
    }
}
