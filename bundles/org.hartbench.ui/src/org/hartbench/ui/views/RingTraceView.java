package org.hartbench.ui.views;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.hartbench.core.trace.RingEvent;
import org.hartbench.core.trace.RingEventStore;
import org.hartbench.core.trace.RingExport;
import org.hartbench.core.trace.RingFilter;
import org.hartbench.core.trace.RingOps;
import org.hartbench.core.trace.RowWindow;
import org.hartbench.core.trace.TraceSession;

/**
 * SQE-consumed and CQE-posted events of the current machine, newest last. Data:
 * {@link RingEventStore} of the current {@link TraceSession}. The table is a {@link WindowedTable}
 * over the store's current selection: it reaches every matching event of a full store (a million)
 * while holding only the rows on screen. The selection is recomputed at most five times a second,
 * and only when the store or the filter changed; the rows on screen, the selected event and a
 * window that follows the newest event survive that (see {@link RowWindow#replaceRows}).
 */
public class RingTraceView extends ViewPart {

    static final int REFRESH_MS = 200;
    private static final String[] COLUMNS = { "Time (us)", "Event", "CPU", "Process", "Thread", "Op", "Cap",
            "user_data", "Result", "Latency (us)" };
    private static final int[] WIDTHS = { 110, 125, 45, 65, 60, 80, 45, 90, 120, 95 };

    private Text pid;
    private Text tid;
    private Text cpu;
    private Combo op;
    private Button pause;
    private Label message;
    private WindowedTable rows;
    private Table table;

    private TraceSession session;
    private RingFilter filter = RingFilter.ALL;
    private String filterError;
    private RingEventStore.Selection selection;
    private long shownCaptured = -1;
    private boolean filterChanged = true;
    private boolean sessionChanged = true;
    private long longestRefreshMs;

    @Override
    public void createPartControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(root, SWT.NONE);
        bar.setLayout(new GridLayout(12, false));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        pid = filterField(bar, "Process:", "any process (ring owner pid)");
        tid = filterField(bar, "Thread:", "any thread (ring owner tid)");
        cpu = filterField(bar, "CPU:", "any CPU index");
        new Label(bar, SWT.NONE).setText("Op:");
        op = new Combo(bar, SWT.DROP_DOWN);
        op.add("");
        for (int i = 1; i <= RingOps.maxOp(); i++) {
            op.add(RingOps.opName(i));
        }
        op.setToolTipText("an op name or number; empty for any");
        GridDataFactory.swtDefaults().hint(90, SWT.DEFAULT).applyTo(op);
        op.addModifyListener(e -> filterEdited());
        pause = button(bar, "Resume", "stop keeping ring events (they are counted, not stored)", this::togglePause);
        // Sized for the longer of its two labels, so switching never clips it.
        GridDataFactory.swtDefaults().hint(pause.computeSize(SWT.DEFAULT, SWT.DEFAULT).x, SWT.DEFAULT).applyTo(pause);
        pause.setText("Pause");
        button(bar, "Clear", "forget the events captured so far", () -> {
            if (session != null) {
                session.rings().clear();
                sessionChanged = true; // seqs restart at 0: old rows and new ones share no keys
                refresh();
            }
        });
        button(bar, "Export CSV...", "save the events the filter shows as CSV", () -> exportWithDialog(false));
        button(bar, "Export Perfetto...", "save the events the filter shows as Chrome/Perfetto trace JSON",
                () -> exportWithDialog(true));

        message = new Label(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        rows = new WindowedTable(root, this::rowText);
        table = rows.table();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(rows.control());
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, i >= 2 && i != 5 && i != 8 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        new LiveRefresh(root, REFRESH_MS, s -> {
            session = s;
            sessionChanged = true;
        }, this::refresh).start();
    }

    private Text filterField(Composite bar, String label, String tip) {
        new Label(bar, SWT.NONE).setText(label);
        Text t = new Text(bar, SWT.BORDER);
        t.setToolTipText(tip);
        t.setMessage("any");
        GridDataFactory.swtDefaults().hint(50, SWT.DEFAULT).applyTo(t);
        t.addModifyListener(e -> filterEdited());
        return t;
    }

