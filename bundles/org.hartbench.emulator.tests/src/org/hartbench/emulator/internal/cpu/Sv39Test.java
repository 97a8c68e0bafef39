package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PageTables.*;
import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Sv39 walks and faults: 4 KiB, 2 MiB and 1 GiB leaves, permission checks by privilege (U, SUM,
 * MXR, X), invalid and reserved PTEs, misaligned superpages, non-canonical addresses, page tables
 * outside RAM, fetch faults (also for an instruction that spans into an unmapped page), MPRV,
 * and satp's WARL mode field. Faults report the virtual address in mtval.
 */
class Sv39Test {

    static final long CODE = 0x8000_0000L;
    static final long POOL = 0x8080_0000L;
    static final long DATA_PA = 0x8040_0000L;
    static final long VA = 0x4000_0000L;

    private final HartRig rig = new HartRig();
    private final PageTables pt = new PageTables(rig.ram, POOL);

    Sv39Test() {
        pt.map(CODE, CODE, RWX | A | D | G, 2); // code, tables and data, identity
    }

    /** Enables paging and enters mode at label "go". */
    private Asm start(int mode) {
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        return enter(a, mode, "go").label("go");
    }

    private void expectFault(Asm a, int cause, long tval) {
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(cause, rig.csr(CsrFile.MCAUSE), "mcause");
        assertEquals(tval, rig.csr(CsrFile.MTVAL), "mtval");
    }

    @Test
    void fourKilobytePageTranslatesLoadsAndStores() {
        pt.map(VA, DATA_PA, R | W | A | D, 0);
        rig.ram.writeLong(DATA_PA + 8, 0x1122_3344_5566_7788L);
        Asm a = start(SUPERVISOR).li(S0, VA).ld(S2, S0, 8).li(A0, 99).sd(A0, S0, 16);
        finish(a);
        rig.run(a, "end");
        assertEquals(0x1122_3344_5566_7788L, rig.x(S2));
        assertEquals(99, rig.readLong(DATA_PA + 16));
    }

    @Test
    void megaAndGigaPagesKeepTheLowBitsOfTheAddress() {
        pt.map(0x2000_0000L, 0x8060_0000L, R | W | A | D, 1); // 2 MiB
        pt.map(0xC000_0000L, CODE, R | A, 2); // 1 GiB alias of RAM
        rig.ram.writeLong(0x8060_0000L + 0x12348, 55);
        rig.ram.writeLong(CODE + 0x70_0008, 66);
        Asm a = start(SUPERVISOR).li(S0, 0x2001_2348L).ld(S2, S0, 0).li(S0, 0xC070_0008L).ld(S3, S0, 0);
        finish(a);
        rig.run(a, "end");
        assertEquals(55, rig.x(S2));
        assertEquals(66, rig.x(S3));
    }

