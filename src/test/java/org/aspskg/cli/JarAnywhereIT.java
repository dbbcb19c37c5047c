package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read the ontology with its default path ({@code generate}, {@code rank}, {@code map}) run
 * from a directory without the project's {@code ontology/}: they read the copy bundled in the jar, as
 * {@code ddx} does ({@link DdxJarIT}). Before, only {@code ddx} and {@code eval} did, and {@code serve} or
 * {@code generate} started elsewhere stopped with "no such readable file".
 */
class JarAnywhereIT {
    @TempDir
    Path tmp;

    @Test
    void generateRankAndMapRunFromADirectoryWithoutTheOntology() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));

        run(work, "generate", "--cases", "20", "--seed", "3", "--out", "cohort", "--format", "nt");
        assertTrue(Files.size(work.resolve("cohort/cohort.nt")) > 0);

        run(work, "rank", "--quiet", "--out", "rankings.csv", "cohort/cohort.nt");
        List<String> rows = Files.readAllLines(work.resolve("rankings.csv"), StandardCharsets.UTF_8);
        assertEquals(21, rows.size(), "a header and one row per case: " + rows);

        String coverage = run(work, "map", "--coverage");
        assertTrue(coverage.contains("UBERON"), coverage);
        assertTrue(!Files.exists(work.resolve("ontology")), "nothing is written into the working directory");
    }

    private String run(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("scratch")),
                "-jar",
                Path.of("target", "asps-kg.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), args[0] + " did not finish");
        assertEquals(0, p.exitValue(), args[0] + ": " + Files.readString(err, StandardCharsets.UTF_8));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
