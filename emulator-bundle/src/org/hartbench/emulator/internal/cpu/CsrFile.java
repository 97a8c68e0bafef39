package org.hartbench.emulator.internal.cpu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control and status registers of one hart (privileged spec 1.12, RV64, M/S/U, Sstc), and
 * the rules for reaching them: the privilege encoded in the CSR number, read-only numbers,
 * counter-enable bits, mstatus.TVM for satp, and menvcfg.STCE for stimecmp. A CSR that does not
 * exist here raises illegal instruction, as on QEMU 7.2 with the same extensions.
 *
 * <p>Choices where the spec leaves room (all WARL): misa is read-only; mcountinhibit is
 * hard-wired to zero; the hpm counters and events read as zero and ignore writes; a write of
 * the reserved value 2 to mstatus.MPP keeps the old value; tvec writes with mode 2 or 3 and satp
 * writes with a mode other than Bare or Sv39 are ignored; 16 PMP entries are kept and grant
 * every access. mcycle counts like minstret (one cycle per instruction).
 *
 * <p>Only the thread running the hart touches these fields; the inspector reads them under the
 * hart's run lock.
 */
final class CsrFile {
    // CSR numbers
    static final int CYCLE = 0xC00, TIME = 0xC01, INSTRET = 0xC02, HPMCOUNTER3 = 0xC03,
            HPMCOUNTER31 = 0xC1F;
    static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SENVCFG = 0x10A,
            SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144, STIMECMP = 0x14D,
            SATP = 0x180;
    static final int MVENDORID = 0xF11, MARCHID = 0xF12, MIMPID = 0xF13, MHARTID = 0xF14, MCONFIGPTR = 0xF15;
    static final int MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303, MIE = 0x304, MTVEC = 0x305,
            MCOUNTEREN = 0x306, MENVCFG = 0x30A, MCOUNTINHIBIT = 0x320, MHPMEVENT3 = 0x323, MHPMEVENT31 = 0x33F,
            MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343, MIP = 0x344;
    static final int PMPCFG0 = 0x3A0, PMPCFG2 = 0x3A2, PMPADDR0 = 0x3B0, PMPADDR15 = 0x3BF;
    static final int MCYCLE = 0xB00, MINSTRET = 0xB02, MHPMCOUNTER3 = 0xB03, MHPMCOUNTER31 = 0xB1F;

    // mstatus fields
    static final long SIE_BIT = 1L << 1, MIE_BIT = 1L << 3, SPIE = 1L << 5, MPIE = 1L << 7, SPP = 1L << 8,
            MPP = 3L << 11, MPRV = 1L << 17, SUM = 1L << 18, MXR = 1L << 19, TVM = 1L << 20, TW = 1L << 21,
            TSR = 1L << 22;
    static final int MPP_SHIFT = 11;
    /** UXL = SXL = 2 (64-bit), read-only. */
    private static final long XLEN_FIELDS = 2L << 32 | 2L << 34;
    private static final long MSTATUS_WRITABLE = SIE_BIT | MIE_BIT | SPIE | MPIE | SPP | MPP | MPRV | SUM | MXR | TVM
            | TW | TSR;
    private static final long SSTATUS_VISIBLE = SIE_BIT | SPIE | SPP | SUM | MXR | 3L << 32;
    private static final long SSTATUS_WRITABLE = SIE_BIT | SPIE | SPP | SUM | MXR;
    /** Fields whose change alters address translation. */
    private static final long TRANSLATION_FIELDS = MPRV | MPP | SUM | MXR;

    static final long MISA_VALUE = 2L << 62 | 1 << ('A' - 'A') | 1 << ('C' - 'A') | 1 << ('I' - 'A') | 1 << ('M' - 'A')
            | 1 << ('S' - 'A') | 1 << ('U' - 'A');

    private static final long ALL_INTERRUPTS = Cause.SSIP | Cause.MSIP | Cause.STIP | Cause.MTIP | Cause.SEIP
            | Cause.MEIP;
    private static final long S_INTERRUPTS = Cause.SSIP | Cause.STIP | Cause.SEIP;
    /** Exceptions medeleg can delegate: all but ecall from M-mode and the reserved codes. */
    private static final long DELEGABLE_EXCEPTIONS = 0xB3FFL;

    static final long MENVCFG_STCE = 1L << 63;
    private static final long MENVCFG_WRITABLE = MENVCFG_STCE | 1;
    static final long SATP_MODE_SV39 = 8L;

