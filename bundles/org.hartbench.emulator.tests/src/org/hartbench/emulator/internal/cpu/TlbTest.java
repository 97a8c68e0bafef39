package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PageTables.*;
import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * The software TLB behaves like a hardware one: a changed PTE is not seen until sfence.vma (or a
 * satp write), a translation cached for S-mode gives U-mode no access, and SUM or a privilege
 * change take effect at once. The guest changes its own page table from M-mode through the
 * identity mapping.
 */
class TlbTest {

    private static final long VA = Sv39Test.VA;
    private static final long PAGE_A = 0x8040_0000L;
    private static final long PAGE_B = 0x8041_0000L;

    private final HartRig rig = new HartRig();
    private final PageTables pt = new PageTables(rig.ram, Sv39Test.POOL);

    TlbTest() {
        pt.map(Sv39Test.CODE, Sv39Test.CODE, RWX | A | D, 2);
        pt.map(VA, PAGE_A, R | W | A | D, 0);
        rig.ram.writeLong(PAGE_A, 0xAAAA);
        rig.ram.writeLong(PAGE_B, 0xBBBB);
    }

    /** S-mode code that loads VA into S2, lets M-mode remap VA to page B (ecall), loads again into S3. */
    private Asm remapProgram(boolean fence) {
        Asm a = withMachineTrap().la(T0, "handler").csrw(MTVEC, T0).li(T0, pt.satp()).csrw(SATP, T0);
        enter(a, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0).ecall();
        if (fence) {
            a.sfenceVma();
        }
        a.ld(S3, S0, 0).j("end");
        long newPte = (PAGE_B >>> 12) << 10 | R | W | A | D | V;
        a.align(4).label("handler").li(T0, pt.leafAddress(VA)).li(T1, newPte).sd(T1, T0, 0);
        a.csrr(T0, MEPC).addi(T0, T0, 4).csrw(MEPC, T0).mret();
        return finish(a);
    }

    @Test
    void staleTranslationIsUsedUntilSfenceVma() {
        rig.run(remapProgram(false), "end");
        assertEquals(0xAAAA, rig.x(S2));
        assertEquals(0xAAAA, rig.x(S3), "no sfence.vma: the cached translation still points at page A");
    }

    @Test
    void sfenceVmaMakesTheNewTranslationVisible() {
        rig.run(remapProgram(true), "end");
        assertEquals(0xAAAA, rig.x(S2));
        assertEquals(0xBBBB, rig.x(S3));
    }

    @Test
    void satpWriteFlushes() {
        Asm a = withMachineTrap().la(T0, "handler").csrw(MTVEC, T0).li(T0, pt.satp()).csrw(SATP, T0);
        enter(a, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0).ecall().li(T0, pt.satp()).csrw(SATP, T0)
                .ld(S3, S0, 0).j("end");
        long newPte = (PAGE_B >>> 12) << 10 | R | W | A | D | V;
        a.align(4).label("handler").li(T0, pt.leafAddress(VA)).li(T1, newPte).sd(T1, T0, 0);
        a.csrr(T0, MEPC).addi(T0, T0, 4).csrw(MEPC, T0).mret();
        finish(a);
        rig.run(a, "end");
        assertEquals(0xBBBB, rig.x(S3));
    }

    @Test
    void translationCachedForSupervisorIsNotUsedByUser() {
        // S-mode reads VA (an S page), then drops to U-mode and reads it again: page fault.
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        pt.map(0x0040_0000L, Sv39Test.CODE, R | X | U | A, 1);
        enter(a, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0);
        a.li(T0, CsrFile.SPP).csrc(SSTATUS, T0).la(T0, "user").li(T1, Sv39Test.CODE).sub(T0, T0, T1)
                .li(T1, 0x0040_0000L).add(T0, T0, T1).csrw(SEPC, T0).sret();
        a.label("user").ld(S3, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(0xAAAA, rig.x(S2));
        assertEquals(Cause.LOAD_PAGE_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(VA, rig.csr(CsrFile.MTVAL));
    }

    @Test
    void clearingSumTakesEffectImmediately() {
        pt.map(VA, PAGE_A, R | W | U | A | D, 0);
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0).li(T0, CsrFile.SUM).csrs(MSTATUS, T0);
        enter(a, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0).li(T0, CsrFile.SUM).csrc(SSTATUS, T0)
                .ld(S3, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(0xAAAA, rig.x(S2));
        assertEquals(Cause.LOAD_PAGE_FAULT, rig.csr(CsrFile.MCAUSE));
    }

    @Test
    void readOnlyTranslationInTheLoadTlbGrantsNoStore() {
        pt.map(VA, PAGE_A, R | A | D, 0);
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        enter(a, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0).ld(S2, S0, 8).sd(S2, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.STORE_PAGE_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(0xAAAA, rig.readLong(PAGE_A));
    }
}
