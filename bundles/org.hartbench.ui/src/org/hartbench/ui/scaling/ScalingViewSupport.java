package org.hartbench.ui.scaling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.core.text.StringMatcher;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.jface.action.IAction;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.unittest.launcher.ITestRunnerClient;
import org.eclipse.unittest.model.ITestCaseElement;
import org.eclipse.unittest.model.ITestElement;
import org.eclipse.unittest.model.ITestRunSession;
import org.eclipse.unittest.model.ITestSuiteElement;
import org.eclipse.unittest.ui.ITestViewSupport;
import org.hartbench.core.scaling.launch.ScalingLaunchAttributes;

/**
 * Hartbench's support for the platform's test-run view ({@code org.eclipse.unittest.ui}): the
 * view creates one per "Hartbench Scaling Test" launch (the configuration names
 * {@link ScalingLaunchAttributes#TEST_VIEW_SUPPORT_ID}) and gets its runner client from here.
 *
 * <p>Rerun: a claim is a judgement over all runs of a session (the 1→2 speedup needs the 1-CPU
 * runs too), so rerunning any element, failed ones included, reruns the session's configuration.
 */
public class ScalingViewSupport implements ITestViewSupport {

    /** The sessions made for launches, so tests and tools can find a launch's results. */
    private static final Map<ILaunch, ITestRunSession> SESSIONS = new WeakHashMap<>();

    static synchronized void register(ITestRunSession session) {
        SESSIONS.put(session.getLaunch(), session);
    }

    /** The test-run session the view made for a scaling launch, or null when it made none (yet). */
    public static synchronized ITestRunSession sessionFor(ILaunch launch) {
        return SESSIONS.get(launch);
    }

    @Override
    public ITestRunnerClient newTestRunnerClient(ITestRunSession session) {
        return new ScalingTestRunnerClient(session);
    }

    /** The failure traces are tables and paths, not stack traces: nothing to filter. */
    @Override
    public Collection<StringMatcher> getTraceExclusionFilterPatterns() {
        return List.of();
    }

    /** Claims and runs have no source to open. */
    @Override
    public IAction getOpenTestAction(Shell shell, ITestCaseElement testCase) {
        return null;
    }

    @Override
    public IAction getOpenTestAction(Shell shell, ITestSuiteElement testSuite) {
        return null;
    }

    @Override
    public IAction createOpenEditorAction(Shell shell, ITestElement failure, String traceLine) {
        return null;
    }

    @Override
    public Runnable createShowStackTraceInConsoleViewActionDelegate(ITestElement failedTest) {
        return null;
    }

    /** The session's own configuration, whatever was selected (see the class comment). */
    @Override
    public ILaunchConfiguration getRerunLaunchConfiguration(List<ITestElement> testElements) {
        if (testElements == null || testElements.isEmpty()) {
            return null;
        }
        ILaunch launch = testElements.get(0).getTestRunSession().getLaunch();
        return launch == null ? null : launch.getLaunchConfiguration();
    }

    @Override
    public String getDisplayName() {
        return "Hartbench Scaling Test";
    }
}
