package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.aspskg.store.StoreDirectory;
import org.junit.jupiter.api.Test;

/**
 * The cohort commands of the README ("Loading case cohorts" and "Synthetic case cohort": generate,
 * build --cases, query) run as written, in order, and the count query answers the cohort's size.
 * {@code serve} is left out (it runs until stopped; ServeJarIT runs the README's serve command).
 */
class ReadmeCohortTest {
    private static final String JAR = "java -jar target/asps-kg.jar ";

    /** Splits a command line as a POSIX shell does for the quoting the README uses (single quotes). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) out.add(w.toString());
        return out;
    }

    private static List<String> commands(String readme, String heading, String next) {
        int from = readme.indexOf(heading);
        assertTrue(from >= 0, "no section " + heading);
        int to = readme.indexOf(next, from + heading.length());
        return readme.substring(from, to < 0 ? readme.length() : to)
                .lines()
                .filter(l -> l.startsWith("    " + JAR))
                .map(l -> l.substring(4 + JAR.length()).strip())
                .filter(c -> !c.startsWith("serve"))
                .toList();
    }

    @Test
    void readmeCohortCommandsRunAndTheCountQueryCountsTheCohort() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> commands = new LinkedHashSet<>();
        commands.addAll(commands(readme, "### Loading case cohorts", "\n## "));
        commands.addAll(commands(readme, "### Synthetic case cohort", "\n### "));
        assertTrue(
                commands.stream().anyMatch(c -> c.startsWith("build ") && c.contains("--cases")), commands.toString());
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("query ")), commands.toString());
        for (String c : List.of("target/cohort", "target/cohort-store")) {
            StoreDirectory.deleteQuietly(Path.of(c));
        }
        int generated = -1;
        boolean counted = false;
        for (String command : commands) {
            List<String> args = words(command);
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