    private final Hart hart;

    long mstatus;
    long medeleg, mideleg, mie;
    /** mip bits software may set: SSIP, STIP (while Sstc is off) and the writable SEIP. */
    long mipSoft;
    long mtvec, mepc, mcause, mtval, mscratch;
    long stvec, sepc, scause, stval, sscratch;
    long satp;
    long mcounteren, scounteren, menvcfg, senvcfg;
    /** Sstc compare value; reset to the maximum so no supervisor timer is pending until written. */
    long stimecmp = -1L;
    /** minstret = retired + instretOffset; mcycle likewise. */
    long instretOffset, cycleOffset;
    final long[] pmpcfg = new long[2];
    final long[] pmpaddr = new long[16];

    CsrFile(Hart hart) {
        this.hart = hart;
    }

    void reset() {
        mstatus = 0;
        medeleg = mideleg = mie = mipSoft = 0;
        mtvec = mepc = mcause = mtval = mscratch = 0;
        stvec = sepc = scause = stval = sscratch = 0;
        satp = mcounteren = scounteren = menvcfg = senvcfg = 0;
        stimecmp = -1L;
        instretOffset = cycleOffset = 0;
        java.util.Arrays.fill(pmpcfg, 0);
        java.util.Arrays.fill(pmpaddr, 0);
    }

    /** Raw mstatus value as software reads it. */
    long mstatusValue() {
        return mstatus | XLEN_FIELDS;
    }

    boolean sstcEnabled() {
        return (menvcfg & MENVCFG_STCE) != 0;
    }

    /** mip as software reads it: device lines, software bits and both timers. */
    long mip() {
        long now = hart.clock.mtime();
        long v = hart.lineBits() | mipSoft;
        if (Long.compareUnsigned(now, hart.mtimecmp) >= 0) {
            v |= Cause.MTIP;
        }
        if (sstcEnabled()) {
            v &= ~Cause.STIP;
            if (Long.compareUnsigned(now, stimecmp) >= 0) {
                v |= Cause.STIP;
            }
        }
        return v;
    }

    /**
     * Checks that the current privilege may access csr (and write it, if write); throws the
     * illegal-instruction trap with the instruction bits otherwise.
     */
    void checkAccess(int csr, boolean write, int instruction) {
        int priv = hart.priv;
        if (priv < ((csr >>> 8) & 3) || (write && (csr >>> 10) == 3) || !exists(csr)) {
            throw illegal(instruction);
        }
        if (csr >= CYCLE && csr <= HPMCOUNTER31) {
            long bit = 1L << (csr - CYCLE);
            if ((priv < 3 && (mcounteren & bit) == 0) || (priv == 0 && (scounteren & bit) == 0)) {
                throw illegal(instruction);
            }
        } else if (csr == SATP) {
            if (priv == 1 && (mstatus & TVM) != 0) {
                throw illegal(instruction);
            }
        } else if (csr == STIMECMP) {
            if (priv < 3 && (!sstcEnabled() || (mcounteren & 2) == 0)) {
                throw illegal(instruction);
            }
        }
    }

    static Trap illegal(int instruction) {
        return new Trap(Cause.ILLEGAL_INSTRUCTION, instruction & 0xFFFFFFFFL);
    }

    private static boolean exists(int csr) {
        return switch (csr) {
            case CYCLE, TIME, INSTRET, SSTATUS, SIE, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC, SCAUSE, STVAL, SIP,
                    STIMECMP, SATP, MVENDORID, MARCHID, MIMPID, MHARTID, MCONFIGPTR, MSTATUS, MISA, MEDELEG, MIDELEG,
                    MIE, MTVEC, MCOUNTEREN, MENVCFG, MCOUNTINHIBIT, MSCRATCH, MEPC, MCAUSE, MTVAL, MIP, PMPCFG0, PMPCFG2,
                    MCYCLE, MINSTRET -> true;
            default -> (csr >= HPMCOUNTER3 && csr <= HPMCOUNTER31) || (csr >= MHPMEVENT3 && csr <= MHPMEVENT31)
                    || (csr >= MHPMCOUNTER3 && csr <= MHPMCOUNTER31) || (csr >= PMPADDR0 && csr <= PMPADDR15);
        };
    }

