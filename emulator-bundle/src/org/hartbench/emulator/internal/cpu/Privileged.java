package org.hartbench.emulator.internal.cpu;

/**
 * ecall, ebreak, mret, sret, wfi, sfence.vma, fence.i (Zifencei) and the illegal instruction,
 * with the privilege rules QEMU 7.2 applies: mret needs M-mode; sret needs S-mode or above and
 * traps in S-mode under mstatus.TSR; wfi is illegal in U-mode and in S-mode under mstatus.TW;
 * sfence.vma is illegal in U-mode and in S-mode under mstatus.TVM. Illegal instructions report
 * their bits in tval (16 of them for a compressed one); ebreak and ecall report tval 0, like
 * QEMU 7.2.
 */
final class Privileged {
    private Privileged() {
    }

    /** Bits that decode to no instruction of this hart. */
    static Instruction illegal(long d) {
        return new Instruction(d) {
            @Override
            long execute(Hart h, long pc) {
                throw CsrFile.illegal(raw());
            }
        };
    }

    static Instruction create(long d) {
        return new SystemInstruction(d) {
            @Override
            long executeSystem(Hart h) {
                return Privileged.execute(h, op, raw(), len);
            }
        };
    }

    private static long execute(Hart h, int op, int raw, int len) {
        long status = h.csr.mstatus;
        switch (op) {
            case Op.ECALL:
                throw new Trap(h.priv == 3 ? Cause.ECALL_FROM_M : h.priv == 1 ? Cause.ECALL_FROM_S : Cause.ECALL_FROM_U, 0);
            case Op.EBREAK:
                throw new Trap(Cause.BREAKPOINT, 0);
            case Op.FENCE_I:
                h.code.invalidateAll();
                return h.pc + len;
            case Op.MRET:
                if (h.priv != 3) {
                    throw CsrFile.illegal(raw);
                }
                TrapUnit.mret(h);
                h.exitRun = true;
                return h.pc;
            case Op.SRET:
                if (h.priv == 0 || (h.priv == 1 && (status & CsrFile.TSR) != 0)) {
                    throw CsrFile.illegal(raw);
                }
                TrapUnit.sret(h);
                h.exitRun = true;
                return h.pc;
            case Op.WFI:
                if (h.priv == 0 || (h.priv == 1 && (status & CsrFile.TW) != 0)) {
                    throw CsrFile.illegal(raw);
                }
                h.enterWait();
                return h.pc + 4;
            case Op.SFENCE_VMA:
                if (h.priv == 0 || (h.priv == 1 && (status & CsrFile.TVM) != 0)) {
                    throw CsrFile.illegal(raw);
                }
                h.mmu.flush();
                return h.pc + 4;
            default:
                throw new IllegalArgumentException("not a privileged op: " + InstructionTable.name(op));
        }
    }
}
