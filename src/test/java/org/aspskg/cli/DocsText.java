package org.aspskg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one page of the project's documentation (the README or a page of {@code docs/}), or
 * of one section of it, for the tests that run what the documentation shows. The tests find their
 * commands through this class only, so that moving text from one page to another means changing the
 * page and heading a test names, not how it reads Markdown.
 *
 * <p>A section is found by its heading's exact text (without the {@code #}s) and runs to the next
 * heading of the same or a higher level; lines inside fenced code blocks are never headings. Code
 * lines are the lines of fenced blocks and of indented (4-space) blocks, without the indentation.
 */
public final class DocsText {
    /** How the documentation writes a command: {@code java -jar target/asps-kg.jar <command> …}. */
    public static final String JAR = "java -jar target/asps-kg.jar ";

    private final String where;
    private final List<String> lines;

    private DocsText(String where, List<String> lines) {
        this.where = where;
        this.lines = List.copyOf(lines);
    }

    /** A whole page, by its path from the project root, e.g. {@code docs/ddx.md} or {@code README.md}. */
    public static DocsText page(String path) {
        try {
            return new DocsText(
                    path,
                    Files.readString(Path.of(path), StandardCharsets.UTF_8)
                            .lines()
                            .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the documentation page " + path, e);
        }
    }

    /** The section under the heading whose text is {@code heading}; fails if the page has none. */
    public DocsText section(String heading) {
        boolean[] fenced = fencedLines();
        for (int i = 0; i < lines.size(); i++) {
            int level = headingLevel(lines.get(i));
            if (fenced[i] || level == 0) continue;
            if (!lines.get(i).substring(level).strip().equals(heading)) continue;
            int end = i + 1;
            while (end < lines.size()) {
                int l = headingLevel(lines.get(end));
                if (!fenced[end] && l > 0 && l <= level) break;
                end++;
            }
            return new DocsText(where + " § " + heading, lines.subList(i, end));
        }
        throw new AssertionError("no section '" + heading + "' in " + where);
    }

    /** Where this text is, for messages: the page and, for a section, its heading. */
    public String where() {
        return where;
    }

    public List<String> lines() {
        return lines;
    }

    public String text() {
        return String.join("\n", lines);
    }

    /** The lines of the code blocks, in order, without the block's indentation. */
    public List<String> codeLines() {
        boolean[] fenced = fencedLines();
        List<String> out = new ArrayList<>();
        String fenceIndent = "";
        boolean inIndented = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isFence(line)) {
                fenceIndent = line.substring(0, line.indexOf('`'));
                inIndented = false;
                continue;
            }
            if (fenced[i]) {
                out.add(line.startsWith(fenceIndent) ? line.substring(fenceIndent.length()) : line.strip());
            } else if (line.startsWith("    ")
                    && (inIndented || i == 0 || lines.get(i - 1).isBlank())) {
                out.add(line.substring(4));
                inIndented = true;
            } else if (!line.isBlank()) {
                inIndented = false;
            }
        }
        return out;
    }

    /**
     * The {@code asps-kg} commands of the code blocks that start with {@code command} (e.g. {@code
     * "ddx"}, or {@code ""} for all), as the text after {@link #JAR}, in order.
     */
    public List<String> commands(String command) {
        return commands(JAR, command);
    }

    /** As {@link #commands(String)}, for another launcher, e.g. {@code "java -jar target/asps-kg-bench.jar "}. */
    public List<String> commands(String launcher, String command) {
        return codeLines().stream()
                .filter(l -> l.startsWith(launcher + command))
                .map(l -> l.substring(launcher.length()).strip())
                .toList();
    }

    /** Splits a command line as a POSIX shell does for the quoting the README uses (single quotes). */
    public static List<String> words(String line) {
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

    /** For each line, whether it lies inside a fenced code block (fence lines themselves are not). */
    private boolean[] fencedLines() {
        boolean[] fenced = new boolean[lines.size()];
        boolean in = false;
        for (int i = 0; i < lines.size(); i++) {
            if (isFence(lines.get(i))) {
                in = !in;
            } else {
                fenced[i] = in;
            }
        }
        return fenced;
    }

    private static boolean isFence(String line) {
        return line.stripLeading().startsWith("```") && line.indexOf('`') <= 3;
    }

    /** The number of {@code #} of an ATX heading, or 0 for any other line. */
    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') n++;
        return n > 0 && n <= 6 && (line.length() == n || line.charAt(n) == ' ') ? n : 0;
    }
}