    /** Reads a CSR with no side effects and no access check (also used by the inspector). */
    long read(int csr) {
        return switch (csr) {
            case CYCLE, MCYCLE -> hart.retired + cycleOffset;
            case INSTRET, MINSTRET -> hart.retired + instretOffset;
            case TIME -> hart.clock.mtime();
            case SSTATUS -> mstatusValue() & SSTATUS_VISIBLE;
            case SIE -> mie & mideleg;
            case STVEC -> stvec;
            case SCOUNTEREN -> scounteren;
            case SENVCFG -> senvcfg;
            case SSCRATCH -> sscratch;
            case SEPC -> sepc;
            case SCAUSE -> scause;
            case STVAL -> stval;
            case SIP -> mip() & mideleg;
            case STIMECMP -> stimecmp;
            case SATP -> satp;
            case MHARTID -> hart.id;
            case MSTATUS -> mstatusValue();
            case MISA -> MISA_VALUE;
            case MEDELEG -> medeleg;
            case MIDELEG -> mideleg;
            case MIE -> mie;
            case MTVEC -> mtvec;
            case MCOUNTEREN -> mcounteren;
            case MENVCFG -> menvcfg;
            case MSCRATCH -> mscratch;
            case MEPC -> mepc;
            case MCAUSE -> mcause;
            case MTVAL -> mtval;
            case MIP -> mip();
            case PMPCFG0 -> pmpcfg[0];
            case PMPCFG2 -> pmpcfg[1];
            default -> csr >= PMPADDR0 && csr <= PMPADDR15 ? pmpaddr[csr - PMPADDR0] : 0;
        };
    }

    /**
     * The value csrrs/csrrc combine with: like {@link #read}, except that mip and sip use the
     * software-writable SEIP bit rather than the line from the PLIC, so setting another bit never
     * latches an external interrupt into the software bit.
     */
    long readForUpdate(int csr) {
        if (csr == MIP || csr == SIP) {
            long v = (read(csr) & ~Cause.SEIP) | (mipSoft & Cause.SEIP);
            return csr == SIP ? v & mideleg : v;
        }
        return read(csr);
    }

    /**
     * Writes a CSR after {@link #checkAccess}. Returns true when the write may change which
     * interrupt is deliverable or how addresses translate, so the interpreter must come back to
     * the scheduler before the next instruction.
     */
    boolean write(int csr, long v) {
        switch (csr) {
            case SSTATUS -> {
                return setMstatus((mstatus & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE));
            }
            case SIE -> {
                mie = (mie & ~mideleg) | (v & mideleg & S_INTERRUPTS);
                return true;
            }
            case STVEC -> stvec = legalTvec(stvec, v);
            case SCOUNTEREN -> scounteren = v & 0xFFFF_FFFFL;
            case SENVCFG -> senvcfg = v & 1;
            case SSCRATCH -> sscratch = v;
            case SEPC -> sepc = v & ~1L;
            case SCAUSE -> scause = v;
            case STVAL -> stval = v;
            case SIP -> {
                long writable = Cause.SSIP & mideleg;
                mipSoft = (mipSoft & ~writable) | (v & writable);
                return true;
            }
            case STIMECMP -> {
                stimecmp = v;
                return true;
            }
            case SATP -> {
                long mode = v >>> 60;
                if (mode == 0 || mode == SATP_MODE_SV39) {
                    satp = v & (0xFL << 60 | 0xFFFFL << 44 | (1L << 44) - 1);
                    hart.mmu.flush();
                }
                return true;
            }
            case MSTATUS -> {
                return setMstatus((mstatus & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE));
            }
            case MEDELEG -> medeleg = v & DELEGABLE_EXCEPTIONS;
            case MIDELEG -> {
                mideleg = v & S_INTERRUPTS;
                return true;
            }
            case MIE -> {
                mie = v & ALL_INTERRUPTS;
                return true;
            }
            case MTVEC -> mtvec = legalTvec(mtvec, v);
            case MCOUNTEREN -> mcounteren = v & 0xFFFF_FFFFL;
            case MENVCFG -> {
                menvcfg = v & MENVCFG_WRITABLE;
                return true;
            }
            case MSCRATCH -> mscratch = v;
            case MEPC -> mepc = v & ~1L;
            case MCAUSE -> mcause = v;
            case MTVAL -> mtval = v;
            case MIP -> {
                long writable = Cause.SSIP | Cause.SEIP | (sstcEnabled() ? 0 : Cause.STIP);
                mipSoft = (mipSoft & ~writable) | (v & writable);
                return true;
            }
            case MCYCLE -> cycleOffset = v - hart.retired - 1;
            case MINSTRET -> instretOffset = v - hart.retired - 1;
            case PMPCFG0, PMPCFG2 -> writePmpcfg(csr == PMPCFG0 ? 0 : 1, v);
            default -> {
                if (csr >= PMPADDR0 && csr <= PMPADDR15) {
                    writePmpaddr(csr - PMPADDR0, v);
                }
                // hpm counters and events, mcountinhibit: hard-wired to zero
            }
        }
        return false;
    }

