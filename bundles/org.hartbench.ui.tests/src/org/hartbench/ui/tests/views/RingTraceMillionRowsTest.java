package org.hartbench.ui.tests.views;

import static org.hartbench.ui.tests.views.LiveViewsTest.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.hartbench.core.trace.CpuStateModel;
import org.hartbench.core.trace.RingEventStore;
import org.hartbench.core.trace.RingExport;
import org.hartbench.core.trace.RowWindow;
import org.hartbench.core.trace.TraceSession;
import org.hartbench.core.trace.TraceSessions;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.hartbench.ui.views.RingTraceView;
import org.hartbench.ui.views.ViewIds;
import org.junit.jupiter.api.Test;

/**
 * The Ring Trace view over a full store of a million synthetic events: the table reaches every
 * one of them (the first, the last and any between), filters and live capture keep it right, and
 * each step holds the UI thread briefly. Events come in pairs: at even time i a submission on cpu
 * (i/2) mod 4 with user_data i, at time i+1 its completion; one tick is 0.1 us, so event k shows
 * time k/10 us.
 */
class RingTraceMillionRowsTest {

    private static final int MILLION = 1_000_000;
    /** Generous: the test JVM runs without the optimising JIT on a shared two-core machine. */
    private static final long STEP_LIMIT_MS = 5000;

    /** Each step's time on the UI thread, in microseconds. */
    private final Map<String, Long> stepMicros = new LinkedHashMap<>();

    /** Feeds the submission and completion of pair time, time+1 through the store's public API. */
    private static void feedPair(RingEventStore store, long time) {
        int cpu = (int) (time / 2 % 4);
        store.onRecord(new TraceRecord(time, TraceType.SQE_CONSUMED.number, cpu, 7, 3, (int) (1 + time % 5) << 24, time));
        store.onRecord(new TraceRecord(time + 1, TraceType.CQE_POSTED.number, cpu, 7, 3, 0, time));
    }

    /** Runs a step on the UI thread (where the test runs) and records how long it held it. */
    private void step(String name, Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        stepMicros.put(name, (System.nanoTime() - t0) / 1000);
    }

