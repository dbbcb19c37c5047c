package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cohort commands of the docs ("Loading case cohorts" in docs/build-serve-query.md and the
 * synthetic case cohort page docs/cohorts.md: generate, build --cases, query) run as written, in
 * order, and the count query answers the cohort's size. {@code serve} is left out (it runs until
 * stopped; ServeJarIT runs the README's serve command).
 */
class DocsCohortTest {

    private static List<String> commands(DocsText docs) {
        return docs.commands("").stream().filter(c -> !c.startsWith("serve")).toList();
    }

    @Test
    void docsCohortCommandsRunAndTheCountQueryCountsTheCohort() throws Exception {
        Set<String> commands = new LinkedHashSet<>();
        commands.addAll(
                commands(DocsText.page("docs/build-serve-query.md").section("Loading case cohorts (build --cases)")));
        commands.addAll(commands(DocsText.page("docs/cohorts.md")));
        assertTrue(
                commands.stream().anyMatch(c -> c.startsWith("build ") && c.contains("--cases")), commands.toString());
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("query ")), commands.toString());
        for (String c : List.of("target/cohort", "target/cohort-store")) {
            org.aspskg.store.StoreDirectory.deleteQuietly(Path.of(c));
        }
        int generated = -1;
        boolean counted = false;
        for (String command : commands) {
            List<String> args = DocsText.words(command);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exit(), command + ": " + r.err());
            if (args.get(0).equals("generate")) generated = Integer.parseInt(args.get(args.indexOf("--cases") + 1));
            if (args.get(0).equals("query")) {
                assertFalse(r.out().isBlank(), command + " printed nothing");
                if (command.contains("COUNT(?case) AS ?cases) WHERE { GRAPH")) {
                    assertEquals(
                            List.of("cases", String.valueOf(generated)),
                            r.out().strip().lines().toList(),
                            command);
                    counted = true;
                }
            }
        }
        assertTrue(counted, "no query counting the cases graph's cases");
    }
}
