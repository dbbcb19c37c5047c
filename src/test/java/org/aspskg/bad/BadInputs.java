package org.aspskg.bad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bad-input corpus under {@code src/test/resources/bad/<entry>/}: each entry's {@code expected.tsv}
 * lists its inputs (file name, expected exit code or HTTP status, a fragment the message must hold).
 * Inputs named {@code gen-…} are big or binary and made here at test time instead of committed.
 * With {@code -Dbad.record=true} the tests write what they saw to {@code target/bad/<entry>.tsv}
 * instead of asserting (to start an entry's expected.tsv; every recorded line is then read by hand).
 */
public final class BadInputs {
    public static final Path ROOT = Path.of("src", "test", "resources", "bad");
    public static final boolean RECORD = Boolean.getBoolean("bad.record");
    /** Every input of the costly entries (each a whole build) instead of a subset ({@link #sample}). */
    public static final boolean ALL = Boolean.getBoolean("bad.all") || RECORD;

    /** Inputs of a costly entry point in a plain test run, at least; the rest with {@code -Dbad.all=true}. */
    public static final int SAMPLE = 10;

    /**
     * Without {@code -Dbad.all=true}, {@link #SAMPLE} inputs spread evenly over the entry's list (the
     * same ones every run); with it, every input.
     */
    public static Stream<Input> sample(Stream<Input> inputs) {
        if (ALL) return inputs;
        List<Input> all = inputs.toList();
        if (all.size() <= SAMPLE) return all.stream();
        List<Input> picked = new ArrayList<>();
        for (int i = 0; i < SAMPLE; i++) picked.add(all.get((int) ((long) i * all.size() / SAMPLE)));
        return picked.stream();
    }

    private BadInputs() {}

    /** One input: its entry, name, expected exit code or status, and message fragment. */
    public record Input(String entry, String name, int expected, String fragment) {
        @Override
        public String toString() {
            return entry + "/" + name;
        }

        public boolean generated() {
            return name.startsWith("gen-");
        }

        public Path committed() {
            return ROOT.resolve(entry).resolve(name);
        }
    }

    /** The inputs of an entry: from expected.tsv, or (recording) every file of the directory and its gen- names. */
    public static Stream<Input> of(String entry, List<String> generated) {
        Path dir = ROOT.resolve(entry);
        Path expected = dir.resolve("expected.tsv");
        List<Input> out = new ArrayList<>();
        try {
            if (RECORD || !Files.exists(expected)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> !n.equals("expected.tsv"))
                            .sorted()
                            .forEach(n -> out.add(new Input(entry, n, -1, "")));
                }
                generated.forEach(n -> out.add(new Input(entry, n, -1, "")));
                return out.stream();
            }
            for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cells = line.split("\t", 3);
                out.add(new Input(entry, cells[0], Integer.parseInt(cells[1]), cells.length > 2 ? cells[2] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream();
    }

    private static final Map<String, List<String>> RECORDED = new TreeMap<>();

    /** Records what an input gave (recording mode), one line per input, written when the entry is done. */
    public static synchronized void record(Input in, int actual, String message) {
        String fragment = message.lines()
                .filter(l -> l.startsWith("error: ") || l.contains("\"error\""))
                .findFirst()
                .orElse(message.lines().findFirst().orElse(""))
                .replaceFirst("^error: ", "")
                .replace("\t", " ");
        if (fragment.length() > 150) fragment = fragment.substring(0, 150);
        RECORDED.computeIfAbsent(in.entry(), k -> new ArrayList<>()).add(in.name() + "\t" + actual + "\t" + fragment);
        try {
            Path out = Path.of("target", "bad", in.entry() + ".tsv");
            Files.createDirectories(out.getParent());
            Files.write(out, RECORDED.get(in.entry()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    /** Whether text holds a Java stack trace (frames, or "Caused by:"). */
    public static boolean hasStackTrace(String text) {
        return STACK_FRAME.matcher(text).find() || text.contains("Caused by: ");
    }

    /** Deterministic random bytes. */
    public static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String repeat(String s, int n) {
        return s.repeat(n);
    }
}
