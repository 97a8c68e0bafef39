package org.hartbench.emulator.internal.cpu;

/**
 * The C extension for RV64: each 16-bit instruction is rewritten as the 32-bit instruction it
 * stands for, so its semantics are exactly those of the base instruction. Returns 0 for the
 * reserved and illegal code points (the all-zero parcel, c.addi4spn with a zero immediate,
 * c.addi16sp and c.lui with a zero immediate, c.lwsp/c.ldsp with rd = x0, c.jr with rs1 = x0)
 * and for the floating-point forms, since this hart has no F or D. HINT code points (rd = x0
 * forms of c.li, c.lui, c.mv, c.add, c.slli, c.addi) expand to writes of x0, i.e. no-ops,
 * and c.addiw with rd = x0 executes as addiw x0, both as QEMU 7.2 does.
 */
final class CompressedExpander {
    private CompressedExpander() {
    }

    private static final int OP_IMM = 0x13, OP_IMM_32 = 0x1B, OP = 0x33, OP_32 = 0x3B, LOAD = 0x03, STORE = 0x23,
            LUI = 0x37, BRANCH = 0x63, JALR = 0x67, JAL = 0x6F;

    static int expand(int c) {
        int quadrant = c & 3;
        int funct3 = (c >>> 13) & 7;
        return switch (quadrant) {
            case 0 -> quadrant0(c, funct3);
            case 1 -> quadrant1(c, funct3);
            case 2 -> quadrant2(c, funct3);
            default -> 0;
        };
    }

