package org.hartbench.emulator.internal.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hartbench.emulator.internal.bus.Bus;
import org.hartbench.emulator.internal.bus.Ram;
import org.hartbench.emulator.internal.cpu.Cause;
import org.hartbench.emulator.internal.cpu.CodeCache;
import org.hartbench.emulator.internal.cpu.Hart;
import org.junit.jupiter.api.Test;

/** The CLINT's registers in QEMU virt's layout: msip, mtimecmp per hart, mtime; sizes and halves. */
class ClintTest {

    private final Ram ram = new Ram(0x8000_0000L, 1 << 20);
    private final Bus bus = new Bus(ram);
    private final CodeCache code = new CodeCache(ram);
    private final VirtualClock clock = new VirtualClock();
    private final Hart[] harts = { new Hart(0, bus, code, clock), new Hart(1, bus, code, clock) };
    private final Clint clint = new Clint(harts, clock);

    @Test
    void msipDrivesTheSoftwareInterruptLineOfItsHart() {
        clint.write(4, 4, 1);
        assertTrue(harts[1].line(Cause.MSIP));
        assertFalse(harts[0].line(Cause.MSIP));
        assertEquals(1, clint.read(4, 4));
        clint.write(4, 4, 2); // only bit 0 counts
        assertFalse(harts[1].line(Cause.MSIP));
    }

    @Test
    void mtimecmpTakesWholeAndHalfWrites() {
        clint.write(0x4008, 8, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, harts[1].mtimecmp());
        clint.write(0x400C, 4, 0xAABB_CCDDL);
        assertEquals(0xAABB_CCDD_5566_7788L, harts[1].mtimecmp());
        assertEquals(0x5566_7788L, clint.read(0x4008, 4));
        assertEquals(0xAABB_CCDDL, clint.read(0x400C, 4));
        assertEquals(0, harts[0].mtimecmp(), "reset value, as on QEMU: MTIP pending until programmed");
    }

    @Test
    void mtimeFollowsTheClockAndIsWritable() {
        clock.advance(1000);
        assertEquals(100, clint.read(0xBFF8, 8), "10 instruction slots per tick");
        clint.write(0xBFF8, 8, 5000);
        assertEquals(5000, clock.mtime());
        clock.advance(20);
        assertEquals(5002, clint.read(0xBFF8, 8));
    }

    @Test
    void onlyMappedRegistersAndSizesAreAccepted() {
        assertTrue(clint.accepts(0, 4));
        assertFalse(clint.accepts(0, 8), "msip is 32-bit");
        assertFalse(clint.accepts(8, 4), "no third hart");
        assertTrue(clint.accepts(0x4008, 8));
        assertTrue(clint.accepts(0x400C, 4));
        assertFalse(clint.accepts(0x4010, 8));
        assertFalse(clint.accepts(0x4009, 4), "misaligned");
        assertTrue(clint.accepts(0xBFF8, 8));
        assertTrue(clint.accepts(0xBFFC, 4));
        assertFalse(clint.accepts(0x1000, 4));
    }
}
