package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The `asps-kg validate` commands of the README's "Quality control" section run as written. */
class ReadmeQualityControlTest {
    private static final String JAR = "java -jar target/asps-kg.jar ";

    @Test
    void readmeValidateCommandsRun() throws Exception {
        assumeTrue(Files.exists(OntologyLoader.DEFAULT_ONTOLOGY), "the ontology is not written yet");
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Quality control"));
        List<String> commands = section.lines()
                .filter(l -> l.startsWith("    " + JAR + "validate"))
                .map(l -> l.substring(4 + JAR.length()))
                .toList();
        assertFalse(commands.isEmpty(), "no 'asps-kg validate' command in the README's Quality control section");
        for (String command : commands) {
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(command.split(" +"));
            // 0 or 1 are verdicts on the ontology; 2 would mean the command as written is wrong.
            assertEquals(true, exit == 0 || exit == Main.EXIT_FAILED_CHECK, command + " exited " + exit + ": " + err);
        }
    }
}
