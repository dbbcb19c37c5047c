package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The `asps-kg ddx` commands of the README's "Differential diagnosis" section run as written and rank a case. */
class ReadmeDdxTest {
    private static final String JAR = "java -jar target/asps-kg.jar ";

    @Test
    void readmeDdxCommandsRun() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Differential diagnosis"));
        List<String> commands = section.lines()
                .filter(l -> l.startsWith("    " + JAR + "ddx"))
                .map(l -> l.substring(4 + JAR.length()))
                .toList();
        assertFalse(commands.isEmpty(), "no 'asps-kg ddx' command in the README's Differential diagnosis section");
        for (String command : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(command.split(" +"));
            assertEquals(0, exit, command + ": " + err);
            assertFalse(out.toString().isBlank(), command + " printed nothing");
        }
    }
}
