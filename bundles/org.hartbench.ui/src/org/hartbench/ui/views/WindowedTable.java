package org.hartbench.ui.views;

import java.util.function.IntFunction;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.hartbench.core.trace.RowWindow;

/**
 * A table over any number of rows that costs only the rows on screen: a plain {@link Table} with
 * as many items as fit (plus one, partly hidden) and a vertical {@link Slider} beside it whose
 * range is the row count. Which model rows the items show is {@link RowWindow}'s business; this
 * class maps the slider, the mouse wheel and the keys to it and refills the items from the row
 * source.
 *
 * <p>Why not an SWT.VIRTUAL table: GTK does work for every row of a virtual table when it grows or
 * empties (seconds for a million rows), and its native scroll bar cannot be told the row count
 * without that. Here the widget never holds more than a screenful, whatever the row count.
 */
public final class WindowedTable {

    private final Composite root;
    private final Table table;
    private final Slider slider;
    private final RowWindow window = new RowWindow();
    private final IntFunction<String[]> rowText;

    /**
     * @param parent  the composite to create the table in; lay out {@link #control()}
     * @param rowText the cell texts of a model row (0..rowCount-1); called only for rows on screen
     */
    public WindowedTable(Composite parent, IntFunction<String[]> rowText) {
        this.rowText = rowText;
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(0, 0).applyTo(root);
        // No V_SCROLL: the slider is the scroll bar. (Hiding the table's own bar instead makes GTK
        // log pixman "invalid rectangle" errors while the view is still zero-sized.)
        table = new Table(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        slider = new Slider(root, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(false, true).applyTo(slider);
        new TableItem(table, SWT.NONE); // one item to measure rows by until the first resize

        table.addListener(SWT.Resize, e -> fitItems());
        slider.addListener(SWT.Selection, e -> {
            window.scrollTo(slider.getSelection());
            refill();
        });
        table.addListener(SWT.MouseVerticalWheel, this::wheel);
        table.addListener(SWT.KeyDown, this::key);
        table.addListener(SWT.Selection, e -> clicked());
    }

    /** The control to lay out (table and slider). */
    public Control control() {
        return root;
    }

    /** The table: add columns here; its items are the rows on screen, item i showing row top+i. */
    public Table table() {
        return table;
    }

    /** The scroll bar: its maximum is the row count and its selection the top row. */
    public Slider slider() {
        return slider;
    }

    /** Which rows show; change it, then call {@link #refill()}. */
    public RowWindow window() {
        return window;
    }

    /**
     * Shows the window's rows: sets the items' texts from the row source, the table's selection and
     * the slider. Costs one row source call per item on screen. Call after changing the window or
     * when the rows' content changed.
     */
    public void refill() {
        if (table.isDisposed()) {
            return;
        }
        int top = window.top();
        int rows = window.rowCount();
        int columns = Math.max(1, table.getColumnCount());
        TableItem[] items = table.getItems();
        for (int i = 0; i < items.length; i++) {
            int row = top + i;
            String[] text = row < rows ? rowText.apply(row) : null;
            for (int c = 0; c < columns; c++) {
                String cell = text != null && c < text.length && text[c] != null ? text[c] : "";
                // GTK redraws a cell on every set, even to the same text: skip the unchanged ones.
                if (!cell.equals(items[i].getText(c))) {
                    items[i].setText(c, cell);
                }
            }
        }
        int selected = window.selected();
        if (selected >= top && selected - top < items.length) {
            table.setSelection(selected - top);
        } else {
            table.deselectAll();
        }
        // GTK scrolls the table itself to reveal a clicked, partly hidden last item.
        table.setTopIndex(0);
        int visible = window.visibleRows();
        slider.setEnabled(rows > visible);
        slider.setValues(top, 0, Math.max(rows, 1), Math.max(1, Math.min(visible, rows)), 1, Math.max(1, visible));
    }

    /** Makes the table hold the rows that fit, plus one partly hidden, and tells the window. */
    private void fitItems() {
        int itemHeight = Math.max(1, table.getItemHeight());
        // Measured from the first item: GTK's client area may or may not include the header.
        var area = table.getClientArea();
        int firstY = table.getItem(0).getBounds().y;
        int whole = Math.max(1, (area.y + area.height - firstY) / itemHeight);
        if (table.getItemCount() != whole + 1) {
            table.setItemCount(whole + 1);
        }
        window.setVisibleRows(whole);
        refill();
    }

    private void wheel(Event e) {
        e.doit = false; // the table holds a screenful only: scroll the window, not the widget
        if (e.count != 0) {
            window.scrollBy(-e.count);
            refill();
        }
    }

    private void key(Event e) {
        switch (e.keyCode) {
            case SWT.ARROW_DOWN -> window.moveSelection(1);
            case SWT.ARROW_UP -> window.moveSelection(-1);
            case SWT.PAGE_DOWN -> window.page(1);
            case SWT.PAGE_UP -> window.page(-1);
            case SWT.HOME -> window.home();
            case SWT.END -> window.end();
            default -> {
                return; // other keys keep their usual meaning
            }
        }
        e.doit = false;
        refill();
    }

    private void clicked() {
        int item = table.getSelectionIndex();
        int row = window.top() + item;
        if (item >= 0 && row < window.rowCount()) {
            window.select(row);
        } else {
            window.clearSelection(); // a click below the last row
        }
        refill();
    }
}
