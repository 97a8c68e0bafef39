package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Zicsr and the trap machinery in M-mode and from lower modes: access rules (privilege in the
 * CSR number, read-only CSRs, unknown CSRs, counter enables, TVM, Sstc), WARL fields, trap entry
 * and return, tvec modes, ecall/ebreak causes, and the privileged instructions' own rules. An
 * illegal instruction's mtval is its bits, as on QEMU 7.2.
 */
class CsrAndTrapTest {

    private final HartRig rig = new HartRig();

    private void expectIllegal(Asm a, int badInstruction) {
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.ILLEGAL_INSTRUCTION, rig.csr(CsrFile.MCAUSE));
        assertEquals(badInstruction & 0xFFFF_FFFFL, rig.csr(CsrFile.MTVAL));
        assertEquals(a.address("bad"), rig.csr(CsrFile.MEPC));
    }

    @Test
    void writingAReadOnlyCsrIsIllegalButReadingIsFine() {
        Asm a = withMachineTrap().csrr(S2, MHARTID).csrr(S3, MISA).li(A0, 5);
        a.label("bad").csrw(MHARTID, A0);
        expectIllegal(a, Asm.encode(x -> x.csrw(MHARTID, A0)));
        assertEquals(0, rig.x(S2));
        assertEquals(0x8000_0000_0014_1105L, rig.x(S3), "RV64 with A, C, I, M, S, U");
    }

    @Test
    void unknownCsrsAreIllegal() {
        int[] unknown = { 0x001 /* fflags: no F */, 0x7A0 /* tselect */, 0x3A1 /* pmpcfg1 on RV64 */, 0xC80 /* cycleh */ };
        for (int csr : unknown) {
            HartRig r = new HartRig();
            Asm a = withMachineTrap().label("bad").csrr(A0, csr);
            finish(a);
            r.run(a, "mtrap");
            assertEquals(Cause.ILLEGAL_INSTRUCTION, r.csr(CsrFile.MCAUSE), "csr 0x" + Integer.toHexString(csr));
            assertEquals(Asm.encode(x -> x.csrr(A0, csr)) & 0xFFFF_FFFFL, r.csr(CsrFile.MTVAL));
        }
    }

    @Test
    void supervisorCannotReachMachineCsrs() {
        Asm a = withMachineTrap();
        enter(a, SUPERVISOR, "s").label("s").label("bad").csrr(A0, MSTATUS);
        expectIllegal(a, Asm.encode(x -> x.csrr(A0, MSTATUS)));
        assertEquals(SUPERVISOR, (rig.csr(CsrFile.MSTATUS) >>> 11) & 3, "MPP records S-mode");
    }

    @Test
    void userCannotReachSupervisorCsrs() {
        Asm a = withMachineTrap();
        enter(a, USER, "u").label("u").label("bad").csrr(A0, SSTATUS);
        expectIllegal(a, Asm.encode(x -> x.csrr(A0, SSTATUS)));
        assertEquals(USER, (rig.csr(CsrFile.MSTATUS) >>> 11) & 3);
    }

    @Test
    void mstatusFieldsAreWarl() {
        Asm a = withMachineTrap().li(A0, 3L << 11).csrw(MSTATUS, A0).li(A0, 2L << 11).csrrc(ZERO, MSTATUS, A0);
        a.csrr(S2, MSTATUS); // MPP = 1 after clearing bit 12
        a.li(A0, 3L << 11).csrrs(ZERO, MSTATUS, A0).li(A0, 1L << 11).csrrc(ZERO, MSTATUS, A0).csrr(S3, MSTATUS); // MPP 2: kept 3
        a.li(A0, -1).csrw(SSTATUS, A0).csrr(S4, SSTATUS).csrr(S5, MSTATUS);
        finish(a);
        rig.run(a, "end");
        assertEquals(1L << 11 | 2L << 32 | 2L << 34, rig.x(S2), "UXL and SXL read as 2");
        assertEquals(3L << 11, rig.x(S3) & (3L << 11), "the reserved MPP value 2 is not taken");
        assertEquals(CsrFile.SIE_BIT | CsrFile.SPIE | CsrFile.SPP | CsrFile.SUM | CsrFile.MXR | 2L << 32, rig.x(S4));
        assertEquals(0, rig.x(S5) & (CsrFile.MIE_BIT | CsrFile.MPIE | CsrFile.TVM), "sstatus writes no M fields");
    }

    @Test
    void ecallFromEachModeAndMret() {
        Asm a = withMachineTrap().la(T0, "handler").csrw(MTVEC, T0).li(S2, 0);
        a.li(T1, 8).csrs(MSTATUS, T1); // MIE = 1, so MPIE must capture it
        a.ecall().label("afterM");
        enter(a, SUPERVISOR, "s").label("s").ecall().label("afterS");
        a.li(T0, 0).j("end"); // not reached: the S ecall's handler ends the test
        a.align(4).label("handler").csrr(S3, MCAUSE).csrr(S4, MEPC).csrr(S5, MSTATUS).addi(S2, S2, 1);
        a.li(T0, 2).beq(S2, T0, "end");
        a.addi(S4, S4, 4).csrw(MEPC, S4).mret();
        finish(a);
        rig.run(a, "end");
        assertEquals(Cause.ECALL_FROM_S, rig.x(S3));
        assertEquals(a.address("afterS") - 4, rig.x(S4));
        assertEquals(SUPERVISOR, (rig.x(S5) >>> 11) & 3);
        assertEquals(3, rig.hart.privilege().encoding);
    }

    @Test
    void trapEntryStacksInterruptEnable() {
        Asm a = withMachineTrap().li(T1, 8).csrs(MSTATUS, T1).label("bad").ecall();
        finish(a);
        rig.run(a, "mtrap");
        long status = rig.csr(CsrFile.MSTATUS);
        assertEquals(Cause.ECALL_FROM_M, rig.csr(CsrFile.MCAUSE));
        assertEquals(0, status & CsrFile.MIE_BIT, "MIE cleared");
        assertEquals(CsrFile.MPIE, status & CsrFile.MPIE, "MPIE = old MIE");
        assertEquals(3L << 11, status & CsrFile.MPP);
        assertEquals(0, rig.csr(CsrFile.MTVAL));
    }

    @Test
    void ecallFromUserAndEbreakTvalZero() {
        Asm a = withMachineTrap();
        enter(a, USER, "u").label("u").label("bad").ecall();
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.ECALL_FROM_U, rig.csr(CsrFile.MCAUSE));
        assertEquals(0, (rig.csr(CsrFile.MSTATUS) >>> 11) & 3);

        HartRig r2 = new HartRig();
        Asm b = withMachineTrap().label("bad").ebreak();
        finish(b);
        r2.run(b, "mtrap");
        assertEquals(Cause.BREAKPOINT, r2.csr(CsrFile.MCAUSE));
        assertEquals(0, r2.csr(CsrFile.MTVAL), "QEMU 7.2 reports tval 0 for ebreak");
        assertEquals(b.address("bad"), r2.csr(CsrFile.MEPC));
    }

    @Test
    void illegalInstructionReportsItsBits() {
        Asm a = withMachineTrap().label("bad").word(0xFFFF_FFFF);
        expectIllegal(a, 0xFFFF_FFFF);
        HartRig r2 = new HartRig();
        Asm b = withMachineTrap().label("bad").word(0x0000_0053); // fadd.s: no F extension
        finish(b);
        r2.run(b, "mtrap");
        assertEquals(Cause.ILLEGAL_INSTRUCTION, r2.csr(CsrFile.MCAUSE));
        assertEquals(0x53, r2.csr(CsrFile.MTVAL));
    }

    @Test
    void tvecIgnoresReservedModesAndEpcClearsBitZero() {
        Asm a = withMachineTrap().csrr(S2, MTVEC).li(A0, 0x8000_1002L).csrw(MTVEC, A0).csrr(S3, MTVEC);
        a.li(A0, 0x8000_0003L).csrw(MEPC, A0).csrr(S4, MEPC);
        finish(a);
        rig.run(a, "end");
        assertEquals(rig.x(S2), rig.x(S3), "mode 2 is reserved: the write is ignored");
        assertEquals(0x8000_0002L, rig.x(S4));
    }

    @Test
    void vectoredTvecSendsInterruptsToBasePlusFourTimesCause() {
        Asm a = HartRig.program().la(T0, "vectors").ori(T0, T0, 1).csrw(MTVEC, T0);
        a.li(T0, Cause.SSIP).csrs(MIE, T0).csrs(MIP, T0).li(T1, 8).csrs(MSTATUS, T1); // SSI to M (not delegated)
        a.label("spin").j("spin");
        a.align(64).label("vectors").j("wrong").j("ssi").j("wrong");
        a.label("ssi").spin().label("wrong").spin();
        rig.load(a);
        rig.runTo(a.address("ssi"), 10_000);
        assertEquals(Cause.INTERRUPT | Cause.SUPERVISOR_SOFTWARE, rig.csr(CsrFile.MCAUSE));
    }

    @Test
    void countersFollowTheCounterEnables() {
        // U-mode may read cycle only when both mcounteren.CY and scounteren.CY are set.
        Asm a = withMachineTrap().li(T1, 1).csrw(MCOUNTEREN, T1);
        enter(a, USER, "u").label("u").label("bad").csrr(A0, CYCLE);
        expectIllegal(a, Asm.encode(x -> x.csrr(A0, CYCLE)));

        HartRig r2 = new HartRig();
        r2.time = 12345;
        Asm b = withMachineTrap().li(T1, 7).csrw(MCOUNTEREN, T1).csrw(SCOUNTEREN, T1);
        enter(b, USER, "u").label("u").csrr(A0, TIME).csrr(A1, INSTRET).csrr(A2, CYCLE).ecall();
        finish(b);
        r2.run(b, "mtrap");
        assertEquals(Cause.ECALL_FROM_U, r2.csr(CsrFile.MCAUSE));
        assertEquals(12345, r2.x(A0));
        assertEquals(r2.x(A1) + 1, r2.x(A2), "one cycle per instruction, read one instruction later");
    }

    @Test
    void minstretWritesTakeEffectForTheNextInstruction() {
        Asm a = withMachineTrap().li(A0, 1000).csrw(MINSTRET, A0).csrr(S2, MINSTRET).csrr(S3, MINSTRET);
        finish(a);
        rig.run(a, "end");
        assertEquals(1000, rig.x(S2));
        assertEquals(1001, rig.x(S3));
    }

    @Test
    void privilegedInstructionsCheckTheirMode() {
        record Case(int mode, long mstatusBits, int bits) {
        }
        Case[] cases = { new Case(USER, 0, 0x10500073 /* wfi */), new Case(SUPERVISOR, CsrFile.TW, 0x10500073),
                new Case(USER, 0, 0x10200073 /* sret */), new Case(SUPERVISOR, CsrFile.TSR, 0x10200073),
                new Case(SUPERVISOR, 0, 0x30200073 /* mret */), new Case(USER, 0, 0x12000073 /* sfence.vma */),
                new Case(SUPERVISOR, CsrFile.TVM, 0x12000073),
                new Case(SUPERVISOR, CsrFile.TVM, Asm.encode(x -> x.csrr(A0, SATP))) };
        for (Case c : cases) {
            HartRig r = new HartRig();
            Asm a = withMachineTrap().li(T1, c.mstatusBits()).csrs(MSTATUS, T1);
            enter(a, c.mode(), "low").label("low").label("bad").word(c.bits());
            finish(a);
            r.run(a, "mtrap");
            String what = String.format("%08x in mode %d", c.bits(), c.mode());
            assertEquals(Cause.ILLEGAL_INSTRUCTION, r.csr(CsrFile.MCAUSE), what);
            assertEquals(c.bits() & 0xFFFF_FFFFL, r.csr(CsrFile.MTVAL), what);
        }
    }

    @Test
    void stimecmpNeedsStceAndTheTimeCounterEnable() {
        long[][] cases = { { 0, 2 }, { CsrFile.MENVCFG_STCE, 0 } }; // {menvcfg, mcounteren}: both fail
        for (long[] c : cases) {
            HartRig r = new HartRig();
            Asm a = withMachineTrap().li(T1, c[0]).csrw(MENVCFG, T1).li(T1, c[1]).csrw(MCOUNTEREN, T1);
            enter(a, SUPERVISOR, "s").label("s").label("bad").csrr(A0, STIMECMP);
            finish(a);
            r.run(a, "mtrap");
            assertEquals(Cause.ILLEGAL_INSTRUCTION, r.csr(CsrFile.MCAUSE));
        }
        HartRig r = new HartRig();
        Asm a = withMachineTrap().li(T1, CsrFile.MENVCFG_STCE).csrw(MENVCFG, T1).li(T1, 2).csrw(MCOUNTEREN, T1);
        enter(a, SUPERVISOR, "s").label("s").li(A0, 777).csrw(STIMECMP, A0).csrr(A1, STIMECMP).ecall();
        finish(a);
        r.run(a, "mtrap");
        assertEquals(Cause.ECALL_FROM_S, r.csr(CsrFile.MCAUSE));
        assertEquals(777, r.x(A1));
    }

    @Test
    void pmpRegistersHoldValuesAndLockedEntriesIgnoreWrites() {
        Asm a = withMachineTrap().li(A0, 0x1F).csrw(PMPCFG0, A0).csrr(S2, PMPCFG0);
        a.li(A0, 0x1234).csrw(PMPADDR0, A0).csrr(S3, PMPADDR0);
        a.li(A0, 0x9F).csrw(PMPCFG0, A0).li(A0, 0x55).csrw(PMPADDR0, A0).csrr(S4, PMPADDR0).csrw(PMPCFG0, ZERO).csrr(S5, PMPCFG0);
        a.li(A0, 0xFF).csrw(PMPCFG0 + 2, A0).csrr(S6, PMPCFG0 + 2);
        finish(a);
        rig.run(a, "end");
        assertEquals(0x1F, rig.x(S2));
        assertEquals(0x1234, rig.x(S3));
        assertEquals(0x1234, rig.x(S4), "entry 0 is locked");
        assertEquals(0x9F, rig.x(S5), "a locked entry keeps its configuration");
        assertEquals(0x9F, rig.x(S6), "reserved bits 6:5 read as zero");
    }
}
