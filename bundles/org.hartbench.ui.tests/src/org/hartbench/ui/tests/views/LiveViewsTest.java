package org.hartbench.ui.tests.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.hartbench.core.trace.CpuSnapshot;
import org.hartbench.core.trace.CpuStateModel;
import org.hartbench.core.trace.RingEventStore;
import org.hartbench.core.trace.RingExport;
import org.hartbench.core.trace.TraceSession;
import org.hartbench.core.trace.TraceSessions;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.hartbench.ui.views.CpusView;
import org.hartbench.ui.views.RingTraceView;
import org.hartbench.ui.views.ViewIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CPUs and Ring Trace views on a real machine: the shipped kernel's thread smoke on four
 * harts in deterministic mode, registered in TraceSessions as the launch code registers one.
 * Both views must show what the trace says while the machine runs and after it ends.
 */
class LiveViewsTest {

    private static final int HARTS = 4;
    private static Machine machine;
    private static TraceSession session;
    /** Every ring record, kept by the test itself to check the view's filter independently. */
    private static final List<TraceRecord> ringRecords = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startMachine() throws Exception {
        Path repo = Path.of(System.getProperty("hartbench.repo", "."));
        Path elf = repo.resolve("kernel-sources/build/kernel.elf");
        assertTrue(Files.isRegularFile(elf), elf + " exists (the reactor builds kernel-sources first)");
        machine = Machine.create(MachineConfig.defaults().withHarts(HARTS).withMode(ExecutionMode.DETERMINISTIC)
                .withBootArgs("manifest=thread").withTrace(true).withTimeout(Duration.ofMinutes(3)));
        machine.load(elf);
        session = TraceSessions.open("thread smoke, " + HARTS + " harts", machine);
        machine.addTraceListener(r -> {
            if (r.kind() == TraceType.SQE_CONSUMED || r.kind() == TraceType.CQE_POSTED) {
                ringRecords.add(r);
            }
        });
        machine.start();
    }

    @AfterAll
    static void stopMachine() {
        session.close();
        machine.close();
    }

