package org.hartbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.hartbench.ui.views.BoardMapView;
import org.hartbench.ui.views.ViewIds;
import org.junit.jupiter.api.Test;

/** Opens the Board Map view in a real workbench and reads its table as a user would see it. */
class BoardMapViewTest {

    @Test
    void showsEveryRegionOfTheBoard() throws Exception {
        BoardMapView view = (BoardMapView) UiTestSupport.activePage().showView(ViewIds.BOARD_MAP);
        UiTestSupport.processEvents();
        Table table = view.viewer().getTable();

        assertEquals(7, table.getItemCount(), "one row per region of the memory map");
        assertEquals("Region", table.getColumn(0).getText());
        TableItem uart = Arrays.stream(table.getItems()).filter(i -> i.getText(0).equals("serial@10000000"))
                .findFirst().orElseThrow(() -> new AssertionError("no UART row"));
        assertEquals("0x1000_0000", uart.getText(1));
        assertEquals("10", uart.getText(4));
        assertEquals("memory@80000000", table.getItem(table.getItemCount() - 1).getText(0));

        File shot = Screenshots.save(table.getShell(), "board-map-view");
        assertTrue(shot.length() > 0, "screenshot written");
    }
}
