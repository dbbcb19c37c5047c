package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aspskg.query.LibraryQuery;
import org.aspskg.query.QueryLibrary;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;

/** The README's "Query library" section lists the library as it is, and its commands run as written. */
class ReadmeQueryLibraryTest {
    private static final String JAR = "java -jar target/asps-kg.jar ";
    private static final Pattern TABLE_ROW = Pattern.compile("\\| \\[`([^`]+)`\\]\\(queries/([^)]+)\\) \\| (.+) \\|");

    private static String section() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Query library");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theTableListsEveryLibraryQueryWithItsQuestion() throws Exception {
        List<String> readme = new ArrayList<>();
        for (String line : section().lines().toList()) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.matches()) {
                assertEquals(m.group(1), m.group(2), "link text and target differ: " + line);
                readme.add(m.group(1) + " | " + m.group(3).replace("\\|", "|"));
            }
        }
        List<String> library = QueryLibrary.load(QueryLibrary.DEFAULT_DIR).queries().stream()
                .map(q -> q.fileName() + " | " + q.question())
                .toList();
        assertEquals(library, readme);
    }

    @Test
    void readmeQueryCommandsRunAndTheRegenerationCommandWritesTheCommittedFile() throws Exception {
        List<String> commands = section()
                .lines()
                .filter(l -> l.startsWith("    " + JAR + "query"))
                .map(l -> l.substring(4 + JAR.length()))
                .toList();
        assertFalse(commands.isEmpty(), "no 'asps-kg query' command in the README's Query library section");
        String store = TestStores.sharedStore().toString();
        for (String command : commands) {
            String[] redirect = command.split(" > ", 2);
            List<String> args =
                    new ArrayList<>(Arrays.asList(redirect[0].strip().split(" +")));
            args.addAll(List.of("--store", store));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exit(), command + " exited " + r.exit() + ": " + r.err());
            assertFalse(r.out().isBlank(), command + " printed nothing");
            if (redirect.length == 2) {
                assertEquals(
                        Files.readString(Path.of(redirect[1].strip())),
                        r.out(),
                        command + " does not reproduce the committed file");
            }
        }
        List<LibraryQuery> library = QueryLibrary.load(QueryLibrary.DEFAULT_DIR).queries();
        assertEquals(true, commands.stream().anyMatch(c -> c.equals("query --check")), "the README shows --check");
        assertEquals(
                true,
                commands.stream()
                        .anyMatch(c ->
                                c.startsWith("query queries/" + library.get(0).fileName())),
                "the README runs the first library query by its path");
    }
}
