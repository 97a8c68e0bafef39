package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PageTables.*;
import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Hardware A/D updates: a load sets A, a store sets A and D, a fault sets nothing, a store
 * through a translation first used by a load still sets D, superpage leaves are updated too,
 * and looking at a mapping from outside (the inspector's walk) changes nothing.
 */
class AccessedDirtyTest {

    private static final long VA = Sv39Test.VA;
    private static final long DATA_PA = Sv39Test.DATA_PA;

    private final HartRig rig = new HartRig();
    private final PageTables pt = new PageTables(rig.ram, Sv39Test.POOL);

    AccessedDirtyTest() {
        pt.map(Sv39Test.CODE, Sv39Test.CODE, RWX | A | D, 2);
    }

    private Asm start() {
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        return enter(a, SUPERVISOR, "go").label("go");
    }

    @Test
    void loadSetsAccessedOnly() {
        pt.map(VA, DATA_PA, R | W, 0);
        Asm a = start().li(S0, VA).ld(S2, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(A, pt.leaf(VA) & (A | D));
    }

    @Test
    void storeSetsAccessedAndDirty() {
        pt.map(VA, DATA_PA, R | W, 0);
        Asm a = start().li(S0, VA).sd(S0, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(A | D, pt.leaf(VA) & (A | D));
    }

    @Test
    void storeAfterLoadThroughTheSameTranslationSetsDirty() {
        pt.map(VA, DATA_PA, R | W, 0);
        Asm a = start().li(S0, VA).ld(S2, S0, 0).ld(S2, S0, 8).sd(S2, S0, 16);
        finish(a);
        rig.run(a, "end");
        assertEquals(A | D, pt.leaf(VA) & (A | D));
    }

    @Test
    void faultingAccessSetsNothing() {
        pt.map(VA, DATA_PA, R, 0);
        Asm a = start().li(S0, VA).sd(S0, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.STORE_PAGE_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(0, pt.leaf(VA) & (A | D));
    }

    @Test
    void superpageLeafGetsUpdated() {
        pt.map(0x2000_0000L, 0x8060_0000L, R | W, 1);
        Asm a = start().li(S0, 0x2000_5000L).sw(S0, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(A | D, pt.leaf(0x2000_0000L) & (A | D));
    }

    @Test
    void fetchSetsAccessed() {
        pt.map(VA, Sv39Test.CODE, R | X, 0);
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        // enter S-mode at VA + offset of "target", an alias of the program's page
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 1L << 11).csrs(MSTATUS, T0);
        a.la(T0, "target").li(T1, Sv39Test.CODE).sub(T0, T0, T1).li(T1, VA).add(T0, T0, T1).csrw(MEPC, T0).mret();
        a.label("target").j("back").label("back").ecall();
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.ECALL_FROM_S, rig.csr(CsrFile.MCAUSE));
        assertEquals(A, pt.leaf(VA) & (A | D));
    }

    @Test
    void inspectingAMappingChangesNothing() {
        pt.map(VA, DATA_PA, R | W, 0);
        rig.hart.csr.satp = pt.satp();
        rig.hart.priv = 1;
        rig.hart.mmu.flush();
        assertEquals(DATA_PA + 0x123, rig.hart.peekTranslate(VA + 0x123));
        assertEquals(-1, rig.hart.peekTranslate(VA + 0x1000), "unmapped");
        assertEquals(0, pt.leaf(VA) & (A | D));
    }
}
