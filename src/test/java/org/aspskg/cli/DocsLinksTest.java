package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a short map of the project: it stays under 200 lines, lists every command with a
 * link to its page of the manual, and every relative link of the README and of {@code docs/*.md}
 * leads to a file that exists and, with {@code #anchor}, to a heading of that page.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> pages() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void theReadmeIsAMapOfAtMost200LinesWithARowAndAManualPagePerCommand() {
        DocsText readme = DocsText.page("README.md");
        assertTrue(
                readme.lines().size() <= 200, "README.md has " + readme.lines().size() + " lines");
        List<String> rows = readme.section("Commands").lines().stream()
                .filter(l -> l.startsWith("| `asps-kg "))
                .toList();
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) continue;
            List<String> row = rows.stream()
                    .filter(l -> l.startsWith("| `asps-kg " + command + "` |"))
                    .toList();
            assertEquals(1, row.size(), "README's command table: rows for " + command + ": " + row);
            assertTrue(row.get(0).contains("](docs/"), "no link to the manual in " + row.get(0));
        }
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndHeadingThatExist() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            DocsText text = DocsText.page(page.toString());
            Set<String> code = new HashSet<>(text.codeLines());
            for (String line : text.lines()) {
                if (code.contains(line.strip())) continue;
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) continue; // https:, mailto:
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path resolved = file.isEmpty()
                            ? page
                            : page.toAbsolutePath().getParent().resolve(file).normalize();
                    if (!Files.exists(resolved)) {
                        broken.add(page + ": " + target + " (no such file)");
                    } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                        broken.add(page + ": " + target + " (no such heading)");
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as '-'. */
    private static Set<String> anchors(Path page) throws Exception {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        DocsText text = DocsText.page(page.toString());
        Set<String> code = new HashSet<>(text.codeLines());
        for (String line : text.lines()) {
            if (!line.startsWith("#") || code.contains(line)) continue;
            String slug = line.replaceFirst("^#+\\s*", "")
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }
}
