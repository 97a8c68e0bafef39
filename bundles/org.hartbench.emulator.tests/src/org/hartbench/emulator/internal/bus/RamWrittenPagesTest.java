package org.hartbench.emulator.internal.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link Ram#clearWritten}: every write path marks the pages it touches (also a write that
 * straddles two pages, and a long one over many), and clearing zeroes exactly those pages, so
 * the whole RAM reads zero afterwards.
 */
class RamWrittenPagesTest {

    private static final long BASE = 0x8000_0000L;

    private static long sum(Ram ram) {
        long s = 0;
        for (int off = 0; off < ram.size(); off += 8) {
            s |= ram.getLong(off);
        }
        return s;
    }

    @Test
    void everyWritePathIsClearedAndNothingElse() {
        Ram ram = new Ram(BASE, 64 * 4096);
        assertEquals(0, ram.clearWritten(), "a new RAM has nothing to clear");
        ram.setLong(0 * 4096 + 8, -1L); // page 0
        ram.setByte(2 * 4096 + 4095, (byte) 1); // page 2
        ram.setInt(3 * 4096 + 4094, -1); // straddles pages 3 and 4
        ram.casLong(6 * 4096, 0, 7); // page 6
        ram.getAndAddInt(7 * 4096 + 12, 5); // page 7
        ram.write(BASE + 10 * 4096 + 100, new byte[3 * 4096], 0, 3 * 4096); // pages 10..13
        ram.zero(BASE + 20 * 4096, 4096); // page 20: zero, but written
        ram.writeShortRelease(BASE + 30 * 4096, (short) 9); // page 30
        assertEquals(1 + 1 + 2 + 1 + 1 + 4 + 1 + 1, ram.clearWritten());
        assertEquals(0, sum(ram), "every byte reads zero again");
        assertEquals(0, ram.clearWritten(), "the marks were forgotten");
        ram.setShort(63 * 4096 + 4094, (short) -1);
        assertEquals(1, ram.clearWritten(), "the last page");
    }
}
