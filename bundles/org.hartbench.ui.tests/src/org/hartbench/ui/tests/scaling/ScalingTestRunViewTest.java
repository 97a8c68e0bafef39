package org.hartbench.ui.tests.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.unittest.model.ITestElement;
import org.eclipse.unittest.model.ITestRunSession;
import org.eclipse.unittest.model.ITestSuiteElement;
import org.eclipse.unittest.ui.ConfigureViewerSupport;
import org.hartbench.core.scaling.launch.ScalingLaunchAttributes;
import org.hartbench.core.scaling.launch.ScalingLaunchSettings;
import org.hartbench.core.scaling.launch.ScalingProcess;
import org.hartbench.ui.scaling.ScalingChartView;
import org.hartbench.ui.scaling.ScalingViewSupport;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.hartbench.ui.tests.launch.LaunchTestSupport;
import org.hartbench.ui.views.ViewIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scaling claim as a user runs it: a "Hartbench Scaling Test" configuration on the shipped
 * kernel (process demo, CPUs 1 and 2, one deterministic repeat) launched from the workbench; its
 * claims appear in the platform's test-run view with their verdicts, Rerun runs the session
 * again, and the Scaling Chart shows the measured speedups.
 */
class ScalingTestRunViewTest {

    /** The platform's test-run view (org.eclipse.unittest.ui's plugin.xml). */
    static final String TEST_RUN_VIEW = "org.eclipse.unittest.ui.ResultView";
    /** Generous: the test JVM runs with C1 only on a shared two-core machine. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(180);

    static final String SPEEDUP_CLAIM = "process-scale 1→2 ≥ 1.6x (virtual time)";
    static final String VERIFIED_CLAIM = "process-scale results verified (count and checksum recomputed on the host)";

    private final List<ILaunch> launches = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (ILaunch launch : launches) {
            if (!launch.isTerminated()) {
                launch.terminate();
            }
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
    }

    private static ILaunchConfigurationType scalingType() {
        ILaunchConfigurationType type = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(ScalingLaunchAttributes.TYPE_ID);
        assertNotNull(type, "the Hartbench Scaling Test launch type is registered");
        return type;
    }

    @Test
    void ourViewSupportAttributeIsThePlatforms() throws Exception {
        ILaunchConfigurationWorkingCopy copy = scalingType().newInstance(null, "attribute check");
        new ConfigureViewerSupport(ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ID).apply(copy);
        assertEquals(ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ID,
                copy.getAttribute(ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ATTRIBUTE, ""),
                "core writes the attribute under the key the platform's view reads");
    }

    @Test
    void aScalingRunShowsItsClaimsInTheTestRunViewAndReruns() throws Exception {
        IWorkbenchPage page = UiTestSupport.activePage();
        IViewPart testRunView = page.showView(TEST_RUN_VIEW);
        ILaunchConfigurationWorkingCopy copy = scalingType().newInstance(null, DebugPlugin.getDefault()
                .getLaunchManager().generateLaunchConfigurationName("process-scale 1-2"));
        ScalingLaunchSettings.defaults().withCpusAndRepeats("1,2", 1).write(copy);
        ILaunchConfiguration config = copy.doSave();

        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        launches.add(launch);
        ITestRunSession session = awaitSession(launch);
        assertEquals(config.getName(), session.getTestName());

        List<? extends ITestElement> suites = session.getChildren();
        assertEquals(1, suites.size(), "one suite per demo");
        ITestSuiteElement suite = assertInstanceOf(ITestSuiteElement.class, suites.get(0));
        assertEquals("process-scale (emulator, deterministic, virtual time)", suite.getTestName());
        assertEquals(List.of("runs", VERIFIED_CLAIM, SPEEDUP_CLAIM), names(suite));
        ITestSuiteElement runs = (ITestSuiteElement) suite.getChildren().get(0);
        assertEquals(List.of("1 CPU, run 1", "2 CPUs, run 1"), names(runs));
        for (ITestElement e : allCases(session)) {
            assertNull(e.getFailureTrace(), e.getTestName() + " passed");
            assertNotNull(e.getDuration(), e.getTestName() + " has an elapsed time");
        }
        ITestElement speedup = suite.getChildren().get(2);
        assertTrue(speedup.getDisplayName().matches(java.util.regex.Pattern.quote(SPEEDUP_CLAIM) + ": \\d+\\.\\d{3}x"),
                speedup.getDisplayName());
        assertEquals(VERIFIED_CLAIM + ": 2 of 2 runs verified", suite.getChildren().get(1).getDisplayName());

        // What the view's counters show, once its throttled update has caught up.
        LaunchTestSupport.waitUntil("the test-run view to count 4 of 4 runs", Duration.ofSeconds(10),
                () -> counters(testRunView).contains("4/4"));
        List<String> counters = counters(testRunView);
        assertEquals("0", after(counters, "Errors"), counters.toString());
        assertEquals("0", after(counters, "Failures"), counters.toString());
        assertEquals(0, ((ScalingProcess) launch.getProcesses()[0]).getExitValue(), "every gating claim passed");

        expandTree(testRunView);
        maximizedScreenshot(page, testRunView, "scaling-test-run-view");
        assertChart(page);

        // Rerun, as the view's Rerun actions do it: the view support hands back the configuration.
        ILaunchConfiguration rerun = new ScalingViewSupport().getRerunLaunchConfiguration(List.of(speedup));
        assertEquals(config, rerun, "a claim reruns its whole session");
        ILaunch again = rerun.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        launches.add(again);
        ITestRunSession second = awaitSession(again);
        assertNotSame(session, second);
        ITestSuiteElement secondSuite = (ITestSuiteElement) second.getChildren().get(0);
        assertEquals(names(suite), names(secondSuite));
        assertEquals(speedup.getDisplayName(), secondSuite.getChildren().get(2).getDisplayName(),
                "deterministic reruns measure the same speedup");
    }

    /** Opens every suite of the view's tree, as a user clicking the arrows would, for the screenshot. */
    private static void expandTree(IViewPart view) {
        List<Tree> trees = new ArrayList<>();
        findTrees(view.getSite().getShell(), trees);
        for (Tree tree : trees) {
            expand(tree, tree.getItems());
        }
        UiTestSupport.processEvents();
    }

