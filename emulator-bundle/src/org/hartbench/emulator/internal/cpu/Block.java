package org.hartbench.emulator.internal.cpu;

/**
 * A straight-line run of decoded instructions from one page: it starts at some slot and ends
 * after the first jump or branch, system instruction, illegal or page-crossing instruction, at
 * the end of the page, or after {@link #MAX_INSTRUCTIONS}. Only the last instruction can change
 * the flow, so all others advance pc by their length and the interpreter dispatches once per
 * block instead of once per instruction.
 *
 * <p>Within a block, RV64I instructions are switched on and run through the static methods of
 * {@link Rv64i} and {@link Rv64iMemory}, which the JIT inlines into this small loop as far as
 * its inlining budget goes (arithmetic and branches always; loads and stores are larger and are
 * direct calls when they do not fit). Everything else (M, A, system) is one virtual call to its
 * own instruction class.
 *
 * <p>Immutable once built; shared by all harts through {@link DecodedPage}.
 */
final class Block {
    static final int MAX_INSTRUCTIONS = 32;

    final Instruction[] instructions;
    /** instructions.length, kept here to save the interpreter a dependent load. */
    final int size;
    /** Halfword slots the block covers, from its first slot. */
    final int slotSpan;

    Block(Instruction[] instructions, int slotSpan) {
        this.instructions = instructions;
        this.size = instructions.length;
        this.slotSpan = slotSpan;
    }

    /**
     * Executes the first count instructions (count is at most {@link #size}) starting at pc,
     * the block's address. Returns the pc after the last one (bit 0 set if it is a system
     * instruction waiting for {@link Instruction#executeSystem}). A trap is rethrown with the
     * faulting pc and the number of instructions that completed before it.
     */
    long run(Hart h, long pc, int count) {
        Instruction[] code = instructions;
        int i = 0;
        try {
            for (; i < count; i++) {
                Instruction in = code[i];
                switch (in.op) {
                    case Op.LUI -> pc = Rv64i.lui(h, in, pc);
                    case Op.AUIPC -> pc = Rv64i.auipc(h, in, pc);
                    case Op.ADDI -> pc = Rv64i.addi(h, in, pc);
                    case Op.SLTI -> pc = Rv64i.slti(h, in, pc);
                    case Op.SLTIU -> pc = Rv64i.sltiu(h, in, pc);
                    case Op.XORI -> pc = Rv64i.xori(h, in, pc);
                    case Op.ORI -> pc = Rv64i.ori(h, in, pc);
                    case Op.ANDI -> pc = Rv64i.andi(h, in, pc);
                    case Op.SLLI -> pc = Rv64i.slli(h, in, pc);
                    case Op.SRLI -> pc = Rv64i.srli(h, in, pc);
                    case Op.SRAI -> pc = Rv64i.srai(h, in, pc);
                    case Op.ADD -> pc = Rv64i.add(h, in, pc);
                    case Op.SUB -> pc = Rv64i.sub(h, in, pc);
                    case Op.SLL -> pc = Rv64i.sll(h, in, pc);
                    case Op.SLT -> pc = Rv64i.slt(h, in, pc);
                    case Op.SLTU -> pc = Rv64i.sltu(h, in, pc);
                    case Op.XOR -> pc = Rv64i.xor(h, in, pc);
                    case Op.SRL -> pc = Rv64i.srl(h, in, pc);
                    case Op.SRA -> pc = Rv64i.sra(h, in, pc);
                    case Op.OR -> pc = Rv64i.or(h, in, pc);
                    case Op.AND -> pc = Rv64i.and(h, in, pc);
                    case Op.ADDIW -> pc = Rv64i.addiw(h, in, pc);
                    case Op.SLLIW -> pc = Rv64i.slliw(h, in, pc);
                    case Op.SRLIW -> pc = Rv64i.srliw(h, in, pc);
                    case Op.SRAIW -> pc = Rv64i.sraiw(h, in, pc);
                    case Op.ADDW -> pc = Rv64i.addw(h, in, pc);
                    case Op.SUBW -> pc = Rv64i.subw(h, in, pc);
                    case Op.SLLW -> pc = Rv64i.sllw(h, in, pc);
                    case Op.SRLW -> pc = Rv64i.srlw(h, in, pc);
                    case Op.SRAW -> pc = Rv64i.sraw(h, in, pc);
                    case Op.JAL -> pc = Rv64i.jal(h, in, pc);
                    case Op.JALR -> pc = Rv64i.jalr(h, in, pc);
                    case Op.BEQ -> pc = Rv64i.beq(h, in, pc);
                    case Op.BNE -> pc = Rv64i.bne(h, in, pc);
                    case Op.BLT -> pc = Rv64i.blt(h, in, pc);
                    case Op.BGE -> pc = Rv64i.bge(h, in, pc);
                    case Op.BLTU -> pc = Rv64i.bltu(h, in, pc);
                    case Op.BGEU -> pc = Rv64i.bgeu(h, in, pc);
                    case Op.LB -> pc = Rv64iMemory.lb(h, in, pc);
                    case Op.LH -> pc = Rv64iMemory.lh(h, in, pc);
                    case Op.LW -> pc = Rv64iMemory.lw(h, in, pc);
                    case Op.LD -> pc = Rv64iMemory.ld(h, in, pc);
                    case Op.LBU -> pc = Rv64iMemory.lbu(h, in, pc);
                    case Op.LHU -> pc = Rv64iMemory.lhu(h, in, pc);
                    case Op.LWU -> pc = Rv64iMemory.lwu(h, in, pc);
                    case Op.SB -> pc = Rv64iMemory.sb(h, in, pc);
                    case Op.SH -> pc = Rv64iMemory.sh(h, in, pc);
                    case Op.SW -> pc = Rv64iMemory.sw(h, in, pc);
                    case Op.SD -> pc = Rv64iMemory.sd(h, in, pc);
                    default -> pc = in.execute(h, pc);
                }
            }
        } catch (Trap t) {
            t.inBlock = true;
            t.pc = pc;
            t.completed = i;
            throw t;
        }
        return pc;
    }
}
