package org.hartbench.emulator.internal.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The 32-bit encodings this hart implements, one line per instruction, grouped by extension.
 * Each pattern is written as the instruction's fields from bit 31 down to bit 0 ("1" and "0"
 * must match, "." is an operand bit); spaces only separate fields for the reader. The format
 * letter says which operand fields the decoder extracts. Anything that matches no line is an
 * illegal instruction. Compressed instructions are expanded to these encodings first
 * ({@link CompressedExpander}).
 */
final class InstructionTable {
    private InstructionTable() {
    }

    /** Operand layouts. */
    enum Format {
        /** rd, rs1, rs2. */
        R,
        /** rd, rs1, 12-bit signed immediate. */
        I,
        /** rd, rs1, 6-bit shift amount. */
        SHIFT,
        /** rd, rs1, 5-bit shift amount. */
        SHIFTW,
        /** rs1, rs2, store offset. */
        S,
        /** rs1, rs2, branch offset. */
        B,
        /** rd, upper immediate. */
        U,
        /** rd, jump offset. */
        J,
        /** rd, rs1 (or zimm), and the raw bits (CSR number above bit 20; mtval on a fault). */
        SYSTEM,
        /** rd, rs1, rs2 of an AMO; aq/rl are ignored (every AMO is sequentially consistent here). */
        AMO,
        /** No operands used. */
        NONE
    }

    record Entry(String name, int op, Format format, int mask, int match) {
    }

    static final List<Entry> ENTRIES = new ArrayList<>();

    private static void add(String name, int op, Format format, String pattern) {
        String bits = pattern.replace(" ", "");
        if (bits.length() != 32) {
            throw new IllegalStateException("pattern of " + name + " has " + bits.length() + " bits");
        }
        int mask = 0;
        int match = 0;
        for (int i = 0; i < 32; i++) {
            char c = bits.charAt(i);
            int bit = 1 << (31 - i);
            if (c == '1' || c == '0') {
                mask |= bit;
                if (c == '1') {
                    match |= bit;
                }
            }
        }
        ENTRIES.add(new Entry(name, op, format, mask, match));
    }

