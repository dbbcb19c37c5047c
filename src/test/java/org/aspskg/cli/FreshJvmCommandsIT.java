package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run as a user runs them, each in a fresh JVM from the shaded jar: in-process tests share a JVM
 * whose libraries are already initialised, so an initialisation-order fault (query --check once died in
 * Jena's static initialisers) shows only here.
 */
class FreshJvmCommandsIT {
    @TempDir
    Path tmp;

    private static String run(Path dir, int expectedExit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-jar",
                Path.of("target", "asps-kg.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish:\n" + out);
        }
        assertEquals(expectedExit, p.exitValue(), String.join(" ", args) + ":\n" + out);
        assertFalse(out.contains("Exception"), String.join(" ", args) + " printed an exception:\n" + out);
        return out;
    }

    @Test
    void queryCheckBuildAndMapCheckRunInAFreshJvm() throws Exception {
        Path store = tmp.resolve("store");
        run(tmp, 0, "build", "--store", store.toString());
        run(tmp, 0, "query", "--check", "--store", store.toString());
        run(tmp, 0, "query", "07", "--format", "csv", "--store", store.toString());
        run(tmp, 0, "map", "--check");
    }
}