    /** Runs the event loop (so the views' timers fire) until the machine ends. */
    private static void runUntilExit() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (machine.exitStatus().isEmpty() && System.nanoTime() < deadline) {
            UiTestSupport.processEvents();
            Thread.sleep(20);
        }
        assertEquals(ExitStatus.Kind.PASS, machine.exitStatus().orElseThrow().kind());
        UiTestSupport.processEvents();
    }

    private static File screenshotZoomed(IViewPart view, String name) {
        IWorkbenchPage page = UiTestSupport.activePage();
        page.activate(view);
        page.toggleZoom(page.getReference(view));
        try {
            return Screenshots.save(page.getWorkbenchWindow().getShell(), name);
        } finally {
            page.toggleZoom(page.getReference(view));
        }
    }

    @Test
    void cpusViewShowsEveryHartWithActivity() throws Exception {
        CpusView view = (CpusView) UiTestSupport.activePage().showView(ViewIds.CPUS);
        UiTestSupport.processEvents();
        runUntilExit();
        view.refreshNow();
        Table table = view.viewer().getTable();
        assertEquals(HARTS, table.getItemCount(), "one row per hart");
        CpuSnapshot model = session.cpus().snapshot();
        for (int c = 0; c < HARTS; c++) {
            TableItem row = table.getItem(c);
            assertEquals(Integer.toString(c), row.getText(0));
            long switches = Long.parseLong(row.getText(5));
            assertTrue(switches > 0, "cpu " + c + " switched threads");
            assertEquals(model.rows().get(c).switches(), switches);
            assertNotEquals("0.0 %", row.getText(9), "cpu " + c + " was busy some of the time");
            assertFalse(view.shownSnapshot().lanes().get(c).isEmpty(), "cpu " + c + " has a timeline lane");
        }
        assertFalse(view.shownSnapshot().ipis().isEmpty(), "the thread smoke sends IPIs");
        File shot = screenshotZoomed(view, "cpus-view");
        assertTrue(shot.length() > 0);
    }

    @Test
    void ringTraceViewReceivesEventsAndFiltersThem() throws Exception {
        RingTraceView view = (RingTraceView) UiTestSupport.activePage().showView(ViewIds.RING_TRACE);
        runUntilExit();
        view.setFilterText("", "", "", "");
        view.refreshNow();
        Table table = view.table();
        int all = table.getItemCount();
        assertEquals(ringRecords.size(), all, "every SQE consumed and CQE posted record is listed");
        assertTrue(all > 100, "the thread smoke uses its rings: " + all);

        view.setFilterText("", "", "1", "");
        view.refreshNow();
        long onCpu1 = ringRecords.stream().filter(r -> r.cpu() == 1).count();
        assertEquals(onCpu1, table.getItemCount(), "the CPU filter keeps exactly cpu 1's events");
        assertTrue(onCpu1 < all, "and that is fewer than all");
        assertEquals("1", table.getItem(0).getText(2));

        view.setFilterText("", "", "", "release");
        view.refreshNow();
        assertTrue(table.getItemCount() > 0 && table.getItemCount() < all, "op filter: " + table.getItemCount());
        assertEquals("RELEASE", table.getItem(table.getItemCount() - 1).getText(5));

        view.setFilterText("abc", "", "", "release");
        view.refreshNow();
        assertTrue(view.message().contains("process must be a whole number, not 'abc'"), view.message());

        view.setFilterText("", "", "", "");
        view.refreshNow();
        Path csv = Files.createTempFile("ring-trace", ".csv");
        view.export(csv, false);
        assertEquals(all + 1, Files.readAllLines(csv).size(), "header plus a line per event");
        Path json = Files.createTempFile("ring-trace", ".json");
        view.export(json, true);
        assertTrue(Files.readString(json).startsWith("{\"displayTimeUnit\":\"ns\",\"traceEvents\":["));

        view.pressPause();
        assertFalse(session.rings().isCapturing());
        view.refreshNow();
        assertTrue(view.message().contains("capture paused"), view.message());
        File shot = screenshotZoomed(view, "ring-trace-view");
        view.pressPause();
        assertTrue(session.rings().isCapturing());
        assertTrue(shot.length() > 0);
        Files.delete(csv);
        Files.delete(json);
    }

    /** Refreshes until the view lists all its selection, at most for a minute. */
    private static void untilComplete(RingTraceView view) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!view.complete() && System.nanoTime() < deadline) {
            view.refreshNow();
            UiTestSupport.processEvents();
        }
    }

    /**
     * A million events: the view counts them all, lists the newest MAX_ROWS, filters and exports
     * the whole store, and no single refresh holds the UI thread for long.
     */
    @Test
    void ringTraceViewStaysResponsiveWithAMillionEvents() throws Exception {
        RingEventStore store = new RingEventStore();
        for (int i = 0; i < 1_000_000; i += 2) {
            store.onRecord(new TraceRecord(i, TraceType.SQE_CONSUMED.number, i / 2 % 4, 7, 3, (1 + i % 5) << 24, i));
            store.onRecord(new TraceRecord(i + 1, TraceType.CQE_POSTED.number, i / 2 % 4, 7, 3, 0, i));
        }
        RingTraceView view = (RingTraceView) UiTestSupport.activePage().showView(ViewIds.RING_TRACE);
        view.setFilterText("", "", "", "");
        UiTestSupport.processEvents();
        long t0 = System.nanoTime();
        try (TraceSession big = TraceSessions.open("a million events", new CpuStateModel(4, 1000), store)) {
            UiTestSupport.processEvents(); // the view hears of the new session through the event queue
            untilComplete(view);
            long listMs = (System.nanoTime() - t0) / 1_000_000;
            Table table = view.table();
            assertEquals(RingTraceView.MAX_ROWS, table.getItemCount(), "the newest rows, up to the limit");
            assertEquals("99999.9", table.getItem(RingTraceView.MAX_ROWS - 1).getText(0), "the newest event last");
            assertEquals(RingExport.micros(1_000_000 - RingTraceView.MAX_ROWS),
                    table.getItem(0).getText(0), "filled on demand from the right place in the store");
            assertTrue(view.message().contains("1000000 of 1000000 events"), view.message());
            long t1 = System.nanoTime();
            view.setFilterText("", "", "2", "");
            untilComplete(view);
            long filterMs = (System.nanoTime() - t1) / 1_000_000;
            assertEquals(Math.min(250_000, RingTraceView.MAX_ROWS), table.getItemCount());
            assertEquals("2", table.getItem(table.getItemCount() - 1).getText(2));
            assertTrue(view.message().contains("250000 of 1000000 events"), view.message());
            Path csv = Files.createTempFile("million", ".csv");
            view.export(csv, false);
            assertEquals(250_001, Files.readAllLines(csv).size(), "export writes every matching event");
            Files.delete(csv);
            System.out.println("RingTraceView: a million events listed in " + listMs + " ms, a CPU filter in "
                    + filterMs + " ms; longest single refresh " + view.longestRefreshMs() + " ms");
            // The test JVM runs without the optimising JIT on a shared two-core machine: generous.
            assertTrue(view.longestRefreshMs() < 2000, "longest refresh " + view.longestRefreshMs() + " ms");
            view.setFilterText("", "", "", "");
        }
        UiTestSupport.processEvents();
    }
}
