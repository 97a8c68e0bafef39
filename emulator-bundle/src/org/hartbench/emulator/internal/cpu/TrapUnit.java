package org.hartbench.emulator.internal.cpu;

/**
 * Trap entry and return for one hart: delegation through medeleg/mideleg, direct and vectored
 * tvec, the mstatus stack (xIE, xPIE, xPP), interrupt priority and enabling, mret and sret.
 * Every trap and xRET drops the hart's LR reservation.
 */
final class TrapUnit {
    private TrapUnit() {
    }

    /** Interrupts in the order they are taken when several are pending (privileged spec 3.1.9). */
    private static final int[] PRIORITY = { Cause.MACHINE_EXTERNAL, Cause.MACHINE_SOFTWARE, Cause.MACHINE_TIMER,
            Cause.SUPERVISOR_EXTERNAL, Cause.SUPERVISOR_SOFTWARE, Cause.SUPERVISOR_TIMER };

    /** Takes a synchronous exception raised by the instruction at hart.pc. */
    static void exception(Hart h, int cause, long tval) {
        boolean toSupervisor = h.priv <= 1 && ((h.csr.medeleg >>> cause) & 1) != 0;
        enter(h, cause, false, tval, toSupervisor);
    }

    /**
     * The interrupt the hart would take now (privileged spec 3.1.6.1 and 3.1.9), or -1. M-level
     * interrupts are enabled below M-mode or with mstatus.MIE; delegated ones below S-mode or in
     * S-mode with sstatus.SIE, and never in M-mode.
     */
    static int deliverableInterrupt(Hart h, long pending) {
        if (pending == 0) {
            return -1;
        }
        CsrFile c = h.csr;
        long toM = pending & ~c.mideleg;
        long toS = pending & c.mideleg;
        boolean mEnabled = h.priv < 3 || (c.mstatus & CsrFile.MIE_BIT) != 0;
        boolean sEnabled = h.priv < 1 || (h.priv == 1 && (c.mstatus & CsrFile.SIE_BIT) != 0);
        long enabled = (mEnabled ? toM : 0) | (sEnabled ? toS : 0);
        if (enabled == 0) {
            return -1;
        }
        for (int code : PRIORITY) {
            if ((enabled & (1L << code)) != 0) {
                return code;
            }
        }
        return -1;
    }

    /** Takes the interrupt chosen by {@link #deliverableInterrupt}; pc is the next instruction. */
    static void interrupt(Hart h, int code) {
        boolean toSupervisor = ((h.csr.mideleg >>> code) & 1) != 0;
        enter(h, code, true, 0, toSupervisor);
    }

    private static void enter(Hart h, int code, boolean interrupt, long tval, boolean toSupervisor) {
        CsrFile c = h.csr;
        long cause = (interrupt ? Cause.INTERRUPT : 0) | code;
        h.noteTrap(cause, h.pc, tval);
        long status = c.mstatus;
        long tvec;
        if (toSupervisor) {
            c.scause = cause;
            c.sepc = h.pc;
            c.stval = tval;
            status = (status & ~CsrFile.SPIE) | ((status & CsrFile.SIE_BIT) != 0 ? CsrFile.SPIE : 0);
            status = (status & ~(CsrFile.SPP | CsrFile.SIE_BIT)) | (h.priv == 1 ? CsrFile.SPP : 0);
            tvec = c.stvec;
            h.priv = 1;
        } else {
            c.mcause = cause;
            c.mepc = h.pc;
            c.mtval = tval;
            status = (status & ~CsrFile.MPIE) | ((status & CsrFile.MIE_BIT) != 0 ? CsrFile.MPIE : 0);
            status = (status & ~(CsrFile.MPP | CsrFile.MIE_BIT)) | ((long) h.priv << CsrFile.MPP_SHIFT);
            tvec = c.mtvec;
            h.priv = 3;
        }
        c.mstatus = status;
        long base = tvec & ~3L;
        h.pc = (interrupt && (tvec & 3) == 1) ? base + 4L * code : base;
        h.dropReservation();
        h.mmu.contextChanged(false);
    }

    /** mret (privileged spec 3.3.2); the caller has checked that the hart is in M-mode. */
    static void mret(Hart h) {
        CsrFile c = h.csr;
        long status = c.mstatus;
        int previous = (int) (status >>> CsrFile.MPP_SHIFT) & 3;
        status = (status & ~CsrFile.MIE_BIT) | ((status & CsrFile.MPIE) != 0 ? CsrFile.MIE_BIT : 0);
        status |= CsrFile.MPIE;
        status &= ~CsrFile.MPP;
        if (previous != 3) {
            status &= ~CsrFile.MPRV;
        }
        c.mstatus = status;
        h.priv = previous;
        h.pc = c.mepc;
        h.dropReservation();
        h.mmu.contextChanged(false);
    }

    /** sret; the caller has checked privilege and mstatus.TSR. */
    static void sret(Hart h) {
        CsrFile c = h.csr;
        long status = c.mstatus;
        int previous = (status & CsrFile.SPP) != 0 ? 1 : 0;
        status = (status & ~CsrFile.SIE_BIT) | ((status & CsrFile.SPIE) != 0 ? CsrFile.SIE_BIT : 0);
        status |= CsrFile.SPIE;
        status &= ~(CsrFile.SPP | CsrFile.MPRV);
        c.mstatus = status;
        h.priv = previous;
        h.pc = c.sepc;
        h.dropReservation();
        h.mmu.contextChanged(false);
    }
}
