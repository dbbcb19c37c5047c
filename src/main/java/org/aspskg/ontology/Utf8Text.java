package org.aspskg.ontology;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aspskg.AspsKgException;

/**
 * Strict UTF-8 for text inputs (ontology files, case files): a byte sequence that is not UTF-8 is an
 * error with its line and column, never a silent U+FFFD. The parsers we use (Jena's tokenizer, the
 * OWL API) decode with replacement, so the bytes are checked before or while they reach them: a whole
 * file by {@link #requireValid}, a stream (a big cohort, a gzip) by {@link #checking}.
 */
public final class Utf8Text {
    private Utf8Text() {}

    /** Where the first byte that is not UTF-8 is, as an exception for people. */
    public static final class MalformedUtf8 extends IOException {
        private final long line;
        private final long column;

        MalformedUtf8(long line, long column, String what) {
            super("not UTF-8 at line " + line + ", column " + column + ": " + what);
            this.line = line;
            this.column = column;
        }

        public long line() {
            return line;
        }

        public long column() {
            return column;
        }

        /** The problem as the error the commands print: {@code source:line:col: …}. */
        public AspsKgException toError(String source) {
            return toError(source, 0);
        }

        /** As {@link #toError(String)} for text that starts at line {@code linesBefore + 1} of the source. */
        public AspsKgException toError(String source, long linesBefore) {
            return new AspsKgException(
                    source + ":" + (line + linesBefore) + ":" + column + ": not UTF-8 ("
                            + getMessage().replaceFirst("^[^:]*: ", "") + ")",
                    "Save the file as UTF-8 (the text formats we read are UTF-8); the store is unchanged.");
        }
    }

    /** Throws an {@link AspsKgException} with file:line:col when the file is not UTF-8. */
    public static void requireValid(Path file) {
        try (InputStream in = checking(Files.newInputStream(file))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the checking stream throws at the first bad byte
            }
        } catch (MalformedUtf8 e) {
            throw e.toError(file.toString());
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file.", e);
        }
    }

    /** Checks {@code text} (an HTTP body, say); throws with source:line:col at the first byte that is not UTF-8. */
    public static void requireValid(byte[] text, String source) {
        Checker c = new Checker();
        try {
            for (byte b : text) c.accept(b);
            c.end();
        } catch (MalformedUtf8 e) {
            throw e.toError(source);
        }
    }

    /** A stream that passes bytes through and throws {@link MalformedUtf8} at the first one that is not UTF-8. */
    public static CheckingStream checking(InputStream in) {
        return new CheckingStream(in);
    }

    /** See {@link #checking}; remembers the failure, since a parser may wrap it in its own exception. */
    public static final class CheckingStream extends FilterInputStream {
        private final Checker checker = new Checker();
        private MalformedUtf8 failure;
        private IOException readFailure;

        CheckingStream(InputStream in) {
            super(in);
        }

        /**
         * The first failure to read the underlying bytes (a truncated gzip, say), or null: some parsers
         * take a failed read for the end of the input, so the caller asks after parsing.
         */
        public IOException readFailure() {
            return readFailure;
        }

        private IOException noted(IOException e) {
            if (readFailure == null) readFailure = e;
            return e;
        }

        /** The line the bytes read so far end on (1 before any newline). */
        public long line() {
            return checker.line;
        }

        /** The bad byte found, or null. */
        public MalformedUtf8 failure() {
            return failure;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw noted(e);
            }
            try {
                if (b < 0) checker.end();
                else checker.accept((byte) b);
            } catch (MalformedUtf8 e) {
                failure = e;
                throw e;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(buffer, off, len);
            } catch (IOException e) {
                throw noted(e);
            }
            try {
                if (n < 0) checker.end();
                for (int i = 0; i < n; i++) checker.accept(buffer[off + i]);
            } catch (MalformedUtf8 e) {
                failure = e;
                throw e;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int r = read(sink, 0, sink.length);
            return Math.max(r, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** The UTF-8 state machine (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
    private static final class Checker {
        private long line = 1;
        private long column = 1;
        private int needed;
        private int lower = 0x80;
        private int upper = 0xBF;

        void accept(byte value) throws MalformedUtf8 {
            int b = value & 0xFF;
            if (needed == 0) {
                if (b < 0x80) {
                    if (b == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                    return;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;
                    if (b == 0xE0) lower = 0xA0;
                    if (b == 0xED) upper = 0x9F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;
                    if (b == 0xF0) lower = 0x90;
                    if (b == 0xF4) upper = 0x8F;
                } else {
                    throw new MalformedUtf8(line, column, String.format("byte 0x%02X cannot start a character", b));
                }
                return;
            }
            if (b < lower || b > upper) {
                throw new MalformedUtf8(line, column, String.format("byte 0x%02X inside a character", b));
            }
            lower = 0x80;
            upper = 0xBF;
            if (--needed == 0) column++;
        }

        void end() throws MalformedUtf8 {
            if (needed > 0) throw new MalformedUtf8(line, column, "the text ends inside a character");
        }
    }
}
