package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar asps-kg.jar ddx case.json} run from a directory that holds nothing but the case: the
 * ontology, shapes and tables bundled in the jar are used, the case is ranked, and the temporary copy of the
 * bundle is gone when the process ends.
 */
class DdxJarIT {
    @TempDir
    Path tmp;

    @Test
    void ddxRanksACaseFromADirectoryWithoutTheOntology() throws Exception {
        Path jar = Path.of("target", "asps-kg.jar").toAbsolutePath();
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Files.copy(Path.of("ontology/examples/asps-thigh-young-woman.json"), work.resolve("case.json"));
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(
                        "java",
                        "-Djava.io.tmpdir=" + scratch,
                        "-jar",
                        jar.toString(),
                        "ddx",
                        "--format",
                        "json",
                        "case.json"))
                .directory(work.toFile())
                .redirectErrorStream(false)
                .redirectOutput(out.toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "ddx did not finish");
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        String json = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"diagnosis\" : \"alveolar soft part sarcoma\""), json);
        assertTrue(err.contains("alveolar soft part sarcoma ranked first"), err);
        try (var left = Files.list(scratch)) {
            assertEquals(
                    List.of(),
                    left.filter(f -> f.getFileName().toString().startsWith("asps-kg-ontology-"))
                            .toList());
        }
    }
}
