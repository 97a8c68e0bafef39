package org.hartbench.emulator.internal.cpu;

/**
 * RV64I arithmetic, jumps and branches, one static method per operation on the fields of the
 * decoded {@link Instruction}. The {@link Block} loop calls these directly after switching on
 * the op, so the JIT inlines them; {@link Generic} runs them when the instruction is reached
 * another way. rd is never 0 here: the decoder maps x0 to the sink register 32. W forms compute
 * on the low 32 bits and sign-extend the result (a Java int widened to long); shifts use the
 * low 6 (or 5) bits of the amount, as Java's do. Loads, stores and fence are in
 * {@link Rv64iMemory}.
 */
final class Rv64i {
    private Rv64i() {
    }

    static Instruction create(long d) {
        int op = Decoder.op(d);
        boolean memory = (op >= Op.LB && op <= Op.SD) || op == Op.FENCE;
        return memory ? new Rv64iMemory.Access(d) : new Generic(d);
    }

    /**
     * Any RV64I instruction that is not a load, store or fence, for when it is run through a
     * virtual call (a page-crossing instruction); blocks call the static methods directly.
     */
    static final class Generic extends Instruction {
        Generic(long d) {
            super(d);
        }

        @Override
        long execute(Hart h, long pc) {
            return Rv64i.execute(h, this, pc);
        }
    }

    /** Executes in by its op. */
    static long execute(Hart h, Instruction in, long pc) {
        return switch (in.op) {
            case Op.LUI -> lui(h, in, pc);
            case Op.AUIPC -> auipc(h, in, pc);
            case Op.ADDI -> addi(h, in, pc);
            case Op.SLTI -> slti(h, in, pc);
            case Op.SLTIU -> sltiu(h, in, pc);
            case Op.XORI -> xori(h, in, pc);
            case Op.ORI -> ori(h, in, pc);
            case Op.ANDI -> andi(h, in, pc);
            case Op.SLLI -> slli(h, in, pc);
            case Op.SRLI -> srli(h, in, pc);
            case Op.SRAI -> srai(h, in, pc);
            case Op.ADD -> add(h, in, pc);
            case Op.SUB -> sub(h, in, pc);
            case Op.SLL -> sll(h, in, pc);
            case Op.SLT -> slt(h, in, pc);
            case Op.SLTU -> sltu(h, in, pc);
            case Op.XOR -> xor(h, in, pc);
            case Op.SRL -> srl(h, in, pc);
            case Op.SRA -> sra(h, in, pc);
            case Op.OR -> or(h, in, pc);
            case Op.AND -> and(h, in, pc);
            case Op.ADDIW -> addiw(h, in, pc);
            case Op.SLLIW -> slliw(h, in, pc);
            case Op.SRLIW -> srliw(h, in, pc);
            case Op.SRAIW -> sraiw(h, in, pc);
            case Op.ADDW -> addw(h, in, pc);
            case Op.SUBW -> subw(h, in, pc);
            case Op.SLLW -> sllw(h, in, pc);
            case Op.SRLW -> srlw(h, in, pc);
            case Op.SRAW -> sraw(h, in, pc);
            case Op.JAL -> jal(h, in, pc);
            case Op.JALR -> jalr(h, in, pc);
            case Op.BEQ -> beq(h, in, pc);
            case Op.BNE -> bne(h, in, pc);
            case Op.BLT -> blt(h, in, pc);
            case Op.BGE -> bge(h, in, pc);
            case Op.BLTU -> bltu(h, in, pc);
            case Op.BGEU -> bgeu(h, in, pc);
            default -> throw new IllegalArgumentException("not an RV64I op: " + in);
        };
    }

    static long lui(Hart h, Instruction in, long pc) {
        h.x[in.rd] = in.imm;
        return pc + in.len;
    }

    static long auipc(Hart h, Instruction in, long pc) {
        h.x[in.rd] = pc + in.imm;
        return pc + in.len;
    }

