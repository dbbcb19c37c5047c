package org.aspskg.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.io.output.WriterOutputStream;

/** Progress of a benchmark run, to stderr: what is running now, so a long run is not silent. */
public final class BenchLog {
    private final PrintWriter err;

    public BenchLog(PrintWriter err) {
        this.err = err;
    }

    public void progress(String format, Object... args) {
        err.println("bench: " + String.format(Locale.ROOT, format, args));
        err.flush();
    }

    /** The same place as a stream, for a tool's own progress output (JMH's); closing it leaves the log open. */
    public PrintStream stream() {
        try {
            return new PrintStream(
                    CloseShieldOutputStream.wrap(WriterOutputStream.builder()
                            .setWriter(err)
                            .setCharset(StandardCharsets.UTF_8)
                            .setWriteImmediately(true)
                            .get()),
                    true,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