    private static Button button(Composite bar, String text, String tip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void filterEdited() {
        try {
            filter = RingFilter.parse(pid.getText(), tid.getText(), cpu.getText(), op.getText());
            filterError = null;
        } catch (IllegalArgumentException e) {
            filterError = e.getMessage(); // keep the last good filter while the user types
        }
        filterChanged = true;
        if (table != null) {
            refresh();
        }
    }

    private void togglePause() {
        if (session == null) {
            return;
        }
        RingEventStore store = session.rings();
        store.setCapturing(!store.isCapturing());
        refresh();
    }

    /** Recomputes the selection if anything changed and updates the table. On the UI thread. */
    void refresh() {
        if (table.isDisposed()) {
            return;
        }
        TraceSession s = session;
        if (s == null) {
            selection = null;
            shownCaptured = -1;
            rows.window().reset(0);
            rows.refill();
            message.setText("No machine. Launch a Hartbench Kernel configuration with trace on to see its rings here.");
            pause.setEnabled(false);
            return;
        }
        RingEventStore store = s.rings();
        pause.setEnabled(true);
        pause.setText(store.isCapturing() ? "Pause" : "Resume");
        long started = System.nanoTime();
        long captured = store.captured();
        if (sessionChanged || filterChanged || captured != shownCaptured) {
            RingEventStore.Selection next = store.select(filter);
            if (sessionChanged || selection == null || captured < shownCaptured) {
                rows.window().reset(next.size()); // another store, or this one cleared
            } else {
                rows.window().replaceRows(selection.seqs(), next.seqs());
            }
            selection = next;
            shownCaptured = captured;
            filterChanged = false;
            sessionChanged = false;
            rows.refill();
        }
        longestRefreshMs = Math.max(longestRefreshMs, (System.nanoTime() - started) / 1_000_000);
        StringBuilder text = new StringBuilder();
        if (filterError != null) {
            text.append("Filter not applied: ").append(filterError).append(". ");
        }
        text.append(selection.size()).append(" of ").append(store.size()).append(" events");
        if (selection.dropped() > 0) {
            text.append(", ").append(selection.dropped()).append(" older dropped");
        }
        if (!store.isCapturing()) {
            text.append(", capture paused (").append(store.skippedWhilePaused()).append(" skipped)");
        }
        if (store.lost() > 0) {
            text.append(", ").append(store.lost()).append(" trace records lost");
        }
        message.setText(text.toString());
        message.setForeground(filterError == null ? null : table.getDisplay().getSystemColor(SWT.COLOR_RED));
        message.getParent().layout(new org.eclipse.swt.widgets.Control[] { message });
    }

    /** The cells of row index of the selection (oldest first): only asked for rows on screen. */
    private String[] rowText(int index) {
        RingEventStore.Selection sel = selection;
        TraceSession s = session;
        if (s == null || sel == null || index < 0 || index >= sel.size()) {
            return null;
        }
        RingEvent e = s.rings().get(sel.seqs()[index]);
        if (e == null) {
            return new String[] { "(dropped)" }; // dropped since the last refresh; the next one removes it
        }
        return new String[] { RingExport.micros(e.time()), e.kind().label, Integer.toString(e.cpu()),
                Integer.toString(e.pid()), Integer.toString(e.tid()), e.opText(), e.cap() < 0 ? "" : Integer.toString(e.cap()),
                Long.toUnsignedString(e.userData()), e.resultText(), e.latencyText() };
    }

    private void exportWithDialog(boolean perfetto) {
        if (session == null || selection == null) {
            return;
        }
        FileDialog dialog = new FileDialog(table.getShell(), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { perfetto ? "*.json" : "*.csv" });
        dialog.setFileName(perfetto ? "ring-trace.json" : "ring-trace.csv");
        String file = dialog.open();
        if (file == null) {
            return;
        }
        BusyIndicator.showWhile(table.getDisplay(), () -> {
            try {
                export(Path.of(file), perfetto);
            } catch (IOException e) {
                MessageDialog.openError(table.getShell(), "Export failed",
                        "Could not write " + file + ": " + e.getMessage());
            }
        });
    }

    /** Writes the events the filter shows to file, as CSV or Perfetto JSON. */
    public void export(Path file, boolean perfetto) throws IOException {
        RingEventStore store = session.rings();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (perfetto) {
                RingExport.writePerfettoJson(store, selection, w);
            } else {
                RingExport.writeCsv(store, selection, w);
            }
        }
    }

    // ---- for tests ------------------------------------------------------------------------

    /** The table: its items are the rows on screen, item i showing selection row top+i. */
    public Table table() {
        return table;
    }

    /** The windowed table: its slider and its {@link RowWindow} over all matching events. */
    public WindowedTable rows() {
        return rows;
    }

    /** Types into the filter fields, as a user would. */
    public void setFilterText(String process, String thread, String cpuIndex, String opName) {
        pid.setText(process);
        tid.setText(thread);
        cpu.setText(cpuIndex);
        op.setText(opName);
    }

    /** The status line under the filter bar. */
    public String message() {
        return message.getText();
    }

    /** Presses Pause or Resume. */
    public void pressPause() {
        togglePause();
    }

    public void refreshNow() {
        refresh();
    }

    /** The longest single refresh so far, in milliseconds: what the workbench waited at worst. */
    public long longestRefreshMs() {
        return longestRefreshMs;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
