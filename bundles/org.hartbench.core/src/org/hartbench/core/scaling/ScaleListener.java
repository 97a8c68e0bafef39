package org.hartbench.core.scaling;

/**
 * Follows a harness session as it goes, for a progress monitor, a terminal or the test-run view.
 * Called on the thread that runs the harness, in this order: {@link #sessionStarted} once, then
 * {@link #runStarted} and {@link #runFinished} per run, {@link #claimEvaluated} per claim and
 * {@link #sessionFinished} once. All methods default to doing nothing.
 */
public interface ScaleListener {

    default void sessionStarted(ScaleOptions options, int totalRuns) {
    }

    /** @param index 0-based position of this run in the session */
    default void runStarted(int index, int cpus, int repeat) {
    }

    default void runFinished(int index, ScaleRun run) {
    }

    default void claimEvaluated(ScaleClaim claim) {
    }

    default void sessionFinished(ScaleReport report) {
    }
}