    private boolean setMstatus(long value) {
        if (((value >>> MPP_SHIFT) & 3) == 2) {
            value = (value & ~MPP) | (mstatus & MPP);
        }
        long changed = mstatus ^ value;
        mstatus = value;
        if ((changed & TRANSLATION_FIELDS) != 0) {
            hart.mmu.contextChanged((changed & (SUM | MXR)) != 0);
        }
        return true;
    }

    private static long legalTvec(long old, long v) {
        return (v & 3) < 2 ? v : old;
    }

    private boolean pmpLocked(int entry) {
        return (pmpEntryConfig(entry) & 0x80) != 0;
    }

    private int pmpEntryConfig(int entry) {
        return (int) (pmpcfg[entry / 8] >>> (8 * (entry % 8))) & 0xFF;
    }

    private void writePmpcfg(int reg, long v) {
        long result = pmpcfg[reg];
        for (int i = 0; i < 8; i++) {
            int entry = reg * 8 + i;
            if (!pmpLocked(entry)) {
                long cfg = (v >>> (8 * i)) & 0x9F; // L, A, X, W, R; bits 6:5 are reserved
                result = (result & ~(0xFFL << (8 * i))) | cfg << (8 * i);
            }
        }
        pmpcfg[reg] = result;
    }

    private void writePmpaddr(int entry, long v) {
        boolean nextIsLockedTor = entry + 1 < pmpaddr.length && pmpLocked(entry + 1)
                && ((pmpEntryConfig(entry + 1) >>> 3) & 3) == 1;
        if (!pmpLocked(entry) && !nextIsLockedTor) {
            pmpaddr[entry] = v & ((1L << 54) - 1);
        }
    }

    /** The CSRs a hart snapshot carries, in a fixed order. */
    static final int[] SNAPSHOT_CSRS = { MSTATUS, MISA, MEDELEG, MIDELEG, MIE, MIP, MTVEC, MSCRATCH, MEPC, MCAUSE,
            MTVAL, MCOUNTEREN, MENVCFG, SSTATUS, SIE, SIP, STVEC, SSCRATCH, SEPC, SCAUSE, STVAL, SCOUNTEREN, SATP,
            STIMECMP, MHARTID, CYCLE, INSTRET, TIME };

    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int csr : SNAPSHOT_CSRS) {
            m.put(name(csr), read(csr));
        }
        m.put("mtimecmp", hart.mtimecmp);
        return m;
    }

    static String name(int csr) {
        return switch (csr) {
            case CYCLE -> "cycle";
            case TIME -> "time";
            case INSTRET -> "instret";
            case SSTATUS -> "sstatus";
            case SIE -> "sie";
            case STVEC -> "stvec";
            case SCOUNTEREN -> "scounteren";
            case SENVCFG -> "senvcfg";
            case SSCRATCH -> "sscratch";
            case SEPC -> "sepc";
            case SCAUSE -> "scause";
            case STVAL -> "stval";
            case SIP -> "sip";
            case STIMECMP -> "stimecmp";
            case SATP -> "satp";
            case MHARTID -> "mhartid";
            case MSTATUS -> "mstatus";
            case MISA -> "misa";
            case MEDELEG -> "medeleg";
            case MIDELEG -> "mideleg";
            case MIE -> "mie";
            case MTVEC -> "mtvec";
            case MCOUNTEREN -> "mcounteren";
            case MENVCFG -> "menvcfg";
            case MSCRATCH -> "mscratch";
            case MEPC -> "mepc";
            case MCAUSE -> "mcause";
            case MTVAL -> "mtval";
            case MIP -> "mip";
            default -> String.format("csr 0x%03x", csr);
        };
    }
}