    /** Bits [hi..lo] of c. */
    private static int bits(int c, int hi, int lo) {
        return (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    /** A 3-bit compressed register field names x8..x15. */
    private static int creg(int c, int lo) {
        return 8 + bits(c, lo + 2, lo);
    }

    /** Sign-extends the low n bits. */
    private static int sext(int v, int n) {
        return (v << (32 - n)) >> (32 - n);
    }

    private static int quadrant0(int c, int funct3) {
        int rdp = creg(c, 2);
        int rs1p = creg(c, 7);
        int uimmW = bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 6;
        int uimmD = bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;
        return switch (funct3) {
            case 0 -> { // c.addi4spn
                int nzuimm = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 3;
                yield nzuimm == 0 ? 0 : iType(OP_IMM, rdp, 0, 2, nzuimm);
            }
            case 2 -> iType(LOAD, rdp, 2, rs1p, uimmW); // c.lw
            case 3 -> iType(LOAD, rdp, 3, rs1p, uimmD); // c.ld
            case 6 -> sType(STORE, 2, rs1p, rdp, uimmW); // c.sw
            case 7 -> sType(STORE, 3, rs1p, rdp, uimmD); // c.sd
            default -> 0; // c.fld, c.fsd, reserved
        };
    }

    private static int quadrant1(int c, int funct3) {
        int rd = bits(c, 11, 7);
        int imm6 = sext(bits(c, 12, 12) << 5 | bits(c, 6, 2), 6);
        switch (funct3) {
            case 0: // c.addi (c.nop when rd = 0)
                return iType(OP_IMM, rd, 0, rd, imm6);
            case 1: // c.addiw
                return iType(OP_IMM_32, rd, 0, rd, imm6);
            case 2: // c.li
                return iType(OP_IMM, rd, 0, 0, imm6);
            case 3: {
                if (imm6 == 0) {
                    return 0; // reserved for both c.addi16sp and c.lui
                }
                if (rd == 2) { // c.addi16sp
                    int imm = sext(bits(c, 12, 12) << 9 | bits(c, 4, 3) << 7 | bits(c, 5, 5) << 6 | bits(c, 2, 2) << 5
                            | bits(c, 6, 6) << 4, 10);
                    return iType(OP_IMM, 2, 0, 2, imm);
                }
                return (imm6 << 12) | rd << 7 | LUI; // c.lui
            }
            case 4:
                return arith(c);
            case 5: { // c.j
                return jType(0, jumpOffset(c));
            }
            case 6: // c.beqz
                return bType(0, creg(c, 7), 0, branchOffset(c));
            case 7: // c.bnez
                return bType(1, creg(c, 7), 0, branchOffset(c));
            default:
                return 0;
        }
    }

    /** Quadrant 1, funct3 100: shifts, andi and register-register arithmetic on x8..x15. */
    private static int arith(int c) {
        int rd = creg(c, 7);
        int shamt = bits(c, 12, 12) << 5 | bits(c, 6, 2);
        switch (bits(c, 11, 10)) {
            case 0: // c.srli
                return iType(OP_IMM, rd, 5, rd, shamt);
            case 1: // c.srai
                return iType(OP_IMM, rd, 5, rd, 0x400 | shamt);
            case 2: // c.andi
                return iType(OP_IMM, rd, 7, rd, sext(shamt, 6));
            default:
                break;
        }
        int rs2 = creg(c, 2);
        int sel = bits(c, 12, 12) << 2 | bits(c, 6, 5);
        return switch (sel) {
            case 0 -> rType(OP, 0x20, rd, 0, rd, rs2); // c.sub
            case 1 -> rType(OP, 0, rd, 4, rd, rs2); // c.xor
            case 2 -> rType(OP, 0, rd, 6, rd, rs2); // c.or
            case 3 -> rType(OP, 0, rd, 7, rd, rs2); // c.and
            case 4 -> rType(OP_32, 0x20, rd, 0, rd, rs2); // c.subw
            case 5 -> rType(OP_32, 0, rd, 0, rd, rs2); // c.addw
            default -> 0; // reserved
        };
    }

    private static int quadrant2(int c, int funct3) {
        int rd = bits(c, 11, 7);
        int rs2 = bits(c, 6, 2);
        switch (funct3) {
            case 0: // c.slli
                return iType(OP_IMM, rd, 1, rd, bits(c, 12, 12) << 5 | bits(c, 6, 2));
            case 2: { // c.lwsp
                int off = bits(c, 12, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6;
                return rd == 0 ? 0 : iType(LOAD, rd, 2, 2, off);
            }
            case 3: { // c.ldsp
                int off = bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6;
                return rd == 0 ? 0 : iType(LOAD, rd, 3, 2, off);
            }
            case 4: {
                boolean bit12 = bits(c, 12, 12) != 0;
                if (!bit12) {
                    if (rs2 == 0) { // c.jr
                        return rd == 0 ? 0 : iType(JALR, 0, 0, rd, 0);
                    }
                    return rType(OP, 0, rd, 0, 0, rs2); // c.mv
                }
                if (rs2 == 0) {
                    if (rd == 0) {
                        return 0x00100073; // c.ebreak
                    }
                    return iType(JALR, 1, 0, rd, 0); // c.jalr
                }
                return rType(OP, 0, rd, 0, rd, rs2); // c.add
            }
            case 6: { // c.swsp
                int off = bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6;
                return sType(STORE, 2, 2, rs2, off);
            }
            case 7: { // c.sdsp
                int off = bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6;
                return sType(STORE, 3, 2, rs2, off);
            }
            default:
                return 0; // c.fldsp, c.fsdsp
        }
    }

    private static int branchOffset(int c) {
        return sext(bits(c, 12, 12) << 8 | bits(c, 6, 5) << 6 | bits(c, 2, 2) << 5 | bits(c, 11, 10) << 3
                | bits(c, 4, 3) << 1, 9);
    }

    private static int jumpOffset(int c) {
        return sext(bits(c, 12, 12) << 11 | bits(c, 8, 8) << 10 | bits(c, 10, 9) << 8 | bits(c, 6, 6) << 7
                | bits(c, 7, 7) << 6 | bits(c, 2, 2) << 5 | bits(c, 11, 11) << 4 | bits(c, 5, 3) << 1, 12);
    }

    // ---- 32-bit encoders ----

    private static int rType(int opcode, int funct7, int rd, int funct3, int rs1, int rs2) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int iType(int opcode, int rd, int funct3, int rs1, int imm) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int sType(int opcode, int funct3, int rs1, int rs2, int imm) {
        return ((imm >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 31) << 7 | opcode;
    }

    private static int bType(int funct3, int rs1, int rs2, int imm) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | BRANCH;
    }

    private static int jType(int rd, int imm) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3FF) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xFF) << 12 | rd << 7 | JAL;
    }
}