    @Test
    void misalignedSuperpageIsAPageFault() {
        pt.map(0x2000_0000L, 0x8060_1000L, R | W | A | D, 1); // ppn[0] != 0
        Asm a = start(SUPERVISOR).li(S0, 0x2000_0010L).label("bad").ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, 0x2000_0010L);
    }

    @Test
    void invalidPteFaultsByAccessKind() {
        Asm a = start(SUPERVISOR).li(S0, VA + 4).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, VA + 4);
        HartRig r2 = new HartRig();
        PageTables p2 = new PageTables(r2.ram, POOL);
        p2.map(CODE, CODE, RWX | A | D, 2);
        Asm b = withMachineTrap().li(T0, p2.satp()).csrw(SATP, T0);
        enter(b, SUPERVISOR, "go").label("go").li(S0, VA).sd(S0, S0, 0);
        finish(b);
        r2.run(b, "mtrap");
        assertEquals(Cause.STORE_PAGE_FAULT, r2.csr(CsrFile.MCAUSE));
        assertEquals(VA, r2.csr(CsrFile.MTVAL));
    }

    @Test
    void writeWithoutReadIsReserved() {
        pt.map(VA, DATA_PA, W | A | D, 0);
        Asm a = start(SUPERVISOR).li(S0, VA).sd(S0, S0, 0);
        expectFault(a, Cause.STORE_PAGE_FAULT, VA);
    }

    @Test
    void readOnlyPageRejectsStores() {
        pt.map(VA, DATA_PA, R | A | D, 0);
        Asm a = start(SUPERVISOR).li(S0, VA).ld(S2, S0, 0).sd(S0, S0, 0);
        expectFault(a, Cause.STORE_PAGE_FAULT, VA);
    }

    @Test
    void supervisorNeedsSumForUserPages() {
        pt.map(VA, DATA_PA, R | W | U | A | D, 0);
        Asm a = start(SUPERVISOR).li(S0, VA).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, VA);

        HartRig r2 = new HartRig();
        PageTables p2 = new PageTables(r2.ram, POOL);
        p2.map(CODE, CODE, RWX | A | D, 2);
        p2.map(VA, DATA_PA, R | W | U | A | D, 0);
        r2.ram.writeLong(DATA_PA, 31);
        Asm b = withMachineTrap().li(T0, p2.satp()).csrw(SATP, T0).li(T0, CsrFile.SUM).csrs(MSTATUS, T0);
        enter(b, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0);
        finish(b);
        r2.run(b, "end");
        assertEquals(31, r2.x(S2), "with SUM the load succeeds");
    }

    @Test
    void supervisorNeverExecutesUserPages() {
        pt.map(VA, CODE, R | X | U | A | D, 0);
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0).li(T0, CsrFile.SUM).csrs(MSTATUS, T0);
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 1L << 11).csrs(MSTATUS, T0).li(T0, VA).csrw(MEPC, T0).mret();
        expectFault(a, Cause.INSTRUCTION_PAGE_FAULT, VA);
        assertEquals(VA, rig.csr(CsrFile.MEPC));
    }

    @Test
    void userCannotTouchSupervisorPages() {
        pt.map(0x0040_0000L, CODE, R | X | U | A | D, 2 - 1); // user code alias (2 MiB of RAM start)
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).la(T0, "user").li(T1, CODE).sub(T0, T0, T1).li(T1, 0x0040_0000L)
                .add(T0, T0, T1).csrw(MEPC, T0).mret();
        a.label("user").li(S0, CODE).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, CODE);
        assertEquals(USER, (rig.csr(CsrFile.MSTATUS) >>> 11) & 3, "the fault came from U-mode");
    }

    @Test
    void mxrMakesExecuteOnlyPagesReadable() {
        pt.map(VA, DATA_PA, X | A | D, 0);
        rig.ram.writeLong(DATA_PA, 4242);
        Asm a = start(SUPERVISOR).li(S0, VA).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, VA);

        HartRig r2 = new HartRig();
        PageTables p2 = new PageTables(r2.ram, POOL);
        p2.map(CODE, CODE, RWX | A | D, 2);
        p2.map(VA, DATA_PA, X | A | D, 0);
        r2.ram.writeLong(DATA_PA, 4242);
        Asm b = withMachineTrap().li(T0, p2.satp()).csrw(SATP, T0).li(T0, CsrFile.MXR).csrs(MSTATUS, T0);
        enter(b, SUPERVISOR, "go").label("go").li(S0, VA).ld(S2, S0, 0);
        finish(b);
        r2.run(b, "end");
        assertEquals(4242, r2.x(S2));
    }

    @Test
    void nonCanonicalAddressIsAPageFault() {
        Asm a = start(SUPERVISOR).li(S0, 0x0000_0080_0000_0000L).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, 0x0000_0080_0000_0000L);
    }

    @Test
    void reservedPteBitsAreAPageFault() {
        pt.map(VA, DATA_PA, R | W | A | D, 0);
        pt.setLeaf(VA, pt.leaf(VA) | 1L << 61); // PBMT without Svpbmt
        Asm a = start(SUPERVISOR).li(S0, VA).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_PAGE_FAULT, VA);
    }

    @Test
    void pageTableOutsideRamIsAnAccessFault() {
        long badRoot = 8L << 60 | (0x1000_0000L >>> 12); // no RAM there
        Asm a = withMachineTrap().li(T0, badRoot).csrw(SATP, T0);
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 3L << 11 | CsrFile.MPRV).csrs(MSTATUS, T0); // MPP=M first
        a.li(T0, 2L << 11).csrc(MSTATUS, T0); // MPP = S, MPRV = 1: loads translate as S
        a.li(S0, VA).ld(S2, S0, 0);
        expectFault(a, Cause.LOAD_ACCESS_FAULT, VA);
    }

    @Test
    void mprvMakesMachineModeLoadsTranslate() {
        pt.map(VA, DATA_PA, R | W | A | D, 0);
        rig.ram.writeLong(DATA_PA, 777);
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 1L << 11 | CsrFile.MPRV).csrs(MSTATUS, T0);
        a.li(S0, VA).ld(S2, S0, 0).li(T0, CsrFile.MPRV).csrc(MSTATUS, T0);
        finish(a);
        rig.run(a, "end");
        assertEquals(777, rig.x(S2));
        assertEquals(3, rig.hart.privilege().encoding, "still in M-mode");
    }

    @Test
    void fetchFromUnmappedPageFaultsWithItsAddress() {
        Asm a = start(SUPERVISOR).li(T0, VA + 0x10).jalr(ZERO, T0, 0);
        expectFault(a, Cause.INSTRUCTION_PAGE_FAULT, VA + 0x10);
        assertEquals(VA + 0x10, rig.csr(CsrFile.MEPC));
    }

    @Test
    void instructionSpanningIntoAnUnmappedPageFaultsOnTheSecondHalf() {
        pt.map(VA, DATA_PA, R | X | A | D, 0); // next page unmapped
        // addi a0, zero, 1 split over the page end: low half at VA+0xffe
        int insn = Asm.encode(x -> x.addi(A0, ZERO, 1));
        rig.ram.writeShort(DATA_PA + 0xFFE, (short) insn);
        Asm a = start(SUPERVISOR).li(T0, VA + 0xFFE).jalr(ZERO, T0, 0);
        expectFault(a, Cause.INSTRUCTION_PAGE_FAULT, VA + 0x1000);
        assertEquals(VA + 0xFFE, rig.csr(CsrFile.MEPC), "mepc is the instruction's start");
    }

    @Test
    void satpKeepsOnlyBareAndSv39() {
        Asm a = withMachineTrap().li(T0, 9L << 60 | 5).csrw(SATP, T0).csrr(S2, SATP).li(T0, pt.satp()).csrw(SATP, T0)
                .csrr(S3, SATP);
        finish(a);
        rig.run(a, "end");
        assertEquals(0, rig.x(S2), "Sv48 is not implemented: the write is ignored");
        assertEquals(pt.satp(), rig.x(S3));
    }
}
