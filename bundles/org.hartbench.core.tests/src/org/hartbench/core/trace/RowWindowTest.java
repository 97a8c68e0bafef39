package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The windowing behind the Ring Trace table: scrolling, clamping, selection and following. */
class RowWindowTest {

    private static final int MILLION = 1_000_000;

    /** Keys first, first+step, ... (count of them), ascending as event seqs are. */
    private static long[] keys(long first, int count, long step) {
        return LongStream.range(0, count).map(i -> first + i * step).toArray();
    }

    private static RowWindow window(int rows, int visible) {
        RowWindow w = new RowWindow();
        w.reset(rows);
        w.setVisibleRows(visible);
        return w;
    }

    @Test
    void aNewListShowsItsEndAndFollowsIt() {
        RowWindow w = window(MILLION, 40);
        assertEquals(MILLION - 40, w.top());
        assertEquals(MILLION - 40, w.maxTop());
        assertTrue(w.following());
        assertTrue(w.shows(MILLION - 1));
        assertFalse(w.shows(MILLION - 41));
        assertEquals(-1, w.selected());
    }

    @Test
    void aShortListSitsAtTheTop() {
        RowWindow w = window(10, 40);
        assertEquals(0, w.top());
        assertEquals(0, w.maxTop());
        assertTrue(w.shows(9));
        assertFalse(w.shows(10), "no row beyond the list");
        w.scrollBy(5);
        assertEquals(0, w.top(), "nothing to scroll");
        RowWindow empty = window(0, 40);
        empty.moveSelection(1);
        empty.page(1);
        empty.end();
        assertEquals(0, empty.top());
        assertEquals(-1, empty.selected());
    }

    @Test
    void scrollingClampsAndDecidesFollowing() {
        RowWindow w = window(MILLION, 40);
        w.scrollTo(-5);
        assertEquals(0, w.top());
        assertFalse(w.following());
        w.scrollBy(Integer.MAX_VALUE);
        assertEquals(MILLION - 40, w.top(), "clamped, no overflow");
        assertTrue(w.following());
        w.scrollBy(-3);
        assertEquals(MILLION - 43, w.top());
        assertFalse(w.following(), "scrolling up stops following");
        w.scrollTo(500_000);
        assertEquals(500_000, w.top());
        w.scrollBy(Integer.MIN_VALUE);
        assertEquals(0, w.top());
    }

    @Test
    void rowsAddedAtTheEndMoveAFollowingWindowOnly() {
        RowWindow w = window(100, 10);
        w.replaceRows(keys(0, 100, 1), keys(0, 150, 1));
        assertEquals(140, w.top(), "following: the new last row is at the bottom");
        w.scrollTo(20);
        w.replaceRows(keys(0, 150, 1), keys(0, 200, 1));
        assertEquals(20, w.top(), "scrolled away: the rows on screen stay put");
        assertFalse(w.following());
        w.end();
        assertTrue(w.following(), "End follows again");
        w.replaceRows(keys(0, 200, 1), keys(0, 201, 1));
        assertEquals(191, w.top());
    }

    @Test
    void rowsDroppedAtTheHeadKeepTheTopRowAndTheSelectionOnTheirEvents() {
        RowWindow w = window(1000, 10);
        w.scrollTo(500);
        w.select(503);
        // A full store: 100 new events at the end, the 100 oldest dropped at the head.
        w.replaceRows(keys(0, 1000, 1), keys(100, 1000, 1));
        assertEquals(400, w.top(), "the same event (key 500) is on top");
        assertEquals(403, w.selected(), "the same event (key 503) is selected");
        // Everything scrolled off: the top row's event is gone, the first one after it leads.
        w.scrollTo(0);
        w.replaceRows(keys(100, 1000, 1), keys(2000, 1000, 1));
        assertEquals(0, w.top());
        assertEquals(-1, w.selected(), "the selected event was dropped");
    }

