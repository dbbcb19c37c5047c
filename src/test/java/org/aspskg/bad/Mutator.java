package org.aspskg.bad;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutator of inputs: byte-level (flip, insert, delete, duplicate, truncate) and token-level
 * (insert a token that matters to JSON, Turtle or SPARQL: brackets, quotes, escapes, keywords,
 * extreme numbers, non-ASCII and invalid UTF-8). The same seed gives the same inputs, so a failure
 * names the seed that reproduces it.
 */
public final class Mutator {
    private static final List<String> TOKENS = List.of(
            "{",
            "}",
            "[",
            "]",
            "(",
            ")",
            "\"",
            "'",
            ",",
            ":",
            ";",
            ".",
            "\\",
            "\\u",
            "\\uD800",
            "<",
            ">",
            "@prefix",
            "PREFIX",
            "_:",
            "a",
            "^^",
            "@en",
            "#",
            "\n",
            "\r",
            "\t",
            "\u0000",
            "\u001b[31m",
            "é",
            "𝔸",
            "\uFEFF",
            "null",
            "true",
            "-1",
            "0",
            "1e309",
            "99999999999999999999",
            "NaN",
            "\"findings\"",
            "\"absent\"",
            "\"age\"",
            "\"id\"",
            "SELECT",
            "ASK",
            "CONSTRUCT",
            "DESCRIBE",
            "WHERE",
            "OPTIONAL",
            "FILTER",
            "SERVICE",
            "SERVICE <http://127.0.0.1:9/s>",
            "UNION",
            "MINUS",
            "GRAPH",
            "BIND",
            "VALUES",
            "LIMIT",
            "OFFSET",
            "ORDER BY",
            "GROUP BY",
            "COUNT(*)",
            "?x",
            "$y",
            "*",
            "+",
            "/",
            "|",
            "^",
            "!",
            "INSERT DATA",
            "DROP ALL",
            "LOAD",
            "<file:///etc/passwd>",
            "owl:imports",
            "rdfs:label",
            "aspskg:PatientCase",
            "[[[[[[[[",
            "((((((((",
            "{{{{{{{{");
    private static final byte[][] BAD_BYTES = {
        {(byte) 0xFF},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}
    };

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One to four mutations of {@code seed}. */
    public byte[] mutate(byte[] seed) {
        byte[] b = seed;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) b = once(b);
        return b;
    }

    private byte[] once(byte[] b) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
        return switch (random.nextInt(8)) {
            case 0 -> { // flip a bit
                if (b.length == 0) yield b;
                byte[] c = b.clone();
                int i = Math.min(at, b.length - 1);
                c[i] ^= (byte) (1 << random.nextInt(8));
                yield c;
            }
            case 1 -> insert(b, at, new byte[] {(byte) random.nextInt(256)});
            case 2 -> { // delete a range
                int len = Math.min(b.length - Math.min(at, b.length), 1 + random.nextInt(16));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, Math.min(at, b.length));
                System.arraycopy(
                        b,
                        Math.min(at, b.length) + len,
                        c,
                        Math.min(at, b.length),
                        b.length - Math.min(at, b.length) - len);
                yield c;
            }
            case 3 -> { // duplicate a range
                int len = Math.min(b.length - Math.min(at, b.length), 1 + random.nextInt(64));
                yield insert(b, at, Arrays.copyOfRange(b, Math.min(at, b.length), Math.min(at, b.length) + len));
            }
            case 4 -> Arrays.copyOf(b, at); // truncate
            case 5 -> insert(b, at, BAD_BYTES[random.nextInt(BAD_BYTES.length)]);
            default -> { // a token, sometimes many times
                String token = TOKENS.get(random.nextInt(TOKENS.size()));
                int times = random.nextInt(10) == 0 ? 1 + random.nextInt(2000) : 1;
                yield insert(b, at, token.repeat(times).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        at = Math.min(at, b.length);
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }
}