    private static void key(Table table, int keyCode) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.doit = true;
        table.notifyListeners(SWT.KeyDown, e);
    }

    private static void dragSlider(Slider slider, int to) {
        slider.setSelection(to);
        slider.notifyListeners(SWT.Selection, new Event());
    }

    private static void click(Table table, int item) {
        table.setSelection(item);
        table.notifyListeners(SWT.Selection, new Event());
    }

    /** Asserts row shows event k of the unfiltered store: its time, and its pair's user_data. */
    private static void assertShowsEvent(RingTraceView view, int row, long k) {
        assertEquals(RingExport.micros(k), cell(view, row, 0), "time of row " + row);
        assertEquals(Long.toString(k - k % 2), cell(view, row, 7), "user_data of row " + row);
    }

    @Test
    void theTableReachesEveryOneOfAMillionEventsQuickly() throws Exception {
        RingEventStore store = new RingEventStore();
        long f0 = System.nanoTime();
        for (long t = 0; t < MILLION; t += 2) {
            feedPair(store, t);
        }
        long ingestMs = (System.nanoTime() - f0) / 1_000_000;
        assertEquals(MILLION, store.size());
        IWorkbenchPage page = UiTestSupport.activePage();
        RingTraceView view = (RingTraceView) page.showView(ViewIds.RING_TRACE);
        view.setFilterText("", "", "", "");
        page.toggleZoom(page.getReference(view)); // a full screen of rows
        UiTestSupport.processEvents();
        Table table = view.table();
        Slider slider = view.rows().slider();
        RowWindow rows = view.rows().window();
        try (TraceSession big = TraceSessions.open("a million events", new CpuStateModel(4, 1000), store)) {
            step("open a million-event session", () -> {
                UiTestSupport.processEvents(); // the view hears of the session through the event queue
                view.refreshNow();
            });
            assertEquals(MILLION, rows.rowCount(), "every event is a row");
            assertEquals(MILLION, slider.getMaximum(), "the slider spans every row");
            assertTrue(rows.visibleRows() > 5, "a zoomed view shows a screenful: " + rows.visibleRows());
            assertEquals(rows.visibleRows() + 1, table.getItemCount(), "the widget holds a screenful, not a million");
            assertTrue(rows.following(), "a new session shows its newest events");
            assertEquals(rows.maxTop(), slider.getSelection());
            assertShowsEvent(view, MILLION - 1, MILLION - 1);
            assertTrue(view.message().contains("1000000 of 1000000 events"), view.message());

            step("Home: the first row", () -> key(table, SWT.HOME));
            assertEquals(0, rows.top());
            assertEquals(0, slider.getSelection());
            assertShowsEvent(view, 0, 0);
            assertShowsEvent(view, 1, 1);

            step("slider to the middle", () -> dragSlider(slider, MILLION / 2));
            assertEquals(MILLION / 2, rows.top());
            assertShowsEvent(view, MILLION / 2, MILLION / 2);

            Event wheel = new Event();
            wheel.count = -3; // three lines down
            wheel.doit = true;
            step("mouse wheel", () -> table.notifyListeners(SWT.MouseVerticalWheel, wheel));
            assertFalse(wheel.doit, "the table itself does not scroll");
            assertEquals(MILLION / 2 + 3, rows.top());
            assertShowsEvent(view, MILLION / 2 + 3, MILLION / 2 + 3);

            step("End: the last row", () -> key(table, SWT.END));
            assertEquals(MILLION - rows.visibleRows(), rows.top());
            assertShowsEvent(view, MILLION - 1, MILLION - 1);

            // A selected event survives a filter that keeps it, and stays on screen.
            dragSlider(slider, 600_000);
            click(table, 1);
            assertEquals(600_001, rows.selected(), "the selection is a model row");
            step("CPU filter over a million", () -> view.setFilterText("", "", "0", ""));
            assertEquals(MILLION / 4, rows.rowCount());
            assertEquals(MILLION / 4, slider.getMaximum());
            assertTrue(view.message().contains("250000 of 1000000 events"), view.message());
            assertTrue(rows.shows(rows.selected()), "the selected event is still on screen");
            assertEquals("600000", table.getSelection()[0].getText(7), "and still the same event");
            assertEquals("0", table.getSelection()[0].getText(2));

            view.setFilterText("", "", "2", "");
            key(table, SWT.END);
            int last = rows.rowCount() - 1;
            assertEquals("2", cell(view, last, 2));
            assertShowsEvent(view, last, MILLION - 3); // the last pair on cpu 2 is at time 999_996
            step("Home in a filtered million", () -> key(table, SWT.HOME));
            assertShowsEvent(view, 0, 4); // the first pair on cpu 2 is at time 4
            Path csv = Files.createTempFile("million", ".csv");
            view.export(csv, false);
            assertEquals(MILLION / 4 + 1, Files.readAllLines(csv).size(), "export writes every matching event");
            Files.delete(csv);

            // Live capture into a full store: the oldest events drop, the view follows the newest.
            view.setFilterText("", "", "", "");
            key(table, SWT.END);
            for (long t = MILLION; t < MILLION + 1000; t += 2) {
                feedPair(store, t);
            }
            step("live capture at a million", view::refreshNow);
            assertEquals(MILLION, rows.rowCount());
            assertTrue(rows.following());
            assertShowsEvent(view, MILLION - 1, MILLION + 999);
            assertTrue(view.message().contains("1000 older dropped"), view.message());
            key(table, SWT.HOME);
            assertShowsEvent(view, 0, 1000);

            File shot = Screenshots.save(page.getWorkbenchWindow().getShell(), "ring-trace-million");
            assertTrue(shot.length() > 0);

            StringBuilder report = new StringBuilder("RingTraceView, a million events (ingested in " + ingestMs + " ms):");
            stepMicros.forEach((name, us) -> report.append("\n  ").append(name).append(": ")
                    .append(String.format("%.1f", us / 1000.0)).append(" ms"));
            report.append("\n  longest single refresh: ").append(view.longestRefreshMs()).append(" ms");
            System.out.println(report);
            stepMicros.forEach((name, us) -> assertTrue(us < STEP_LIMIT_MS * 1000, name + " took " + us + " us"));
            assertTrue(view.longestRefreshMs() < STEP_LIMIT_MS, "longest refresh " + view.longestRefreshMs() + " ms");
        } finally {
            view.setFilterText("", "", "", "");
            page.toggleZoom(page.getReference(view));
            UiTestSupport.processEvents();
        }
    }
}
