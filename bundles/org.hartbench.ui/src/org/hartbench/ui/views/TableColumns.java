package org.hartbench.ui.views;

import java.util.function.Function;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** Adds a text column to a table viewer whose rows are records of one type. */
final class TableColumns {
    private TableColumns() {
    }

    /**
     * A left-aligned column titled title, weighted against its siblings, at least minWidth pixels,
     * showing text(row).
     */
    static <T> TableViewerColumn add(TableViewer viewer, TableColumnLayout layout, String title, int weight,
            int minWidth, Function<T, String> text) {
        return add(viewer, layout, title, weight, minWidth, text, row -> null);
    }

    /** Like the other, with a cell background per row (null: the table's). */
    @SuppressWarnings("unchecked")
    static <T> TableViewerColumn add(TableViewer viewer, TableColumnLayout layout, String title, int weight,
            int minWidth, Function<T, String> text, Function<T, Color> background) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((T) element);
            }

            @Override
            public Color getBackground(Object element) {
                return background.apply((T) element);
            }
        });
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, minWidth));
        return column;
    }
}
