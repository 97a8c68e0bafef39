package org.hartbench.core.scaling.launch;

import java.time.Duration;

/**
 * What a scaling session tells a test-run view, in the view's own vocabulary (sessions, suites,
 * test cases, failures) but without its classes, so that core stays free of UI bundles.
 * {@link ScaleTestRun} produces these events; the UI's test runner client replays them onto the
 * platform's test-run session one to one. Ids are unique within a session.
 */
public sealed interface ScaleTestEvent {

    /** The session began; {@code tests} test cases are expected in all. */
    record SessionStarted(int tests) implements ScaleTestEvent {
    }

    /** A suite under the parent (null: the session itself). */
    record SuiteAdded(String id, String name, String parentId, int tests) implements ScaleTestEvent {
    }

    /** A test case under the parent suite; {@code displayName} is what the view shows. */
    record CaseAdded(String id, String name, String parentId, String displayName) implements ScaleTestEvent {
    }

    record CaseStarted(String id) implements ScaleTestEvent {
    }

    /**
     * The test case failed (a claim or run that did not hold) or could not be judged
     * ({@code error}: the harness itself stopped); the trace is what the view shows for it.
     */
    record CaseFailed(String id, boolean error, String trace) implements ScaleTestEvent {
    }

    record CaseEnded(String id) implements ScaleTestEvent {
    }

    /** The session ended normally after this long. */
    record SessionEnded(Duration elapsed) implements ScaleTestEvent {
    }

    /** The session was stopped (cancelled, or the harness failed) after this long. */
    record SessionAborted(Duration elapsed, String reason) implements ScaleTestEvent {
    }
}
