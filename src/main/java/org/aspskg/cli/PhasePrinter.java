package org.aspskg.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.aspskg.store.BuildObserver;
import org.aspskg.store.BuildPhase;

/** Prints each build phase to stderr as it starts and finishes, with its time. */
final class PhasePrinter implements BuildObserver {
    private final PrintWriter err;

    PhasePrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void phaseStarted(BuildPhase phase) {
        err.printf(Locale.ROOT, "%-12s …%n", phase.label());
        err.flush();
    }

    @Override
    public void phaseProgress(BuildPhase phase, String message) {
        err.printf(Locale.ROOT, "%-12s           %s%n", phase.label(), message);
        err.flush();
    }

    @Override
    public void phaseFinished(BuildPhase phase, Duration duration, String summary) {
        err.printf(Locale.ROOT, "%-12s %6d ms  %s%n", phase.label(), duration.toMillis(), summary);
        err.flush();
    }
}
