package org.hartbench.emulator.internal.cpu;

import java.lang.invoke.VarHandle;

/**
 * RV64I loads, stores and fence, one static method per operation on the fields of the decoded
 * {@link Instruction}: the {@link Block} loop calls them directly; {@link Access} runs them
 * through a virtual call. Loads and stores go through the MMU's TLB fast path; a fault throws
 * before rd or memory changes. fence orders this hart's accesses for the other hart threads
 * (parallel mode); its pred/succ bits are not distinguished.
 */
final class Rv64iMemory {
    private Rv64iMemory() {
    }

    /** A load, store or fence run through a virtual call (a page-crossing instruction). */
    static final class Access extends Instruction {
        Access(long d) {
            super(d);
        }

        @Override
        long execute(Hart h, long pc) {
            return switch (op) {
                case Op.LB -> lb(h, this, pc);
                case Op.LH -> lh(h, this, pc);
                case Op.LW -> lw(h, this, pc);
                case Op.LD -> ld(h, this, pc);
                case Op.LBU -> lbu(h, this, pc);
                case Op.LHU -> lhu(h, this, pc);
                case Op.LWU -> lwu(h, this, pc);
                case Op.SB -> sb(h, this, pc);
                case Op.SH -> sh(h, this, pc);
                case Op.SW -> sw(h, this, pc);
                case Op.SD -> sd(h, this, pc);
                default -> fence(h, this, pc);
            };
        }
    }

    static long lb(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load8(h.x[in.rs1] + in.imm);
        return pc + in.len;
    }

    static long lh(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load16(h.x[in.rs1] + in.imm);
        return pc + in.len;
    }

    static long lw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load32(h.x[in.rs1] + in.imm);
        return pc + in.len;
    }

    static long ld(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load64(h.x[in.rs1] + in.imm);
        return pc + in.len;
    }

    static long lbu(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load8(h.x[in.rs1] + in.imm) & 0xFFL;
        return pc + in.len;
    }

    static long lhu(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load16(h.x[in.rs1] + in.imm) & 0xFFFFL;
        return pc + in.len;
    }

    static long lwu(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.mmu.load32(h.x[in.rs1] + in.imm) & 0xFFFF_FFFFL;
        return pc + in.len;
    }

    static long sb(Hart h, Instruction in, long pc) {
        h.mmu.store8(h.x[in.rs1] + in.imm, (byte) h.x[in.rs2]);
        return pc + in.len;
    }

    static long sh(Hart h, Instruction in, long pc) {
        h.mmu.store16(h.x[in.rs1] + in.imm, (short) h.x[in.rs2]);
        return pc + in.len;
    }

    static long sw(Hart h, Instruction in, long pc) {
        h.mmu.store32(h.x[in.rs1] + in.imm, (int) h.x[in.rs2]);
        return pc + in.len;
    }

    static long sd(Hart h, Instruction in, long pc) {
        h.mmu.store64(h.x[in.rs1] + in.imm, h.x[in.rs2]);
        return pc + in.len;
    }

    static long fence(Hart h, Instruction in, long pc) {
        VarHandle.fullFence();
        return pc + in.len;
    }
}
