package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.testsupport.Asm.*;

import org.hartbench.emulator.testsupport.Asm;

/** Code snippets the privilege tests share. */
final class PrivilegeHelpers {
    private PrivilegeHelpers() {
    }

    static final int USER = 0, SUPERVISOR = 1, MACHINE = 3;

    /** From M-mode: mret into mode at label (clobbers t0). */
    static Asm enter(Asm a, int mode, String label) {
        a.li(T0, 3L << 11).csrrc(ZERO, MSTATUS, T0);
        if (mode != 0) {
            a.li(T0, (long) mode << 11).csrrs(ZERO, MSTATUS, T0);
        }
        return a.la(T0, label).csrw(MEPC, T0).mret();
    }

    /** A program that sends M-mode traps to a spinning handler labelled "mtrap" (placed by finish). */
    static Asm withMachineTrap() {
        return HartRig.program().la(T0, "mtrap").csrw(MTVEC, T0);
    }

    /** Ends a program: "end" and "mtrap" spin; "strap" spins too if stvec was pointed there. */
    static Asm finish(Asm a) {
        return a.label("end").spin().align(4).label("mtrap").spin().align(4).label("strap").spin();
    }
}
