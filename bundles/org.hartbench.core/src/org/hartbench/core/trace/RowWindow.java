package org.hartbench.core.trace;

import java.util.Arrays;

/**
 * Which rows of a long list a table shows: the headless half of the Ring Trace view's windowed
 * table. A table widget holds only the rows that fit on screen and asks this class which model
 * rows those are, so a list of a million rows costs no more to show than one of fifty.
 *
 * <p>Rows are model indices 0..{@link #rowCount()}-1. The window shows {@link #visibleRows()}
 * whole rows starting at {@link #top()}. The selection is a model index too, never a widget item,
 * so it survives scrolling. While the window shows the last row it <em>follows</em>: rows added
 * at the end scroll it, the way a terminal follows its output; scrolling away stops that, and
 * returning to the end starts it again.
 *
 * <p>Not thread-safe: the UI thread owns it.
 */
public final class RowWindow {

    private int rows;
    private int visible = 1;
    private int top;
    private int selected = -1;
    private boolean following = true;

    /** Rows in the model. */
    public int rowCount() {
        return rows;
    }

    /** Whole rows that fit on screen (at least 1). */
    public int visibleRows() {
        return visible;
    }

    /** Model index of the first row shown. */
    public int top() {
        return top;
    }

    /** The largest top: the one that shows the last row at the bottom of the screen. */
    public int maxTop() {
        return Math.max(0, rows - visible);
    }

    /** Model index of the selected row, or -1 for none. */
    public int selected() {
        return selected;
    }

    /** True while the window shows the last row and moves with rows added at the end. */
    public boolean following() {
        return following;
    }

    /** True if the model row is one of the whole rows on screen. */
    public boolean shows(int row) {
        return row >= top && row < top + visible && row < rows;
    }

    /**
     * The screen now fits this many whole rows (less than 1 counts as 1). Keeps following the
     * end if it did; otherwise keeps a selected row on screen.
     */
    public void setVisibleRows(int count) {
        boolean selectionShown = shows(selected);
        visible = Math.max(1, count);
        settle(selectionShown);
    }

    /**
     * Forgets the rows, the selection and the scroll position: the list is a new one of count rows
     * (another machine, or the old rows cleared). The window starts following the end.
     *
     * @throws IllegalArgumentException if count is negative
     */
    public void reset(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("row count must not be negative: " + count);
        }
        rows = count;
        selected = -1;
        following = true;
        top = maxTop();
    }

    /**
     * The list changed: it was the rows keyed before, now it is the rows keyed after. Keys identify
     * rows across changes (the Ring Trace view uses event seqs) and ascend in both arrays. This is
     * how a new filter, new rows at the end and old rows dropped at the head all arrive.
     *
     * <ul>
     * <li>The selected row stays selected if its key is still listed, else the selection goes.</li>
     * <li>A window that followed the end keeps following: it shows the new last row.</li>
     * <li>Otherwise a selected row that was on screen stays on screen, and failing that the top row
     * stays on top (or the first row after it, if it is gone).</li>
     * </ul>
     *
     * @throws IllegalArgumentException if before does not have {@link #rowCount()} keys
     */
    public void replaceRows(long[] before, long[] after) {
        if (before.length != rows) {
            throw new IllegalArgumentException(before.length + " old keys for a window over " + rows + " rows");
        }
        boolean selectionShown = shows(selected);
        int newSelected = -1;
        if (selected >= 0) {
            int at = Arrays.binarySearch(after, before[selected]);
            newSelected = at >= 0 ? at : -1;
        }
        int newTop = 0;
        if (top < rows) {
            int at = Arrays.binarySearch(after, before[top]);
            newTop = at >= 0 ? at : -at - 1; // the insertion point: the first row after the old top
        }
        rows = after.length;
        selected = newSelected;
        top = newTop;
        settle(selectionShown && selected >= 0);
    }

    /** Scrolls so that row is on top (clamped to 0..{@link #maxTop()}); the slider's move. */
    public void scrollTo(int row) {
        top = clamp(row, 0, maxTop());
        following = top == maxTop();
    }

    /** Scrolls by lines rows, down for positive; the mouse wheel's move. */
    public void scrollBy(int lines) {
        scrollTo((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) top + lines)));
    }

    /**
     * Selects the model row and scrolls just enough to show it.
     *
     * @throws IllegalArgumentException if row is not a model row
     */
    public void select(int row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is not one of the " + rows + " rows");
        }
        selected = row;
        reveal(row);
    }

    /** Clears the selection; the window stays where it is. */
    public void clearSelection() {
        selected = -1;
    }

    /** Arrow down/up: moves the selection by delta rows and keeps it on screen, or scrolls when none. */
    public void moveSelection(int delta) {
        if (rows == 0) {
            return;
        }
        if (selected < 0) {
            scrollBy(delta);
        } else {
            select(clamp((long) selected + delta, 0, rows - 1));
        }
    }

    /** Page Down (pages 1) or Page Up (-1): scrolls by a screenful and moves the selection with it. */
    public void page(int pages) {
        long delta = (long) pages * visible;
        scrollTo(clamp(top + delta, 0, maxTop()));
        if (selected >= 0) {
            select(clamp(selected + delta, 0, rows - 1));
        }
    }

    /** Home: the first row, selected if a row was selected. */
    public void home() {
        scrollTo(0);
        if (selected >= 0) {
            select(0);
        }
    }

    /** End: the last row, selected if a row was selected; the window follows the end again. */
    public void end() {
        scrollTo(maxTop());
        if (selected >= 0 && rows > 0) {
            select(rows - 1);
        }
    }

    /** Scrolls just enough to show the row (a row already shown does not move). */
    private void reveal(int row) {
        if (row < top) {
            scrollTo(row);
        } else if (row >= top + visible) {
            scrollTo(row - visible + 1);
        } else {
            scrollTo(top); // re-clamp and recompute following
        }
    }

    /** Restores the invariants after the row count or the screen changed. */
    private void settle(boolean keepSelectionShown) {
        if (selected >= rows) {
            selected = -1;
        }
        if (following) {
            top = maxTop();
        } else if (keepSelectionShown && selected >= 0) {
            top = clamp(top, 0, maxTop());
            reveal(selected);
        } else {
            scrollTo(top);
        }
    }

    private static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }
}
