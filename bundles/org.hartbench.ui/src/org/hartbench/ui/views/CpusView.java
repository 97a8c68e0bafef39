package org.hartbench.ui.views;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.hartbench.core.trace.CpuSnapshot;
import org.hartbench.core.trace.CpuStateModel;
import org.hartbench.core.trace.TraceSession;

/**
 * Live per-cpu state of the current machine: a row per cpu and a timeline below it. Data:
 * {@link CpuStateModel} of the current {@link TraceSession}, read about 7 times a second through
 * {@link CpuStateModel#snapshot(org.hartbench.emulator.api.Machine)}; the view only lays it out.
 */
public class CpusView extends ViewPart {

    /** Refresh period: about 7 Hz, inside the 5 to 10 Hz the views aim for. */
    static final int REFRESH_MS = 150;

    private Label status;
    private TableViewer viewer;
    private TimelineCanvas timeline;
    private TraceSession session;
    private List<CpuSnapshot.Row> shownRows = List.of();

    @Override
    public void createPartControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        status = new Label(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        SashForm sash = new SashForm(root, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        Composite holder = new Composite(sash, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        viewer = new TableViewer(holder, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        addColumn(columns, "CPU", 5, r -> Integer.toString(r.cpu()));
        TableColumns.add(viewer, columns, "State", 7, 50, (CpuSnapshot.Row r) -> r.state().label,
                r -> TimelineCanvas.colour(r.state()));
        addColumn(columns, "Process", 7, r -> r.pid() < 0 ? "" : r.pid() == 0 ? "kernel" : Integer.toString(r.pid()));
        addColumn(columns, "Thread", 6, r -> r.tid() < 0 ? "" : Integer.toString(r.tid()));
        addColumn(columns, "Run queue", 8, r -> Integer.toString(r.runQueue()));
        addColumn(columns, "Switches", 8, r -> Long.toString(r.switches()));
        addColumn(columns, "IPIs sent", 8, r -> Long.toString(r.ipisSent()));
        addColumn(columns, "IPIs received", 9, r -> Long.toString(r.ipisReceived()));
        addColumn(columns, "Shootdowns", 9, r -> Long.toString(r.shootdowns()));
        addColumn(columns, "Utilisation", 9, CpuSnapshot.Row::utilisationText);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(shownRows);

        timeline = new TimelineCanvas(sash);
        sash.setWeights(45, 55);
        new LiveRefresh(root, REFRESH_MS, s -> session = s, this::refresh).start();
    }

    private void addColumn(TableColumnLayout layout, String title, int weight, Function<CpuSnapshot.Row, String> text) {
        TableColumns.add(viewer, layout, title, weight, 40, text);
    }

    /** Reads a snapshot of the current session and shows it. On the UI thread. */
    void refresh() {
        if (viewer.getTable().isDisposed()) {
            return;
        }
        TraceSession s = session;
        if (s == null) {
            status.setText("No machine. Launch a Hartbench Kernel configuration to see its CPUs here.");
            timeline.setSnapshot(null);
            show(List.of());
            return;
        }
        CpuSnapshot snap = s.cpus().snapshot(s.machine());
        String state = s.machine() == null ? "detached"
                : s.machine().exitStatus().map(x -> "ended: " + x.kind()).orElse(s.machine().isPaused() ? "paused" : "running");
        status.setText(s.name() + " (" + state + "): " + snap.rows().size() + " CPUs, virtual time "
                + TimelineCanvas.seconds(snap.now()) + (snap.lost() > 0 ? ", " + snap.lost() + " records lost" : ""));
        show(snap.rows());
        timeline.setSnapshot(snap);
    }

    private void show(List<CpuSnapshot.Row> rows) {
        if (!Objects.equals(rows, shownRows)) { // rewriting unchanged rows only makes them flicker
            shownRows = rows;
            viewer.setInput(rows);
        }
    }

    /** The table, for tests. */
    public TableViewer viewer() {
        return viewer;
    }

    /** The snapshot the timeline shows, for tests. */
    public CpuSnapshot shownSnapshot() {
        return timeline.snapshot();
    }

    /** Refreshes at once instead of at the next tick, for tests. */
    public void refreshNow() {
        refresh();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
