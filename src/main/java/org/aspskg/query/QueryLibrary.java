package org.aspskg.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aspskg.AspsKgException;

/**
 * The query library: the competency questions in {@code queries/NN-short-name.rq}, each opening with
 * a comment block whose first line is {@code # Question: …}, followed by {@code # Returns:} and
 * {@code # Binds:} (and optionally other {@code # Field:} lines); lines of the block that do not open
 * a field continue the previous one. Only the directory's own files belong to the library, not its
 * subdirectories (such as {@code queries/federated/}, which need a remote endpoint).
 */
public final class QueryLibrary {
    /** The library's place, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("queries");

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.rq");
    private static final Pattern FIELD = Pattern.compile("#\\s?([A-Z][A-Za-z]*):(.*)");
    private static final List<String> REQUIRED =
            List.of(LibraryQuery.QUESTION, LibraryQuery.RETURNS, LibraryQuery.BINDS);

    private final Path dir;
    private final List<LibraryQuery> queries;

    private QueryLibrary(Path dir, List<LibraryQuery> queries) {
        this.dir = dir;
        this.queries = List.copyOf(queries);
    }

    /** Reads every {@code .rq} file directly in {@code dir}, in file-name order; a malformed one is an error. */
    public static QueryLibrary load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AspsKgException(
                    dir + ": no query library here",
                    "Run from the project's root directory, or give the library's directory with --queries.");
        }
        List<LibraryQuery> queries = new ArrayList<>();
        Map<String, Path> byNumber = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".rq") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList()) {
                LibraryQuery q = read(file);
                Path clash = byNumber.putIfAbsent(q.number(), file);
                if (clash != null) {
                    throw new AspsKgException(
                            file + ": number " + q.number() + " is already used by " + clash,
                            "Give each library query its own two-digit number.");
                }
                queries.add(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QueryLibrary(dir, queries);
    }

    /** Reads one library file: checks its name and parses its comment block. */
    static LibraryQuery read(Path file) {
        Matcher name = FILE_NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            throw new AspsKgException(
                    file + ": a library query is named NN-short-name.rq",
                    "Use a two-digit number and a kebab-case name, e.g. 07-asps-survival.rq.");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LibraryQuery(file, name.group(1), name.group(2), header(file, lines));
    }

    private static Map<String, String> header(Path file, List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher first = lines.isEmpty() ? null : FIELD.matcher(lines.get(0));
        if (first == null
                || !first.matches()
                || !first.group(1).equals(LibraryQuery.QUESTION)
                || first.group(2).isBlank()) {
            throw new AspsKgException(
                    file + ":1: a library query starts with '# Question: …'",
                    "Open the file with a comment block: the question in plain English, then '# Returns:' and '# Binds:'.");
        }
        String current = null;
        for (int i = 0; i < lines.size() && lines.get(i).startsWith("#"); i++) {
            String line = lines.get(i);
            Matcher field = FIELD.matcher(line);
            if (field.matches()) {
                current = field.group(1);
                if (fields.containsKey(current)) {
                    throw new AspsKgException(
                            file + ":" + (i + 1) + ": field '" + current + "' given twice",
                            "Write each field of the comment block once; continue it on lines of its own.");
                }
                fields.put(current, field.group(2).strip());
            } else {
                String more = line.substring(1).strip();
                if (!more.isEmpty()) fields.merge(current, more, (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            }
        }
        for (String required : REQUIRED) {
            if (!fields.containsKey(required) || fields.get(required).isBlank()) {
                throw new AspsKgException(
                        file + ": the comment block has no '# " + required + ":' field",
                        "Document the question, what the query returns and the variables it binds.");
            }
        }
        return fields;
    }

    public Path directory() {
        return dir;
    }

    public List<LibraryQuery> queries() {
        return queries;
    }

    /**
     * The library query named by {@code reference}: its number ({@code 7} or {@code 07}), its short
     * name ({@code asps-survival}), or its file name with or without {@code .rq}.
     */
    public Optional<LibraryQuery> lookup(String reference) {
        String ref = reference.strip();
        if (ref.endsWith(".rq")) ref = ref.substring(0, ref.length() - 3);
        String number = ref.matches("\\d{1,2}") ? (ref.length() == 1 ? "0" + ref : ref) : null;
        for (LibraryQuery q : queries) {
            if (q.number().equals(number) || q.name().equals(ref) || q.id().equals(ref)) return Optional.of(q);
        }
        return Optional.empty();
    }

    /** Like {@link #lookup} but fails with a hint when no library query has that number or name. */
    public LibraryQuery find(String reference) {
        return lookup(reference)
                .orElseThrow(
                        () -> new AspsKgException(
                                "no query '" + reference + "' in the library " + dir + " (and no such file)",
                                "List the library with 'asps-kg query --list'; give a number, a name or a path to a .rq file."));
    }
}
