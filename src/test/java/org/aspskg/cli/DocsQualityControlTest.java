package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The `asps-kg validate` commands of the docs' "Quality control" page run as written. */
class DocsQualityControlTest {
    @Test
    void docsValidateCommandsRun() throws Exception {
        assumeTrue(Files.exists(OntologyLoader.DEFAULT_ONTOLOGY), "the ontology is not written yet");
        List<String> commands = DocsText.page("docs/quality-control.md").commands("validate");
        assertFalse(commands.isEmpty(), "no 'asps-kg validate' command in docs/quality-control.md");
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
