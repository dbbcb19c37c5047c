package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.mapping.MappingRule;
import org.aspskg.mapping.SssomReader;
import org.junit.jupiter.api.Test;

/** The commands of the docs' "Mappings" and "Exports and release" pages run as written. */
class DocsMappingsAndExportsTest {
    private static List<String> commands(String page, String command) {
        return DocsText.page(page).commands(command);
    }

    private static void runAll(List<String> commands, boolean verdictsAllowed) {
        for (String command : commands) {
            CliRun r = CliRun.of(command.split(" +"));
            // --check may find problems (1); 2 would mean the command as written is wrong
            boolean ok = r.exit() == 0 || (verdictsAllowed && r.exit() == Main.EXIT_FAILED_CHECK);
            assertEquals(true, ok, command + " exited " + r.exit() + ": " + r.err());
        }
    }

    @Test
    void exportAndReleaseCommandsRun() throws Exception {
        List<String> commands = commands("docs/exports-and-release.md", "");
        assertEquals(4, commands.stream().filter(c -> c.startsWith("export")).count(), commands.toString());
        assertEquals(1, commands.stream().filter(c -> c.startsWith("release")).count(), commands.toString());
        runAll(commands, false);
        for (String file : List.of(
                "asps.owl", "asps-base.owl", "asps-full.owl", "asps.ttl", "asps.jsonld", "asps.obo", "SHA256SUMS")) {
            assertEquals(true, Files.exists(Path.of("target/release").resolve(file)), file);
        }
        assertEquals(true, Files.exists(Path.of("target/export/asps-full.trig")));
    }

    @Test
    void theDocsListEveryMappingRuleAtItsLevel() {
        DocsText section = DocsText.page("docs/mappings.md").section("Check it");
        for (MappingRule rule : MappingRule.values()) {
            boolean listed = section.lines().stream()
                    .anyMatch(l -> l.startsWith("|")
                            && l.contains("`" + rule.ruleName() + "`")
                            && l.contains("| " + rule.level() + " |"));
            assertEquals(
                    true,
                    listed,
                    rule.ruleName() + " (" + rule.level() + ") is not in the rule table of " + section.where());
        }
    }

    @Test
    void mappingCommandsRunOnTheProjectsMappingSet() throws Exception {
        List<String> commands = commands("docs/mappings.md", "map");
        assertFalse(commands.isEmpty());
        assumeTrue(Files.exists(SssomReader.DEFAULT_MAPPING_SET), "ontology/mappings/asps.sssom.tsv not merged yet");
        runAll(commands, true);
    }
}
