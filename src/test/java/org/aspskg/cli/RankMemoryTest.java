package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cohort.CohortFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg rank} streams: a cohort far larger than the heap could hold (200,000 cases, about
 * three million triples: several hundred MB as an in-memory graph) is ranked by a child JVM limited
 * to 128 MB of heap.
 */
class RankMemoryTest {
    private static final int CASES = 200_000;

    @Test
    void aCohortLargerThanTheHeapIsRankedInA128MegabyteHeap(@TempDir Path tmp) throws Exception {
        // 1,000 generated cases, written 200 times under other IRIs: a big cohort in seconds
        Path seed = tmp.resolve("seed.nt");
        CohortFiles.write(TestKnowledge.knowledge(), 1000, 11, seed, null);
        String cases = Files.readString(seed, StandardCharsets.UTF_8);
        Path cohort = tmp.resolve("cohort.nt.gz");
        try (Writer w = new OutputStreamWriter(
                new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(cohort), 1 << 16)),
                StandardCharsets.UTF_8)) {
            for (int copy = 0; copy < CASES / 1000; copy++)
                w.write(cases.replace("/cohort-s11-", "/cohort-r" + copy + "-"));
        }
        Path out = tmp.resolve("rankings.csv");
        Path log = tmp.resolve("child.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "rank",
                "--no-validate",
                "--quiet",
                "--out",
                out.toString(),
                cohort.toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the child ended: " + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("rank: 200,000 cases, 200,000 ranked"), output);
        try (Stream<String> lines = Files.lines(out)) {
            assertEquals(CASES + 1, lines.count(), "a header and a row per case");
        }
    }
}
