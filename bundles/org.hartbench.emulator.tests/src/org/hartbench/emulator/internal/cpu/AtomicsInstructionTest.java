package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * The A extension on one hart: every AMO's result and memory effect, word forms sign-extending
 * the old value, LR/SC success and the ways a reservation is lost, and the alignment and device
 * rules (multi-hart behaviour is in the board's stress test).
 */
class AtomicsInstructionTest {

    private final HartRig rig = new HartRig();

    private Asm program() {
        Asm a = HartRig.program();
        a.la(T0, "trap").csrw(MTVEC, T0).la(S0, "data");
        return a;
    }

    private void finish(Asm a) {
        a.label("end").spin().align(4).label("trap").spin();
        a.align(4096).label("data").dword(0).dword(0).dword(0).dword(0);
    }

    @Test
    void doublewordAmosReturnOldValueAndStoreResult() {
        Asm a = program().li(A0, 5).sd(A0, S0, 0).li(A1, -3);
        a.amo(AMOADD, true, T1, S0, A1).ld(S2, S0, 0); // 5 + -3 = 2
        a.amo(AMOSWAP, true, T2, S0, A1).ld(S3, S0, 0); // -3
        a.li(A2, 6).amo(AMOXOR, true, T3, S0, A2).ld(S4, S0, 0); // -3 ^ 6
        a.li(A2, 0xF0).amo(AMOOR, true, T4, S0, A2).ld(S5, S0, 0);
        a.li(A2, 0x0F).amo(AMOAND, true, T5, S0, A2).ld(S6, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(5, rig.x(T1));
        assertEquals(2, rig.x(S2));
        assertEquals(2, rig.x(T2));
        assertEquals(-3, rig.x(S3));
        assertEquals(-3, rig.x(T3));
        assertEquals(-3 ^ 6, rig.x(S4));
        assertEquals((-3 ^ 6) | 0xF0, rig.x(S5));
        assertEquals(((-3 ^ 6) | 0xF0) & 0x0F, rig.x(S6));
    }

    @Test
    void minAndMaxAreSignedOrUnsigned() {
        Asm a = program().li(A0, -1).li(A1, 1);
        a.sd(A0, S0, 0).amo(AMOMIN, true, T1, S0, A1).ld(S2, S0, 0);
        a.sd(A0, S0, 0).amo(AMOMAX, true, T2, S0, A1).ld(S3, S0, 0);
        a.sd(A0, S0, 0).amo(AMOMINU, true, T3, S0, A1).ld(S4, S0, 0);
        a.sd(A0, S0, 0).amo(AMOMAXU, true, T4, S0, A1).ld(S5, S0, 0);
        a.addi(A2, S0, 8).sw(A1, A2, 0).amo(AMOMIN, false, T5, A2, A0).lw(S6, A2, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(-1, rig.x(S2));
        assertEquals(1, rig.x(S3));
        assertEquals(1, rig.x(S4));
        assertEquals(-1, rig.x(S5));
        assertEquals(1, rig.x(T5), "amomin.w returns the old word");
        assertEquals(-1, rig.x(S6), "min(1, -1) as signed words");
    }

    @Test
    void wordAmosSignExtendAndLeaveTheOtherHalf() {
        Asm a = program().li(A0, 0x1111_1111_7FFF_FFFFL).sd(A0, S0, 0).li(A1, 1);
        a.amo(AMOADD, false, T1, S0, A1).ld(S2, S0, 0);
        a.amo(AMOSWAP, false, T2, S0, A1).ld(S3, S0, 0);
        a.li(A2, -1).amo(AMOMAXU, false, T3, S0, A2).lw(S4, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(0x7FFF_FFFF, rig.x(T1));
        assertEquals(0x1111_1111_8000_0000L, rig.x(S2), "only the low word changes");
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T2), "old word value sign-extended");
        assertEquals(0x1111_1111_0000_0001L, rig.x(S3));
        assertEquals(1, rig.x(T3));
        assertEquals(-1, rig.x(S4));
    }

    @Test
    void loadReservedThenStoreConditionalSucceedsOnce() {
        Asm a = program().li(A0, 10).sd(A0, S0, 0).li(A1, 20);
        a.lr(true, T1, S0).sc(true, T2, S0, A1).ld(S2, S0, 0);
        a.sc(true, T3, S0, A0).ld(S3, S0, 0); // no reservation any more
        a.lr(false, T4, S0).addi(A2, S0, 8).sc(false, T5, A2, A1); // other address: fails
        a.sc(false, T6, S0, A1); // the failed SC ended the reservation
        finish(a);
        rig.run(a, "end");
        assertEquals(10, rig.x(T1));
        assertEquals(0, rig.x(T2), "sc succeeded");
        assertEquals(20, rig.x(S2));
        assertEquals(1, rig.x(T3), "second sc fails");
        assertEquals(20, rig.x(S3));
        assertEquals(1, rig.x(T5));
        assertEquals(1, rig.x(T6));
        assertEquals(0, rig.readLong(a.address("data") + 8), "a failed sc writes nothing");
    }

    @Test
    void storeConditionalFailsWhenTheWordChangedAfterTheLoadReserved() {
        Asm a = program().li(A0, 10).sd(A0, S0, 0).li(A1, 20).li(A2, 11);
        a.lr(true, T1, S0).sd(A2, S0, 0).sc(true, T2, S0, A1).ld(S2, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(1, rig.x(T2), "the value LR saw is gone, so SC fails (how another hart's store is detected)");
        assertEquals(11, rig.x(S2));
    }

    @Test
    void trapEntryDropsTheReservation() {
        // The handler itself tries the SC: only the trap lies between LR and SC.
        Asm a = HartRig.program().la(T0, "handler").csrw(MTVEC, T0).la(S0, "data").li(A1, 20);
        a.lr(true, T1, S0).ecall().label("end").spin();
        a.align(4).label("handler").sc(true, T2, S0, A1).j("end");
        a.align(4096).label("data").dword(1);
        rig.run(a, "end");
        assertEquals(1, rig.x(T2));
        assertEquals(1, rig.readLong(a.address("data")));
    }

    @Test
    void mretDropsTheReservation() {
        // LR in M-mode, mret back to M-mode (MPP = 3), then SC: only the xRET lies between.
        Asm a = HartRig.program().la(S0, "data").li(A1, 20).li(T0, 3L << 11).csrs(MSTATUS, T0);
        a.la(T0, "after").csrw(MEPC, T0).lr(true, T1, S0).mret();
        a.label("after").sc(true, T2, S0, A1).label("end").spin();
        a.align(4096).label("data").dword(1);
        rig.run(a, "end");
        assertEquals(1, rig.x(T2));
        assertEquals(1, rig.readLong(a.address("data")));
    }

    @Test
    void misalignedAtomicsRaiseAddressMisaligned() {
        int[][] cases = { { 0, Cause.LOAD_MISALIGNED }, { 1, Cause.STORE_MISALIGNED }, { 2, Cause.STORE_MISALIGNED } };
        for (int[] c : cases) {
            HartRig r = new HartRig();
            Asm a = HartRig.program().la(T0, "trap").csrw(MTVEC, T0).la(S0, "data").addi(S0, S0, 4).li(A1, 1);
            switch (c[0]) {
                case 0 -> a.lr(true, T1, S0);
                case 1 -> a.sc(true, T1, S0, A1);
                default -> a.amo(AMOADD, true, T1, S0, A1);
            }
            a.label("end").spin().align(4).label("trap").spin().align(4096).label("data").dword(0).dword(0);
            r.run(a, "trap");
            assertEquals(c[1], r.csr(CsrFile.MCAUSE), "case " + c[0]);
            assertEquals(a.address("data") + 4, r.csr(CsrFile.MTVAL));
            assertEquals(0, r.readLong(a.address("data")), "nothing written");
        }
    }

    @Test
    void amoOnADeviceIsAStoreAccessFault() {
        MmioDevice device = new MmioDevice() {
            @Override
            public boolean accepts(long offset, int size) {
                return true;
            }

            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, int size, long value) {
            }
        };
        rig.withDevice(device);
        Asm a = HartRig.program().la(T0, "trap").csrw(MTVEC, T0).li(S0, HartRig.DEVICE_BASE).li(A1, 1);
        a.amo(AMOSWAP, false, T1, S0, A1).label("end").spin().align(4).label("trap").spin();
        rig.run(a, "trap");
        assertEquals(Cause.STORE_ACCESS_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(HartRig.DEVICE_BASE, rig.csr(CsrFile.MTVAL));
    }
}
