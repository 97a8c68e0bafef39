package org.hartbench.core.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class BoardMapModelTest {

    @Test
    void rowsFollowQemuVirtInAddressOrder() {
        List<BoardMapModel.Row> rows = BoardMapModel.rows(256);
        assertEquals("test@100000", rows.get(0).name());
        assertEquals("0x0010_0000", rows.get(0).base());
        BoardMapModel.Row uart = rows.stream().filter(r -> r.name().startsWith("serial")).findFirst().orElseThrow();
        assertEquals("0x1000_0000", uart.base());
        assertEquals("0x1000_00ff", uart.end());
        assertEquals("256 B", uart.size());
        assertEquals("ns16550a", uart.compatible());
        assertEquals("10", uart.irq());
        BoardMapModel.Row ram = rows.get(rows.size() - 1);
        assertEquals("memory@80000000", ram.name());
        assertEquals("0x8fff_ffff", ram.end());
        assertEquals("256 MiB", ram.size());
    }

    @Test
    void ramRowFollowsTheConfiguredSize() {
        BoardMapModel.Row ram = BoardMapModel.rows(1024).get(BoardMapModel.rows(1024).size() - 1);
        assertEquals("1 GiB", ram.size());
        assertEquals("0xbfff_ffff", ram.end());
    }

    @Test
    void hexGroupsFourDigits() {
        assertEquals("0x0000_0000", BoardMapModel.hex(0));
        assertEquals("0x1_0000_0000", BoardMapModel.hex(1L << 32));
        assertEquals("0x0c00_0000", BoardMapModel.hex(0x0c00_0000L));
    }

    @Test
    void bytesPicksTheLargestExactUnit() {
        assertEquals("6 MiB", BoardMapModel.bytes(0x60_0000));
        assertEquals("64 KiB", BoardMapModel.bytes(0x10000));
        assertEquals("1025 B", BoardMapModel.bytes(1025));
    }
}
