package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The `asps-kg ddx` commands of the docs' "Differential diagnosis" page (docs/ddx.md) and of the
 * README's first queries run as written and rank a case.
 */
class DocsDdxTest {
    @Test
    void docsDdxCommandsRun() throws Exception {
        List<String> commands = new ArrayList<>(DocsText.page("docs/ddx.md").commands("ddx"));
        assertFalse(commands.isEmpty(), "no 'asps-kg ddx' command in docs/ddx.md");
        List<String> readme =
                DocsText.page("README.md").section("First queries").commands("ddx");
        assertFalse(readme.isEmpty(), "no 'asps-kg ddx' command in the README's First queries");
        commands.addAll(readme);
        for (String command : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(DocsText.words(command).toArray(String[]::new));
            assertEquals(0, exit, command + ": " + err);
            assertFalse(out.toString().isBlank(), command + " printed nothing");
        }
    }
}