    @Test
    void aNewFilterKeepsTheSelectedRowOnScreen() {
        RowWindow w = window(MILLION, 40);
        long[] all = keys(0, MILLION, 1);
        w.scrollTo(300_000);
        w.select(300_010);
        assertFalse(w.following());
        long[] odd = keys(1, MILLION / 2, 2); // a filter that keeps odd keys; 300_010 is even
        w.replaceRows(all, odd);
        assertEquals(-1, w.selected(), "the selected row no longer matches");
        assertEquals(150_000, w.top(), "the first kept row after the old top (key 300_001)");

        w.select(150_020); // key 300_041
        long[] byThree = LongStream.range(0, MILLION).filter(k -> k % 3 == 0 || k == 300_041).toArray();
        w.replaceRows(odd, byThree);
        int at = java.util.Arrays.binarySearch(byThree, 300_041);
        assertEquals(at, w.selected(), "same event, new index");
        assertTrue(w.shows(at), "and still on screen");

        w.scrollTo(0);
        w.replaceRows(byThree, all);
        assertEquals(300_041, w.selected());
        assertEquals(0, w.top(), "a selection that was off screen stays off screen");
    }

    @Test
    void aFollowingWindowStaysAtTheEndThroughAFilterChange() {
        RowWindow w = window(MILLION, 40);
        w.select(MILLION - 5);
        assertTrue(w.following(), "selecting a row on screen does not stop following");
        long[] even = keys(0, MILLION / 2, 2);
        w.replaceRows(keys(0, MILLION, 1), even);
        assertEquals(MILLION / 2 - 40, w.top());
        assertEquals(-1, w.selected(), "key 999_995 is odd");
    }

    @Test
    void keysMoveTheSelectionAndKeepItOnScreen() {
        RowWindow w = window(1000, 10);
        w.home();
        assertEquals(0, w.top());
        assertEquals(-1, w.selected(), "Home without a selection only scrolls");
        w.moveSelection(1);
        assertEquals(1, w.top(), "arrows scroll when nothing is selected");
        w.select(5);
        w.moveSelection(10);
        assertEquals(15, w.selected());
        assertEquals(6, w.top(), "just enough to show row 15 at the bottom");
        w.moveSelection(-100);
        assertEquals(0, w.selected());
        assertEquals(0, w.top());
        w.page(1);
        assertEquals(10, w.selected());
        assertEquals(10, w.top());
        w.page(-1);
        assertEquals(0, w.selected());
        w.end();
        assertEquals(999, w.selected());
        assertEquals(990, w.top());
        assertTrue(w.following());
        w.page(1);
        assertEquals(999, w.selected(), "clamped at the last row");
        w.home();
        assertEquals(0, w.selected());
        assertEquals(0, w.top());
        w.clearSelection();
        assertEquals(-1, w.selected());
    }

    @Test
    void resizingKeepsTheSelectionOrTheEndInView() {
        RowWindow w = window(1000, 40);
        w.scrollTo(100);
        w.select(139);
        w.setVisibleRows(10);
        assertTrue(w.shows(139), "the selected row stays on screen: top " + w.top());
        w.setVisibleRows(0);
        assertEquals(1, w.visibleRows(), "at least one row");
        w.end();
        w.setVisibleRows(50);
        assertEquals(950, w.top(), "a following window keeps the last row at the bottom");
    }

    @Test
    void badArgumentsAreNamed() {
        RowWindow w = window(10, 5);
        assertEquals("row 10 is not one of the 10 rows",
                assertThrows(IllegalArgumentException.class, () -> w.select(10)).getMessage());
        assertEquals("row -1 is not one of the 10 rows",
                assertThrows(IllegalArgumentException.class, () -> w.select(-1)).getMessage());
        assertEquals("row count must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> w.reset(-1)).getMessage());
        assertEquals("3 old keys for a window over 10 rows",
                assertThrows(IllegalArgumentException.class, () -> w.replaceRows(new long[3], new long[0]))
                        .getMessage());
    }
}
