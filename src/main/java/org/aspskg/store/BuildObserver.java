package org.aspskg.store;

import java.time.Duration;

/** Watches a build phase by phase: the command line prints progress, tests inject failures. */
public interface BuildObserver {
    BuildObserver NONE = new BuildObserver() {};

    default void phaseStarted(BuildPhase phase) {}

    /** Something worth a line while a phase runs (e.g. how far the case files have been loaded). */
    default void phaseProgress(BuildPhase phase, String message) {}

    /** Called after a phase has finished, with what it did in a few words. */
    default void phaseFinished(BuildPhase phase, Duration duration, String summary) {}
}
