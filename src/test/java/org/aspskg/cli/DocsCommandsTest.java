package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands of the docs' "Reasoning" and "Curating" pages run as written. */
class DocsCommandsTest {
    @Test
    void reasoningCommandsRunAndPrintTheHierarchy() {
        List<String> commands = DocsText.page("docs/reasoning.md").commands("reason");
        assertFalse(commands.isEmpty(), "no 'asps-kg reason' command in docs/reasoning.md");
        for (String command : commands) {
            CliRun r = CliRun.of(DocsText.words(command).toArray(String[]::new));
            assertEquals(0, r.exit(), command + ": " + r.err());
            assertFalse(r.out().isBlank(), command + " printed nothing");
            assertTrue(r.err().contains("inferred (not asserted)"), command + ": " + r.err());
        }
    }

    /** validate, build and query --check, in order; the store is a temporary one, not data/tdb2. */
    @Test
    void curatingCommandsRunInOrderOnAFreshStore(@TempDir Path tmp) {
        List<String> commands = DocsText.page("docs/curating.md").commands("");
        assertEquals(
                List.of("validate", "build", "query"),
                commands.stream().map(c -> DocsText.words(c).get(0)).toList(),
                commands.toString());
        String store = tmp.resolve("tdb2").toString();
        for (String command : commands) {
            List<String> args = new ArrayList<>(DocsText.words(command));
            if (!args.get(0).equals("validate")) args.addAll(List.of("--store", store));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exit(), command + ": " + r.err() + r.out());
        }
    }
}
