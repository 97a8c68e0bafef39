package org.hartbench.ui.views;

import java.util.function.Function;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.hartbench.core.board.BoardMapModel;
import org.hartbench.emulator.api.MachineConfig;

/**
 * The emulated board's memory map, one row per region. Data: {@link BoardMapModel}, which reads
 * the emulator's single memory-map table; this view only lays it out.
 */
public class BoardMapView extends ViewPart {

    private TableViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        Composite holder = new Composite(parent, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        viewer = new TableViewer(holder, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        addColumn(columns, "Region", 20, BoardMapModel.Row::name);
        addColumn(columns, "Base", 14, BoardMapModel.Row::base);
        addColumn(columns, "End", 14, BoardMapModel.Row::end);
        addColumn(columns, "Size", 10, BoardMapModel.Row::size);
        addColumn(columns, "IRQ", 6, BoardMapModel.Row::irq);
        addColumn(columns, "Compatible", 36, BoardMapModel.Row::compatible);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(BoardMapModel.rows(MachineConfig.DEFAULT_RAM_MIB));
    }

    private void addColumn(TableColumnLayout layout, String title, int weight, Function<BoardMapModel.Row, String> text) {
        TableColumns.add(viewer, layout, title, weight, 60, text);
    }

    /** The table's viewer, for tests. */
    public TableViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