    static long addi(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] + in.imm;
        return pc + in.len;
    }

    static long slti(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] < in.imm ? 1 : 0;
        return pc + in.len;
    }

    static long sltiu(Hart h, Instruction in, long pc) {
        h.x[in.rd] = Long.compareUnsigned(h.x[in.rs1], in.imm) < 0 ? 1 : 0;
        return pc + in.len;
    }

    static long xori(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] ^ in.imm;
        return pc + in.len;
    }

    static long ori(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] | in.imm;
        return pc + in.len;
    }

    static long andi(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] & in.imm;
        return pc + in.len;
    }

    static long slli(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] << in.imm;
        return pc + in.len;
    }

    static long srli(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] >>> in.imm;
        return pc + in.len;
    }

    static long srai(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] >> in.imm;
        return pc + in.len;
    }

    static long add(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] + h.x[in.rs2];
        return pc + in.len;
    }

    static long sub(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] - h.x[in.rs2];
        return pc + in.len;
    }

    static long sll(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] << h.x[in.rs2];
        return pc + in.len;
    }

    static long slt(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] < h.x[in.rs2] ? 1 : 0;
        return pc + in.len;
    }

    static long sltu(Hart h, Instruction in, long pc) {
        h.x[in.rd] = Long.compareUnsigned(h.x[in.rs1], h.x[in.rs2]) < 0 ? 1 : 0;
        return pc + in.len;
    }

    static long xor(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] ^ h.x[in.rs2];
        return pc + in.len;
    }

    static long srl(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] >>> h.x[in.rs2];
        return pc + in.len;
    }

    static long sra(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] >> h.x[in.rs2];
        return pc + in.len;
    }

    static long or(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] | h.x[in.rs2];
        return pc + in.len;
    }

    static long and(Hart h, Instruction in, long pc) {
        h.x[in.rd] = h.x[in.rs1] & h.x[in.rs2];
        return pc + in.len;
    }

    static long addiw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) (h.x[in.rs1] + in.imm);
        return pc + in.len;
    }

    static long slliw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) h.x[in.rs1] << in.imm;
        return pc + in.len;
    }

    static long srliw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) h.x[in.rs1] >>> in.imm;
        return pc + in.len;
    }

    static long sraiw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) h.x[in.rs1] >> in.imm;
        return pc + in.len;
    }

    static long addw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) (h.x[in.rs1] + h.x[in.rs2]);
        return pc + in.len;
    }

    static long subw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) (h.x[in.rs1] - h.x[in.rs2]);
        return pc + in.len;
    }

    static long sllw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) h.x[in.rs1] << (int) h.x[in.rs2];
        return pc + in.len;
    }

    static long srlw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) h.x[in.rs1] >>> (int) h.x[in.rs2];
        return pc + in.len;
    }

    static long sraw(Hart h, Instruction in, long pc) {
        h.x[in.rd] = (int) h.x[in.rs1] >> (int) h.x[in.rs2];
        return pc + in.len;
    }

    static long jal(Hart h, Instruction in, long pc) {
        h.x[in.rd] = pc + in.len;
        return pc + in.imm;
    }

    static long jalr(Hart h, Instruction in, long pc) {
        long target = (h.x[in.rs1] + in.imm) & ~1L;
        h.x[in.rd] = pc + in.len;
        return target;
    }

    static long beq(Hart h, Instruction in, long pc) {
        return h.x[in.rs1] == h.x[in.rs2] ? pc + in.imm : pc + in.len;
    }

    static long bne(Hart h, Instruction in, long pc) {
        return h.x[in.rs1] != h.x[in.rs2] ? pc + in.imm : pc + in.len;
    }

    static long blt(Hart h, Instruction in, long pc) {
        return h.x[in.rs1] < h.x[in.rs2] ? pc + in.imm : pc + in.len;
    }

    static long bge(Hart h, Instruction in, long pc) {
        return h.x[in.rs1] >= h.x[in.rs2] ? pc + in.imm : pc + in.len;
    }

    static long bltu(Hart h, Instruction in, long pc) {
        return Long.compareUnsigned(h.x[in.rs1], h.x[in.rs2]) < 0 ? pc + in.imm : pc + in.len;
    }

    static long bgeu(Hart h, Instruction in, long pc) {
        return Long.compareUnsigned(h.x[in.rs1], h.x[in.rs2]) >= 0 ? pc + in.imm : pc + in.len;
    }
}
