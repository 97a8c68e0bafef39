package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * QEMU's -bios none reset contract: every hart starts in M-mode at 0x8000_0000 with a0 = hart
 * id and a1 = the device tree, which lies near the end of RAM and starts with the FDT magic.
 */
class BoardResetTest {

    @Test
    void everyHartStartsAtRamWithHartIdAndDeviceTree() {
        // Each hart stores a0, a1 and the mode it runs in (mstatus.MPP after an ecall) at slot hartid.
        Asm a = program().la(T0, "slots").slli(T1, A0, 5).add(T0, T0, T1).sd(A0, T0, 0).sd(A1, T0, 8);
        a.label("auipc").auipc(T2, 0).sd(T2, T0, 16).la(T3, "handler").csrw(MTVEC, T3).ecall();
        a.align(4).label("handler").csrr(T3, MSTATUS).sd(T3, T0, 24).li(T1, 1).la(T2, "count").amo(AMOADD, true, ZERO, T2, T1);
        a.bnez(A0, "park").li(T1, 3).label("wait").ld(T3, T2, 0).bne(T3, T1, "wait");
        pass(a);
        a.label("park").wfi().j("park");
        a.align(8).label("count").dword(0).label("slots").org(a.here() + 3 * 32);
        Run r = run(config(3, ExecutionMode.DETERMINISTIC), a);
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
        long dtb = r.machine().deviceTreeAddress();
        long ramEnd = RAM + (32L << 20);
        assertTrue(dtb > ramEnd - (3L << 20) && dtb < ramEnd, String.format("dtb at 0x%x", dtb));
        byte[] magic = new byte[4];
        r.machine().inspector().readPhysical(dtb, magic, 0, 4);
        assertEquals(0xD00D_FEED, ByteBuffer.wrap(magic).getInt(), "FDT magic (big-endian)");
        for (int h = 0; h < 3; h++) {
            long slot = a.address("slots") + 32L * h;
            assertEquals(h, r.machine().ram().readLong(slot), "a0 of hart " + h);
            assertEquals(dtb, r.machine().ram().readLong(slot + 8), "a1 of hart " + h);
            assertEquals(a.address("auipc"), r.machine().ram().readLong(slot + 16), "hart " + h + " ran from 0x8000_0000");
            assertEquals(3L << 11, r.machine().ram().readLong(slot + 24) & (3L << 11), "MPP = M: started in M-mode");
        }
    }
}
