package org.aspskg.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ROBOT 1.9.8 on the command line, as RobotQcTest runs it: ROBOT is built on the OWL API 4, so it
 * never shares asps-kg's classpath; the build writes ROBOT's own to target/robot.classpath (see
 * qc/robot/pom.xml) and each command runs in a JVM of its own.
 */
final class RobotCommand {
    static final Path CLASSPATH = Path.of("target", "robot.classpath");

    /** Exit code and combined output of one ROBOT command. */
    record Result(int exit, String output, List<String> args) {
        String describe() {
            return "robot " + String.join(" ", args) + " exited " + exit + ":\n" + output;
        }
    }

    private RobotCommand() {}

    static Result run(String... args) throws IOException, InterruptedException {
        assertTrue(
                Files.isRegularFile(CLASSPATH),
                CLASSPATH + " is missing: run 'mvn verify' (it resolves ROBOT from qc/robot/pom.xml)");
        String classpath = Files.readString(CLASSPATH).trim();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx2g",
                "-Djava.awt.headless=true",
                "-cp",
                classpath,
                "org.obolibrary.robot.CommandLineInterface"));
        command.addAll(Arrays.asList(args));
        // Output goes to a file, not a pipe, so that a hung ROBOT cannot block the test past its timeout.
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target")), "robot-", ".log");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(
                        "robot " + String.join(" ", args) + " did not finish in 5 minutes:\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), Arrays.asList(args));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
