package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aspskg.query.LibraryQuery;
import org.aspskg.query.QueryLibrary;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;

/**
 * The docs' "Query library" page (docs/query-library.md) lists the library as it is, and its
 * commands, and the README's first queries, run as written.
 */
class DocsQueryLibraryTest {
    private static final Pattern TABLE_ROW =
            Pattern.compile("\\| \\[`([^`]+)`\\]\\(\\.\\./queries/([^)]+)\\) \\| (.+) \\|");

    private static DocsText page() {
        return DocsText.page("docs/query-library.md");
    }

    @Test
    void theTableListsEveryLibraryQueryWithItsQuestion() throws Exception {
        List<String> readme = new ArrayList<>();
        for (String line : page().lines()) {
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
    void docsQueryCommandsRunAndTheRegenerationCommandWritesTheCommittedFile() throws Exception {
        List<String> commands = new ArrayList<>(page().commands("query"));
        assertFalse(commands.isEmpty(), "no 'asps-kg query' command in docs/query-library.md");
        List<String> firstQueries =
                DocsText.page("README.md").section("First queries").commands("query");
        assertFalse(firstQueries.isEmpty(), "no 'asps-kg query' command in the README's First queries");
        commands.addAll(firstQueries);
        String store = TestStores.sharedStore().toString();
        for (String command : commands) {
            String[] redirect = command.split(" > ", 2);
            List<String> args = new ArrayList<>(DocsText.words(redirect[0].strip()));
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
        assertEquals(true, commands.stream().anyMatch(c -> c.equals("query --check")), "the docs show --check");
        assertEquals(
                true,
                commands.stream()
                        .anyMatch(c ->
                                c.startsWith("query queries/" + library.get(0).fileName())),
                "the docs run the first library query by its path");
    }
}
