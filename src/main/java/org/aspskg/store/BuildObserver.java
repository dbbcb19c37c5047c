package org.aspskg.store;

import java.time.Duration;

/** Watches a build phase by phase: the command line prints progress, tests inject failures. */
public interface BuildObserver {
    BuildObserver NONE = new BuildObserver() {};

    default void phaseStarted(BuildPhase phase) {}

    /** Called after a phase has finished, with what it did in a few words. */
    default void phaseFinished(BuildPhase phase, Duration duration, String summary) {}
}
