package org.hartbench.ui.tests.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.console.TextConsole;
import org.hartbench.core.launch.HartbenchProcess;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.launch.KernelLaunchSettings;
import org.hartbench.core.scaling.ScaleResultLine;
import org.hartbench.core.trace.CpuSnapshot;
import org.hartbench.core.trace.TraceSession;
import org.hartbench.core.trace.TraceSessions;
import org.hartbench.emulator.api.Machine;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.hartbench.ui.tests.launch.LaunchTestSupport;
import org.hartbench.ui.views.CpusView;
import org.hartbench.ui.views.RingTraceView;
import org.hartbench.ui.views.ViewIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the open CPUs and Ring Trace views cost the emulator (issue 6, item 7), measured in this
 * workbench: the same "Hartbench Kernel" launch (process-scale on 4 harts, parallel mode, trace
 * on) runs with both views closed and with both views open side by side and painting,
 * alternately (closed-open, then open-closed, ...), after one unmeasured warm-up run of each for
 * the JIT. Each run's wall time goes from the launch to the machine's end, taken by a thread
 * waiting on the machine so the UI thread's own work does not delay the clock; the CPU time of
 * the UI thread and of the X server shows what the views cost the host. The table goes to stdout
 * and to {@code target/view-cost/table.txt}.
 *
 * <p>A benchmark, not a gate: its name matches none of the test runner's patterns and it runs
 * only when asked ({@code ./hartbench bench --views}). It fails only on what must hold whatever
 * the host's speed: every run passes, every run computes the same result, the open views received
 * the events and drew every CPU's lane, the closed ones were really closed.
 */
class ViewCostBenchmark {

    /** The two ways the same launch runs. */
    enum Variant {
        VIEWS_CLOSED("views closed"), VIEWS_OPEN("both views open");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final int harts = Integer.getInteger("hartbench.bench.harts", 4);
    private final int repeats = Integer.getInteger("hartbench.bench.repeats", 5);
    private final String manifest = System.getProperty("hartbench.bench.manifest", "process-scale");
    private final String bootArgs = System.getProperty("hartbench.bench.args", "hi=50000000");

    @BeforeAll
    static void onlyWhenAsked() {
        assumeTrue(Boolean.getBoolean("hartbench.bench.views"),
                "a benchmark: run it with ./hartbench bench --views (sets -Dhartbench.bench.views=true)");
    }

    @BeforeEach
    void keepTheConsoleFromCoveringTheViews() {
        // The Console view shares the CPUs view's stack and would come to the front on output
        // (the debug UI's preference keys; their constants are internal).
        DebugUITools.getPreferenceStore().setValue("DEBUG.consoleOpenOnOut", false);
        DebugUITools.getPreferenceStore().setValue("DEBUG.consoleOpenOnErr", false);
    }

    @AfterEach
    void removeLaunches() throws Exception {
        for (ILaunch launch : launchManager().getLaunches()) {
            if (launch.getLaunchConfiguration() != null && launch.getLaunchConfiguration().getType().getIdentifier()
                    .equals(KernelLaunchAttributes.TYPE_ID)) {
                launch.terminate();
                launchManager().removeLaunch(launch);
            }
        }
    }

    private static ILaunchManager launchManager() {
        return DebugPlugin.getDefault().getLaunchManager();
    }

    @Test
    void bothViewsOpenAgainstClosed() throws Exception {
        assertTrue(harts >= 1 && repeats >= 1, "hartbench.bench.harts and .repeats must be at least 1");
        ILaunchConfiguration config = configuration();
        // Warm-up, not counted: the first run in a JVM compiles the emulator's interpreter (about
        // twice as slow), the first with the views open compiles their refresh and paint code.
        ViewCostRun.Result warmUp = run(config, Variant.VIEWS_CLOSED, 0);
        System.out.println("view cost: warm-up " + warmUp.line());
        System.out.println("view cost: warm-up " + run(config, Variant.VIEWS_OPEN, 0).line());
        List<ViewCostRun.Result> results = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            // Alternate which variant goes first, so a slow phase of the host falls on both.
            Variant first = r % 2 == 1 ? Variant.VIEWS_CLOSED : Variant.VIEWS_OPEN;
            Variant second = first == Variant.VIEWS_CLOSED ? Variant.VIEWS_OPEN : Variant.VIEWS_CLOSED;
            for (Variant v : List.of(first, second)) {
                ViewCostRun.Result result = run(config, v, r);
                System.out.println("view cost: " + result.line());
                results.add(result);
            }
        }
        // Every run did the same work: the same result line (count, checksum) as the warm-up.
        for (ViewCostRun.Result r : results) {
            assertEquals(warmUp.answer(), r.answer(), "run " + r.repeat() + " (" + r.variant().label + ") computed");
        }
        String table = ViewCostRun.table(results, harts, manifest, bootArgs, loadAverage());
        System.out.println(table);
        Path out = Path.of(System.getProperty("hartbench.bench.out", "target/view-cost"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("table.txt"), table);
    }

