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
import org.hartbench.core.trace.RowWindow;
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

    /** The text in column of model row, which must be on screen. */
    static String cell(RingTraceView view, int row, int column) {
        RowWindow w = view.rows().window();
        assertTrue(w.shows(row), "row " + row + " is on screen (top " + w.top() + ", " + w.visibleRows() + " rows)");
        return view.table().getItem(row - w.top()).getText(column);
    }

    @Test
    void ringTraceViewReceivesEventsAndFiltersThem() throws Exception {
        RingTraceView view = (RingTraceView) UiTestSupport.activePage().showView(ViewIds.RING_TRACE);
        runUntilExit();
        view.setFilterText("", "", "", "");
        view.refreshNow();
        RowWindow rows = view.rows().window();
        int all = rows.rowCount();
        assertEquals(ringRecords.size(), all, "every SQE consumed and CQE posted record is listed");
        assertTrue(all > 100, "the thread smoke uses its rings: " + all);
        assertEquals(all, view.rows().slider().getMaximum(), "the scroll bar spans every row");

        view.setFilterText("", "", "1", "");
        view.refreshNow();
        long onCpu1 = ringRecords.stream().filter(r -> r.cpu() == 1).count();
        assertEquals(onCpu1, rows.rowCount(), "the CPU filter keeps exactly cpu 1's events");
        assertTrue(onCpu1 < all, "and that is fewer than all");
        assertEquals("1", cell(view, rows.top(), 2));

        view.setFilterText("", "", "", "release");
        view.refreshNow();
        assertTrue(rows.rowCount() > 0 && rows.rowCount() < all, "op filter: " + rows.rowCount());
        assertEquals("RELEASE", cell(view, rows.rowCount() - 1, 5), "the view follows the newest row");

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
}
