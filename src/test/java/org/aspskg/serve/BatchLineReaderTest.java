package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch endpoint's line splitter, on its own: line ends, limits, and reads that end mid-line. */
class BatchLineReaderTest {
    /** Every line as text, a too-long one as "TOO LONG". */
    private static List<String> lines(InputStream in, long max) throws IOException {
        DifferentialBatchEndpoint.LineReader reader = new DifferentialBatchEndpoint.LineReader(in, max);
        List<String> out = new ArrayList<>();
        while (reader.next())
            out.add(reader.tooLong() ? "TOO LONG" : new String(reader.bytes(), StandardCharsets.UTF_8));
        return out;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndCountsALastLineWithoutNewline() throws IOException {
        assertArrayEquals(
                new String[] {"a", "b", "", "c"},
                lines(bytes("a\r\nb\n\nc"), 10).toArray());
        assertArrayEquals(new String[] {"a"}, lines(bytes("a\n"), 10).toArray(), "the final newline ends a line");
        assertTrue(lines(bytes(""), 10).isEmpty(), "an empty body has no lines");
    }

    @Test
    void aLineOverTheLimitIsMarkedAndTheNextLineIsReadWhole() throws IOException {
        String longLine = "x".repeat(200_000); // longer than the reader's block, so it spans several reads
        assertArrayEquals(
                new String[] {"TOO LONG", "ok", "y".repeat(100)},
                lines(bytes(longLine + "\nok\n" + "y".repeat(100)), 100).toArray());
    }

    @Test
    void linesSplitAcrossReadsOfOneByteAreJoined() throws IOException {
        InputStream trickle = new ByteArrayInputStream("{\"a\": 1}\n{\"b\": 2}\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertArrayEquals(
                new String[] {"{\"a\": 1}", "{\"b\": 2}"}, lines(trickle, 100).toArray());
    }

    @Test
    void moreSaysWhetherTheNextLineIsAlreadyAtHand() throws IOException {
        DifferentialBatchEndpoint.LineReader reader = new DifferentialBatchEndpoint.LineReader(bytes("a\nb\n"), 10);
        assertTrue(reader.next());
        assertTrue(reader.more());
        assertTrue(reader.next());
        assertFalse(reader.more());
        assertFalse(reader.next());
    }
}