    private static void findTrees(Control control, List<Tree> trees) {
        if (control instanceof Tree t && t.isVisible()) {
            trees.add(t);
        }
        if (control instanceof Composite c) {
            Arrays.stream(c.getChildren()).forEach(child -> findTrees(child, trees));
        }
    }

    private static void expand(Tree tree, TreeItem[] items) {
        for (TreeItem item : items) {
            // JFace creates an item's children when the tree reports the expansion.
            Event e = new Event();
            e.item = item;
            tree.notifyListeners(SWT.Expand, e);
            item.setExpanded(true);
            UiTestSupport.processEvents();
            expand(tree, item.getItems());
        }
    }

    private static void assertChart(IWorkbenchPage page) throws Exception {
        ScalingChartView chart = (ScalingChartView) page.showView(ViewIds.SCALING_CHART);
        UiTestSupport.processEvents();
        ISeries<?> measured = chart.chart().getSeriesSet().getSeries(ScalingChartView.MEASURED);
        assertNotNull(measured, "a measured series");
        assertArrayEquals(new double[] { 1, 2 }, measured.getXSeries(), "one point per CPU count");
        assertEquals(1.0, measured.getYSeries()[0], 1e-12, "1 CPU against itself");
        assertTrue(measured.getYSeries()[1] >= 1.6, "the 1→2 speedup that passed: " + measured.getYSeries()[1]);
        ISeries<?> ideal = chart.chart().getSeriesSet().getSeries(ScalingChartView.IDEAL);
        assertArrayEquals(new double[] { 1, 2 }, ideal.getYSeries(), "ideal speedup = CPUs");
        maximizedScreenshot(page, chart, "scaling-chart-view");
    }

    /** Waits for the launch's test-run session to be complete: every claim reported, the process ended. */
    private static ITestRunSession awaitSession(ILaunch launch) {
        String what = "the scaling session of " + launch.getLaunchConfiguration().getName() + " to finish";
        LaunchTestSupport.waitUntil(what, SESSION_TIMEOUT, () -> {
            ITestRunSession s = ScalingViewSupport.sessionFor(launch);
            return s != null && launch.isTerminated() && !s.getChildren().isEmpty()
                    && ((ITestSuiteElement) s.getChildren().get(0)).getChildren().size() == 3;
        });
        return ScalingViewSupport.sessionFor(launch);
    }

    private static List<String> names(ITestSuiteElement suite) {
        return suite.getChildren().stream().map(ITestElement::getTestName).toList();
    }

    private static List<ITestElement> allCases(ITestSuiteElement suite) {
        List<ITestElement> cases = new ArrayList<>();
        for (ITestElement child : suite.getChildren()) {
            if (child instanceof ITestSuiteElement s) {
                cases.addAll(allCases(s));
            } else {
                cases.add(child);
            }
        }
        return cases;
    }

    /**
     * The texts of every label and text field of the view's window, in widget order. The test-run
     * view's counter panel ("Runs:", "Errors:", "Failures:", each followed by its value) is the
     * only one of the workbench with those labels.
     */
    private static List<String> counters(IViewPart view) {
        List<String> texts = new ArrayList<>();
        collect(view.getSite().getShell(), texts);
        return texts;
    }

    private static void collect(Control control, List<String> texts) {
        if (control instanceof Label l) {
            texts.add(l.getText().trim());
        } else if (control instanceof Text t) {
            texts.add(t.getText().trim());
        }
        if (control instanceof Composite c) {
            Arrays.stream(c.getChildren()).forEach(child -> collect(child, texts));
        }
    }

    private static String after(List<String> texts, String label) {
        for (int i = 0; i + 1 < texts.size(); i++) {
            if (texts.get(i).startsWith(label)) {
                return texts.get(i + 1);
            }
        }
        fail("no '" + label + "' in " + texts);
        return null;
    }

    private static void maximizedScreenshot(IWorkbenchPage page, IViewPart view, String name) {
        page.activate(view);
        IWorkbenchPartReference ref = page.getReference(view);
        page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        LaunchTestSupport.await(Duration.ofMillis(500), () -> false); // let the view lay out and paint
        File shot = Screenshots.save(view.getSite().getShell(), name);
        page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        assertTrue(shot.length() > 0, "screenshot written");
    }
}
