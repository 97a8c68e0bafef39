package org.hartbench.ui.scaling;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.unittest.launcher.ITestRunnerClient;
import org.eclipse.unittest.model.ITestElement;
import org.eclipse.unittest.model.ITestElement.FailureTrace;
import org.eclipse.unittest.model.ITestElement.Result;
import org.eclipse.unittest.model.ITestRunSession;
import org.eclipse.unittest.model.ITestSuiteElement;
import org.hartbench.core.scaling.launch.ScaleTestEvent;
import org.hartbench.core.scaling.launch.ScaleTestRun;
import org.hartbench.core.scaling.launch.ScalingProcess;

/**
 * Feeds one test-run session of the platform's view from the {@link ScaleTestRun} of the launch's
 * {@link ScalingProcess}: each {@link ScaleTestEvent} becomes the matching session call. All the
 * judging happens in core; this class only translates.
 */
final class ScalingTestRunnerClient implements ITestRunnerClient {

    private final ITestRunSession session;
    /** Elements made so far, by event id; touched only by the thread that delivers events. */
    private final Map<String, ITestElement> elements = new HashMap<>();
    /**
     * Ends the subscription. Never called while holding a lock of this class: the session calls
     * stopMonitoring from inside an event delivery (which holds the ScaleTestRun's lock) as well
     * as from the UI thread, and a lock here would order the two locks both ways.
     */
    private final AtomicReference<Runnable> unsubscribe = new AtomicReference<>();

    ScalingTestRunnerClient(ITestRunSession session) {
        this.session = session;
    }

    /** The scaling process of a launch, or null when it has none. */
    static ScalingProcess processOf(ILaunch launch) {
        if (launch == null) {
            return null;
        }
        for (IProcess p : launch.getProcesses()) {
            if (p instanceof ScalingProcess scaling) {
                return scaling;
            }
        }
        return null;
    }

    @Override
    public void startMonitoring() {
        ScalingProcess process = processOf(session.getLaunch());
        if (process == null) {
            session.notifyTestSessionAborted(null,
                    new IllegalStateException("the launch has no Hartbench scaling session to report"));
            return;
        }
        ScalingViewSupport.register(session);
        Runnable handle = process.testRun().subscribe(this::apply);
        if (!unsubscribe.compareAndSet(null, handle)) {
            handle.run();
        }
    }

    @Override
    public void stopTest() {
        ScalingProcess process = processOf(session.getLaunch());
        if (process != null) {
            process.terminate();
        }
    }

    @Override
    public void stopMonitoring() {
        Runnable handle = unsubscribe.getAndSet(() -> {
        });
        if (handle != null) {
            handle.run();
        }
    }

    private void apply(ScaleTestEvent event) {
        switch (event) {
        case ScaleTestEvent.SessionStarted e -> session.notifyTestSessionStarted(e.tests());
        case ScaleTestEvent.SuiteAdded e -> elements.put(e.id(),
                session.newTestSuite(e.id(), e.name(), e.tests(), parent(e.parentId()), e.name(), null));
        case ScaleTestEvent.CaseAdded e -> elements.put(e.id(),
                session.newTestCase(e.id(), e.name(), parent(e.parentId()), e.displayName(), null));
        case ScaleTestEvent.CaseStarted e -> session.notifyTestStarted(elements.get(e.id()));
        case ScaleTestEvent.CaseFailed e -> session.notifyTestFailed(elements.get(e.id()),
                e.error() ? Result.ERROR : Result.FAILURE, false, new FailureTrace(e.trace(), null, null));
        case ScaleTestEvent.CaseEnded e -> session.notifyTestEnded(elements.get(e.id()), false);
        case ScaleTestEvent.SessionEnded e -> session.notifyTestSessionCompleted(e.elapsed());
        case ScaleTestEvent.SessionAborted e -> session.notifyTestSessionAborted(e.elapsed(),
                new Exception("Scaling session " + e.reason()));
        }
    }

    private ITestSuiteElement parent(String id) {
        return id == null ? session : (ITestSuiteElement) elements.get(id);
    }
}