    static {
        // RV64I          funct7   rs2   rs1   f3  rd    opcode
        add("lui", Op.LUI, Format.U,          "....... ..... ..... ... ..... 0110111");
        add("auipc", Op.AUIPC, Format.U,      "....... ..... ..... ... ..... 0010111");
        add("jal", Op.JAL, Format.J,          "....... ..... ..... ... ..... 1101111");
        add("jalr", Op.JALR, Format.I,        "....... ..... ..... 000 ..... 1100111");
        add("beq", Op.BEQ, Format.B,          "....... ..... ..... 000 ..... 1100011");
        add("bne", Op.BNE, Format.B,          "....... ..... ..... 001 ..... 1100011");
        add("blt", Op.BLT, Format.B,          "....... ..... ..... 100 ..... 1100011");
        add("bge", Op.BGE, Format.B,          "....... ..... ..... 101 ..... 1100011");
        add("bltu", Op.BLTU, Format.B,        "....... ..... ..... 110 ..... 1100011");
        add("bgeu", Op.BGEU, Format.B,        "....... ..... ..... 111 ..... 1100011");
        add("lb", Op.LB, Format.I,            "....... ..... ..... 000 ..... 0000011");
        add("lh", Op.LH, Format.I,            "....... ..... ..... 001 ..... 0000011");
        add("lw", Op.LW, Format.I,            "....... ..... ..... 010 ..... 0000011");
        add("ld", Op.LD, Format.I,            "....... ..... ..... 011 ..... 0000011");
        add("lbu", Op.LBU, Format.I,          "....... ..... ..... 100 ..... 0000011");
        add("lhu", Op.LHU, Format.I,          "....... ..... ..... 101 ..... 0000011");
        add("lwu", Op.LWU, Format.I,          "....... ..... ..... 110 ..... 0000011");
        add("sb", Op.SB, Format.S,            "....... ..... ..... 000 ..... 0100011");
        add("sh", Op.SH, Format.S,            "....... ..... ..... 001 ..... 0100011");
        add("sw", Op.SW, Format.S,            "....... ..... ..... 010 ..... 0100011");
        add("sd", Op.SD, Format.S,            "....... ..... ..... 011 ..... 0100011");
        add("addi", Op.ADDI, Format.I,        "....... ..... ..... 000 ..... 0010011");
        add("slti", Op.SLTI, Format.I,        "....... ..... ..... 010 ..... 0010011");
        add("sltiu", Op.SLTIU, Format.I,      "....... ..... ..... 011 ..... 0010011");
        add("xori", Op.XORI, Format.I,        "....... ..... ..... 100 ..... 0010011");
        add("ori", Op.ORI, Format.I,          "....... ..... ..... 110 ..... 0010011");
        add("andi", Op.ANDI, Format.I,        "....... ..... ..... 111 ..... 0010011");
        add("slli", Op.SLLI, Format.SHIFT,    "000000. ..... ..... 001 ..... 0010011");
        add("srli", Op.SRLI, Format.SHIFT,    "000000. ..... ..... 101 ..... 0010011");
        add("srai", Op.SRAI, Format.SHIFT,    "010000. ..... ..... 101 ..... 0010011");
        add("add", Op.ADD, Format.R,          "0000000 ..... ..... 000 ..... 0110011");
        add("sub", Op.SUB, Format.R,          "0100000 ..... ..... 000 ..... 0110011");
        add("sll", Op.SLL, Format.R,          "0000000 ..... ..... 001 ..... 0110011");
        add("slt", Op.SLT, Format.R,          "0000000 ..... ..... 010 ..... 0110011");
        add("sltu", Op.SLTU, Format.R,        "0000000 ..... ..... 011 ..... 0110011");
        add("xor", Op.XOR, Format.R,          "0000000 ..... ..... 100 ..... 0110011");
        add("srl", Op.SRL, Format.R,          "0000000 ..... ..... 101 ..... 0110011");
        add("sra", Op.SRA, Format.R,          "0100000 ..... ..... 101 ..... 0110011");
        add("or", Op.OR, Format.R,            "0000000 ..... ..... 110 ..... 0110011");
        add("and", Op.AND, Format.R,          "0000000 ..... ..... 111 ..... 0110011");
        add("addiw", Op.ADDIW, Format.I,      "....... ..... ..... 000 ..... 0011011");
        add("slliw", Op.SLLIW, Format.SHIFTW, "0000000 ..... ..... 001 ..... 0011011");
        add("srliw", Op.SRLIW, Format.SHIFTW, "0000000 ..... ..... 101 ..... 0011011");
        add("sraiw", Op.SRAIW, Format.SHIFTW, "0100000 ..... ..... 101 ..... 0011011");
        add("addw", Op.ADDW, Format.R,        "0000000 ..... ..... 000 ..... 0111011");
        add("subw", Op.SUBW, Format.R,        "0100000 ..... ..... 000 ..... 0111011");
        add("sllw", Op.SLLW, Format.R,        "0000000 ..... ..... 001 ..... 0111011");
        add("srlw", Op.SRLW, Format.R,        "0000000 ..... ..... 101 ..... 0111011");
        add("sraw", Op.SRAW, Format.R,        "0100000 ..... ..... 101 ..... 0111011");
        // fence: fm/pred/succ and the rd/rs1 fields are ignored, as the spec asks of implementations
        add("fence", Op.FENCE, Format.NONE,   "....... ..... ..... 000 ..... 0001111");
        add("ecall", Op.ECALL, Format.SYSTEM, "0000000 00000 00000 000 00000 1110011");
        add("ebreak", Op.EBREAK, Format.SYSTEM, "0000000 00001 00000 000 00000 1110011");

        // Zifencei (imm, rs1 and rd are reserved and ignored)
        add("fence.i", Op.FENCE_I, Format.SYSTEM, "....... ..... ..... 001 ..... 0001111");

        // M
        add("mul", Op.MUL, Format.R,          "0000001 ..... ..... 000 ..... 0110011");
        add("mulh", Op.MULH, Format.R,        "0000001 ..... ..... 001 ..... 0110011");
        add("mulhsu", Op.MULHSU, Format.R,    "0000001 ..... ..... 010 ..... 0110011");
        add("mulhu", Op.MULHU, Format.R,      "0000001 ..... ..... 011 ..... 0110011");
        add("div", Op.DIV, Format.R,          "0000001 ..... ..... 100 ..... 0110011");
        add("divu", Op.DIVU, Format.R,        "0000001 ..... ..... 101 ..... 0110011");
        add("rem", Op.REM, Format.R,          "0000001 ..... ..... 110 ..... 0110011");
        add("remu", Op.REMU, Format.R,        "0000001 ..... ..... 111 ..... 0110011");
        add("mulw", Op.MULW, Format.R,        "0000001 ..... ..... 000 ..... 0111011");
        add("divw", Op.DIVW, Format.R,        "0000001 ..... ..... 100 ..... 0111011");
        add("divuw", Op.DIVUW, Format.R,      "0000001 ..... ..... 101 ..... 0111011");
        add("remw", Op.REMW, Format.R,        "0000001 ..... ..... 110 ..... 0111011");
        add("remuw", Op.REMUW, Format.R,      "0000001 ..... ..... 111 ..... 0111011");

        // A           funct5 aq rl  rs2   rs1  f3  rd    opcode
        add("lr.w", Op.LR_W, Format.AMO,           "00010 .. 00000 ..... 010 ..... 0101111");
        add("sc.w", Op.SC_W, Format.AMO,           "00011 .. ..... ..... 010 ..... 0101111");
        add("amoswap.w", Op.AMOSWAP_W, Format.AMO, "00001 .. ..... ..... 010 ..... 0101111");
        add("amoadd.w", Op.AMOADD_W, Format.AMO,   "00000 .. ..... ..... 010 ..... 0101111");
        add("amoxor.w", Op.AMOXOR_W, Format.AMO,   "00100 .. ..... ..... 010 ..... 0101111");
        add("amoand.w", Op.AMOAND_W, Format.AMO,   "01100 .. ..... ..... 010 ..... 0101111");
        add("amoor.w", Op.AMOOR_W, Format.AMO,     "01000 .. ..... ..... 010 ..... 0101111");
        add("amomin.w", Op.AMOMIN_W, Format.AMO,   "10000 .. ..... ..... 010 ..... 0101111");
        add("amomax.w", Op.AMOMAX_W, Format.AMO,   "10100 .. ..... ..... 010 ..... 0101111");
        add("amominu.w", Op.AMOMINU_W, Format.AMO, "11000 .. ..... ..... 010 ..... 0101111");
        add("amomaxu.w", Op.AMOMAXU_W, Format.AMO, "11100 .. ..... ..... 010 ..... 0101111");
        add("lr.d", Op.LR_D, Format.AMO,           "00010 .. 00000 ..... 011 ..... 0101111");
        add("sc.d", Op.SC_D, Format.AMO,           "00011 .. ..... ..... 011 ..... 0101111");
        add("amoswap.d", Op.AMOSWAP_D, Format.AMO, "00001 .. ..... ..... 011 ..... 0101111");
        add("amoadd.d", Op.AMOADD_D, Format.AMO,   "00000 .. ..... ..... 011 ..... 0101111");
        add("amoxor.d", Op.AMOXOR_D, Format.AMO,   "00100 .. ..... ..... 011 ..... 0101111");
        add("amoand.d", Op.AMOAND_D, Format.AMO,   "01100 .. ..... ..... 011 ..... 0101111");
        add("amoor.d", Op.AMOOR_D, Format.AMO,     "01000 .. ..... ..... 011 ..... 0101111");
        add("amomin.d", Op.AMOMIN_D, Format.AMO,   "10000 .. ..... ..... 011 ..... 0101111");
        add("amomax.d", Op.AMOMAX_D, Format.AMO,   "10100 .. ..... ..... 011 ..... 0101111");
        add("amominu.d", Op.AMOMINU_D, Format.AMO, "11000 .. ..... ..... 011 ..... 0101111");
        add("amomaxu.d", Op.AMOMAXU_D, Format.AMO, "11100 .. ..... ..... 011 ..... 0101111");

        // Zicsr           csr          rs1  f3  rd    opcode
        add("csrrw", Op.CSRRW, Format.SYSTEM,   "............ ..... 001 ..... 1110011");
        add("csrrs", Op.CSRRS, Format.SYSTEM,   "............ ..... 010 ..... 1110011");
        add("csrrc", Op.CSRRC, Format.SYSTEM,   "............ ..... 011 ..... 1110011");
        add("csrrwi", Op.CSRRWI, Format.SYSTEM, "............ ..... 101 ..... 1110011");
        add("csrrsi", Op.CSRRSI, Format.SYSTEM, "............ ..... 110 ..... 1110011");
        add("csrrci", Op.CSRRCI, Format.SYSTEM, "............ ..... 111 ..... 1110011");

        // Privileged
        add("mret", Op.MRET, Format.SYSTEM,     "0011000 00010 00000 000 00000 1110011");
        add("sret", Op.SRET, Format.SYSTEM,     "0001000 00010 00000 000 00000 1110011");
        add("wfi", Op.WFI, Format.SYSTEM,       "0001000 00101 00000 000 00000 1110011");
        add("sfence.vma", Op.SFENCE_VMA, Format.SYSTEM, "0001001 ..... ..... 000 00000 1110011");
    }

    /** The entry that matches raw, or null for an illegal instruction. */
    static Entry lookup(int raw) {
        for (Entry e : ENTRIES) {
            if ((raw & e.mask) == e.match) {
                return e;
            }
        }
        return null;
    }

    /** The mnemonic of an op, for messages and tests. */
    static String name(int op) {
        for (Entry e : ENTRIES) {
            if (e.op == op) {
                return e.name;
            }
        }
        return "(illegal)";
    }
}
