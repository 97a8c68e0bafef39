package org.hartbench.emulator.internal.cpu;

/**
 * Operation numbers of decoded instructions: the {@link Decoder}'s packed form carries one, and
 * the factories of each extension turn it into an {@link Instruction}. The encodings behind each
 * number are in {@link InstructionTable}; compressed instructions decode to the same numbers.
 */
final class Op {
    private Op() {
    }

    /** Not an instruction of this hart; imm holds the raw bits for mtval. */
    static final int ILLEGAL = 3;

    // RV64I
    static final int LUI = 4, AUIPC = 5, JAL = 6, JALR = 7;
    static final int BEQ = 8, BNE = 9, BLT = 10, BGE = 11, BLTU = 12, BGEU = 13;
    static final int LB = 14, LH = 15, LW = 16, LD = 17, LBU = 18, LHU = 19, LWU = 20;
    static final int SB = 21, SH = 22, SW = 23, SD = 24;
    static final int ADDI = 25, SLTI = 26, SLTIU = 27, XORI = 28, ORI = 29, ANDI = 30, SLLI = 31, SRLI = 32,
            SRAI = 33;
    static final int ADD = 34, SUB = 35, SLL = 36, SLT = 37, SLTU = 38, XOR = 39, SRL = 40, SRA = 41, OR = 42,
            AND = 43;
    static final int ADDIW = 44, SLLIW = 45, SRLIW = 46, SRAIW = 47;
    static final int ADDW = 48, SUBW = 49, SLLW = 50, SRLW = 51, SRAW = 52;
    static final int FENCE = 53, ECALL = 54, EBREAK = 55;
    // Zifencei
    static final int FENCE_I = 56;
    // M
    static final int MUL = 57, MULH = 58, MULHSU = 59, MULHU = 60, DIV = 61, DIVU = 62, REM = 63, REMU = 64;
    static final int MULW = 65, DIVW = 66, DIVUW = 67, REMW = 68, REMUW = 69;
    // A, word then doubleword
    static final int LR_W = 70, SC_W = 71, AMOSWAP_W = 72, AMOADD_W = 73, AMOXOR_W = 74, AMOAND_W = 75,
            AMOOR_W = 76, AMOMIN_W = 77, AMOMAX_W = 78, AMOMINU_W = 79, AMOMAXU_W = 80;
    static final int LR_D = 81, SC_D = 82, AMOSWAP_D = 83, AMOADD_D = 84, AMOXOR_D = 85, AMOAND_D = 86,
            AMOOR_D = 87, AMOMIN_D = 88, AMOMAX_D = 89, AMOMINU_D = 90, AMOMAXU_D = 91;
    // Zicsr
    static final int CSRRW = 92, CSRRS = 93, CSRRC = 94, CSRRWI = 95, CSRRSI = 96, CSRRCI = 97;
    // Privileged
    static final int MRET = 98, SRET = 99, WFI = 100, SFENCE_VMA = 101;

    static final int COUNT = 102;

    /** AMO and LR/SC ops on 64-bit data. */
    static boolean isDoubleAmo(int op) {
        return op >= LR_D && op <= AMOMAXU_D;
    }
}
