package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * medeleg and mideleg: which traps go to S-mode, the S-mode trap CSRs and sstatus stack, sret,
 * the writable bits of the delegation registers, and when a delegated or undelegated interrupt
 * is taken in each mode.
 */
class DelegationTest {

    private final HartRig rig = new HartRig();

    private static Asm withBothHandlers() {
        return withMachineTrap().la(T0, "strap").csrw(STVEC, T0);
    }

    @Test
    void delegatedExceptionFromUserGoesToSupervisor() {
        Asm a = withBothHandlers().li(T1, 1L << Cause.ECALL_FROM_U).csrw(MEDELEG, T1);
        enter(a, USER, "u").label("u").label("bad").ecall();
        finish(a);
        rig.run(a, "strap");
        assertEquals(Cause.ECALL_FROM_U, rig.csr(CsrFile.SCAUSE));
        assertEquals(a.address("bad"), rig.csr(CsrFile.SEPC));
        assertEquals(SUPERVISOR, rig.hart.privilege().encoding);
        assertEquals(0, rig.csr(CsrFile.MSTATUS) & CsrFile.SPP, "SPP records U-mode");
        assertEquals(0, rig.csr(CsrFile.MCAUSE), "M-mode saw nothing");
    }

    @Test
    void delegationNeverTakesATrapOutOfMachineMode() {
        Asm a = withBothHandlers().li(T1, 1L << Cause.ILLEGAL_INSTRUCTION).csrw(MEDELEG, T1).label("bad").word(0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.ILLEGAL_INSTRUCTION, rig.csr(CsrFile.MCAUSE));
        assertEquals(0, rig.csr(CsrFile.SCAUSE));
    }

    @Test
    void supervisorTrapStackAndSret() {
        Asm a = withBothHandlers().la(T0, "shandler").csrw(STVEC, T0).li(T1, 1L << Cause.ECALL_FROM_S).csrw(MEDELEG, T1);
        enter(a, SUPERVISOR, "s").label("s").li(T1, 2).csrs(SSTATUS, T1); // SIE = 1
        a.ecall().label("back").csrr(S3, SSTATUS).j("end");
        a.align(4).label("shandler").csrr(S2, SSTATUS).csrr(T0, SEPC).addi(T0, T0, 4).csrw(SEPC, T0).sret();
        finish(a);
        rig.run(a, "end");
        assertEquals(CsrFile.SPP | CsrFile.SPIE, rig.x(S2) & (CsrFile.SPP | CsrFile.SPIE | CsrFile.SIE_BIT),
                "in the handler: SPP = S, SPIE = old SIE, SIE = 0");
        assertEquals(CsrFile.SIE_BIT | CsrFile.SPIE, rig.x(S3) & (CsrFile.SPP | CsrFile.SPIE | CsrFile.SIE_BIT),
                "after sret: SIE restored, SPIE = 1, SPP = U");
        assertEquals(SUPERVISOR, rig.hart.privilege().encoding);
    }

    @Test
    void onlyDelegableBitsStick() {
        Asm a = withBothHandlers().li(T1, -1).csrw(MEDELEG, T1).csrr(S2, MEDELEG).csrw(MIDELEG, T1).csrr(S3, MIDELEG);
        finish(a);
        rig.run(a, "end");
        assertEquals(0xB3FF, rig.x(S2), "ecall from M (11) and the reserved codes cannot be delegated");
        assertEquals(Cause.SSIP | Cause.STIP | Cause.SEIP, rig.x(S3));
    }

    @Test
    void supervisorViewsOfInterruptRegistersAreMaskedByMideleg() {
        Asm a = withBothHandlers().li(T1, Cause.SSIP).csrw(MIDELEG, T1).li(T1, -1).csrw(MIE, T1);
        a.csrr(S2, SIE).li(T1, -1).csrw(SIE, T1).csrr(S3, MIE).csrw(SIP, T1).csrr(S4, MIP);
        finish(a);
        rig.run(a, "end");
        assertEquals(Cause.SSIP, rig.x(S2));
        assertEquals(0xAAA, rig.x(S3), "all six interrupt enables");
        assertEquals(Cause.SSIP, rig.x(S4) & Cause.SSIP, "sip.SSIP writable when delegated");
    }

    @Test
    void delegatedInterruptIsTakenInUserModeButNotInMachineMode() {
        // SSIP pending and enabled, delegated: in M-mode it waits; once in U-mode it is taken in S.
        Asm a = withBothHandlers().li(T1, Cause.SSIP).csrw(MIDELEG, T1).csrs(MIE, T1).csrs(MIP, T1);
        a.li(T1, 8).csrs(MSTATUS, T1); // MIE = 1 does not matter for a delegated interrupt
        a.li(S2, 1).li(S2, 2); // still in M-mode
        enter(a, USER, "u").label("u").li(S3, 1).label("uspin").j("uspin");
        finish(a);
        rig.run(a, "strap");
        assertEquals(2, rig.x(S2));
        assertEquals(Cause.INTERRUPT | Cause.SUPERVISOR_SOFTWARE, rig.csr(CsrFile.SCAUSE));
        assertEquals(0, rig.csr(CsrFile.MCAUSE));
    }

    @Test
    void delegatedInterruptInSupervisorModeWaitsForSie() {
        Asm a = withBothHandlers().li(T1, Cause.SSIP).csrw(MIDELEG, T1).csrs(MIE, T1).csrs(MIP, T1);
        enter(a, SUPERVISOR, "s").label("s").li(S2, 7).li(T1, 2).csrs(SSTATUS, T1).label("after").li(S3, 9);
        finish(a);
        rig.run(a, "strap");
        assertEquals(7, rig.x(S2), "ran with SIE = 0");
        assertEquals(0, rig.x(S3), "taken right after sstatus.SIE was set");
        assertEquals(a.address("after"), rig.csr(CsrFile.SEPC));
    }

    @Test
    void undelegatedInterruptPreemptsSupervisorEvenWithMieClear() {
        Asm a = withBothHandlers().li(T1, Cause.SSIP).csrs(MIE, T1).csrs(MIP, T1); // not delegated
        enter(a, SUPERVISOR, "s").label("s").li(S2, 1);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.INTERRUPT | Cause.SUPERVISOR_SOFTWARE, rig.csr(CsrFile.MCAUSE));
        assertEquals(a.address("s"), rig.csr(CsrFile.MEPC));
        assertEquals(0, rig.x(S2));
    }
}
