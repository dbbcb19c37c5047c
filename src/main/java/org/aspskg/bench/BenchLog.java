package org.aspskg.bench;

import java.io.PrintWriter;
import java.util.Locale;

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
}
