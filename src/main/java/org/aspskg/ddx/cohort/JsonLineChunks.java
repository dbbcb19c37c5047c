package org.aspskg.ddx.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.JsonCaseReader;

/**
 * Splits a JSON Lines stream into chunks of whole lines, a fixed number of lines each, without
 * parsing them: the reader thread of {@code asps-kg rank} only splits, the workers parse and check
 * the lines of a chunk in parallel. A last line without a newline counts; the newline ending the
 * file does not start an empty line (as the batch endpoint reads a body).
 */
final class JsonLineChunks {
    /** Receives a chunk: its bytes (whole lines, newlines included) and the number of its first line. */
    interface Sink {
        void chunk(byte[] bytes, long firstLine);
    }

    /** Calls {@code line} for each line of a chunk: its bytes without the newline (nor a {@code \r} before it). */
    interface LineVisitor {
        void line(byte[] bytes, int offset, int length, long number);
    }

    private final int linesPerChunk;
    private final Sink sink;
    private byte[] buf = new byte[1 << 20];
    private int end;
    private long firstLine = 1;
    private int lines;

    JsonLineChunks(int linesPerChunk, Sink sink) {
        this.linesPerChunk = linesPerChunk;
        this.sink = sink;
    }

    /** Reads {@code in} to its end, handing every chunk to the sink (the last one too). */
    void split(InputStream in) throws IOException {
        int scan = 0;
        while (true) {
            if (buf.length - end < (1 << 16)) buf = Arrays.copyOf(buf, buf.length * 2);
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) break;
            end += n;
            for (int i = scan; i < end; i++) {
                if (buf[i] != '\n') continue;
                lines++;
                scan = i + 1;
                if (lines == linesPerChunk) {
                    emit(scan);
                    i = -1;
                    scan = 0;
                }
            }
            scan = end;
        }
        if (end > 0) {
            if (buf[end - 1] != '\n') lines++;
            emit(end);
        }
    }

    /**
     * Splits the JSON Lines file {@code file} ({@code .gz} too) to its end; {@code bytesRead} (or null)
     * hears how far the reading is. A file that breaks off or cannot be read is an error naming it.
     */
    void splitFile(Path file, LongConsumer bytesRead) {
        String source = file.toString();
        try (InputStream in = CaseFileParser.open(file, bytesRead)) {
            split(in);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw CaseFileParser.truncated(source, linesRead(), e);
        } catch (IOException e) {
            throw new AspsKgException(source + ": cannot read: " + e.getMessage(), "Check the file.", e);
        }
    }

    /** The lines read so far (for a message when the input breaks off). */
    long linesRead() {
        return firstLine - 1 + lines;
    }

    private void emit(int to) {
        sink.chunk(Arrays.copyOfRange(buf, 0, to), firstLine);
        firstLine += lines;
        lines = 0;
        System.arraycopy(buf, to, buf, 0, end - to);
        end -= to;
    }

    /** The lines of a chunk, numbered from {@code firstLine}. */
    static void lines(byte[] chunk, long firstLine, LineVisitor visitor) {
        long number = firstLine;
        int from = 0;
        while (from < chunk.length) {
            int nl = from;
            while (nl < chunk.length && chunk[nl] != '\n') nl++;
            int to = nl > from && chunk[nl - 1] == '\r' ? nl - 1 : nl;
            visitor.line(chunk, from, to - from, number++);
            from = nl + 1;
        }
    }

    /**
     * The case on one line of a JSON Lines cohort, or null with its problems (at {@code source:number})
     * handed to {@code problems}: a blank line is one, as in a batch request.
     */
    static PatientCase readCase(
            JsonCaseReader reader,
            String source,
            byte[] line,
            int from,
            int length,
            long number,
            Consumer<CaseInputException.Problem> problems) {
        if (blank(line, from, length)) {
            problems.accept(new CaseInputException.Problem(
                    new SourcePosition(source, number, 0),
                    "an empty line: each line of a JSON Lines cohort is one JSON case"));
            return null;
        }
        try {
            return reader.readLine(line, from, length, source, number);
        } catch (CaseInputException e) {
            e.problems().forEach(problems);
            return null;
        }
    }

    /** Whether {@code bytes[from, from + length)} holds only spaces and tabs. */
    private static boolean blank(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') return false;
        }
        return true;
    }
}