    private ILaunchConfiguration configuration() throws Exception {
        ILaunchConfigurationWorkingCopy copy = launchManager()
                .getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID)
                .newInstance(null, launchManager().generateLaunchConfigurationName("view cost"));
        KernelLaunchSettings d = KernelLaunchSettings.defaults();
        new KernelLaunchSettings("", manifest, bootArgs, harts, "parallel", d.memoryMiB(), "", false, true).write(copy);
        return copy.doSave();
    }

    /** One launch of the configuration with the views as the variant wants them. */
    private ViewCostRun.Result run(ILaunchConfiguration config, Variant variant, int repeat) throws Exception {
        IWorkbenchPage page = UiTestSupport.activePage();
        Views views = variant == Variant.VIEWS_OPEN ? Views.openSideBySide(page) : Views.close(page);
        // Let the layout settle and the previous run's garbage go before the clock starts.
        LaunchTestSupport.await(Duration.ofMillis(300), () -> false);
        System.gc();
        views.resetPaintCounts();

        // The test runs on the UI thread, so this is the CPU time the workbench's own thread spends.
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        double x0 = XServer.cpuSeconds();
        long t0 = System.nanoTime();
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        HartbenchProcess process = assertInstanceOf(HartbenchProcess.class, launch.getProcesses()[0]);
        Machine machine = process.session().machine();
        TraceSession session = TraceSessions.current();
        assertNotNull(session, "a traced launch opens a trace session");
        assertSame(machine, session.machine(), "the current trace session is this launch's");
        AtomicLong ended = new AtomicLong();
        Thread waiter = Thread.ofPlatform().daemon().name("view-cost-waiter").start(() -> {
            try {
                machine.awaitExit();
                ended.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The UI thread runs the event loop as the IDE would: the views' timers fire and paint.
        LaunchTestSupport.waitUntil("the " + manifest + " run to end", RUN_TIMEOUT, () -> ended.get() != 0);
        double wallSeconds = (ended.get() - t0) / 1e9;
        double uiCpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        double xCpuSeconds = XServer.cpuSeconds() - x0;
        waiter.join();
        if (variant == Variant.VIEWS_OPEN) {
            assertTrue(page.isPartVisible(views.cpus()) && page.isPartVisible(views.ring()),
                    "both views were still visible at the end of the run: CPUs in " + PartStacks.describe(views.cpus())
                            + ", Ring Trace in " + PartStacks.describe(views.ring()));
        }
        int timelinePaints = views.timelinePaints();
        int tablePaints = views.tablePaints();

        long instret = 0;
        for (int h = 0; h < harts; h++) {
            instret += machine.inspector().snapshot(h).instret();
        }
        TextConsole console = awaitConsole(process);
        String pass = "manifest " + manifest + ": PASS";
        LaunchTestSupport.waitUntil("'" + pass + "' in the console", Duration.ofSeconds(60),
                () -> console.getDocument().get().contains(pass));
        LaunchTestSupport.waitUntil("the process to end", Duration.ofSeconds(30), process::isTerminated);
        assertEquals(0, process.getExitValue(), "the finisher's pass value");
        Optional<ScaleResultLine> result = ScaleResultLine.find(console.getDocument().get());
        double sectionSeconds = result.map(l -> l.ticks() / (double) l.timebaseHz()).orElse(Double.NaN);
        String answer = result.map(l -> "count=" + l.count() + " checksum=" + l.checksum()).orElse("PASS");

        CpuSnapshot cpus = session.cpus().snapshot();
        long ringEvents = session.rings().captured();
        int rows = -1;
        if (variant == Variant.VIEWS_OPEN) {
            UiTestSupport.processEvents();
            rows = views.ring().rows().window().rowCount();
            assertTrue(ringEvents > 0 && rows > 0, "the Ring Trace view lists events: " + rows + " rows of "
                    + ringEvents + "; " + views.ring().message());
            assertTrue(timelinePaints > 0, "the CPUs view painted its timeline during the run");
            CpuSnapshot shown = views.cpus().shownSnapshot();
            assertNotNull(shown, "the CPUs view shows a snapshot");
            for (int c = 0; c < harts; c++) {
                assertFalse(shown.lanes().get(c).isEmpty(), "the CPUs view drew cpu " + c + "'s lane");
            }
            if (repeat == repeats) {
                Screenshots.save(page.getWorkbenchWindow().getShell(), "view-cost-both-views");
            }
        } else {
            assertNull(page.findView(ViewIds.CPUS), "the CPUs view stayed closed");
            assertNull(page.findView(ViewIds.RING_TRACE), "the Ring Trace view stayed closed");
        }
        launch.terminate();
        launchManager().removeLaunch(launch);
        return new ViewCostRun.Result(variant, repeat, wallSeconds, sectionSeconds, uiCpuSeconds, xCpuSeconds, instret,
                ringEvents, rows, timelinePaints, tablePaints, cpus.lost(), answer);
    }

    private static TextConsole awaitConsole(HartbenchProcess process) {
        LaunchTestSupport.waitUntil("a console for " + process.getLabel(), Duration.ofSeconds(30),
                () -> DebugUITools.getConsole(process) != null);
        return (TextConsole) DebugUITools.getConsole(process);
    }

    /** The host's load average over the last minute, as the kernel reports it, or "unknown". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The two views as one run sees them, with counters of how often each painted. */
    private record Views(CpusView cpus, RingTraceView ring, int[] paints) {

        static Views close(IWorkbenchPage page) {
            for (String id : List.of(ViewIds.CPUS, ViewIds.RING_TRACE)) {
                IViewPart view = page.findView(id);
                if (view != null) {
                    page.hideView(view);
                }
            }
            UiTestSupport.processEvents();
            return new Views(null, null, new int[2]);
        }

        /** Shows both views, each in its own part stack, both visible, and counts their paints. */
        static Views openSideBySide(IWorkbenchPage page) throws Exception {
            CpusView cpus = (CpusView) page.showView(ViewIds.CPUS);
            RingTraceView ring = (RingTraceView) page.showView(ViewIds.RING_TRACE);
            if (!page.isPartVisible(cpus) || !page.isPartVisible(ring)) {
                // The Hartbench perspective stacks them: move Ring Trace to another stack.
                PartStacks.moveToAnotherStack(ring);
                UiTestSupport.processEvents();
                page.bringToTop(ring);
                page.bringToTop(cpus);
            }
            UiTestSupport.processEvents();
            assertTrue(page.isPartVisible(cpus) && page.isPartVisible(ring), "both views are visible at once: CPUs in "
                    + PartStacks.describe(cpus) + ", Ring Trace in " + PartStacks.describe(ring));
            int[] paints = new int[2];
            Canvas timeline = find(cpus.viewer().getTable().getParent().getParent(), Canvas.class);
            assertNotNull(timeline, "the CPUs view has its timeline canvas");
            Listener countTimeline = e -> paints[0]++;
            Listener countTable = e -> paints[1]++;
            timeline.addListener(SWT.Paint, countTimeline);
            ring.table().addListener(SWT.Paint, countTable);
            return new Views(cpus, ring, paints);
        }

        void resetPaintCounts() {
            paints[0] = 0;
            paints[1] = 0;
        }

        int timelinePaints() {
            return cpus == null ? -1 : paints[0];
        }

        int tablePaints() {
            return cpus == null ? -1 : paints[1];
        }

        private static <T extends Control> T find(Composite parent, Class<T> type) {
            for (Control c : parent.getChildren()) {
                if (type.isInstance(c)) {
                    return type.cast(c);
                }
            }
            return null;
        }
    }
}
