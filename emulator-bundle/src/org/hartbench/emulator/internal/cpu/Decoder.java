package org.hartbench.emulator.internal.cpu;

/**
 * Turns instruction bits into an {@link Instruction}, in two steps: a table lookup gives a
 * packed description (op and operand fields, below), and the factory of the instruction's
 * extension makes the object that executes it. Operand fields are extracted once, when a page
 * slot is first executed, and never again while it stays cached.
 *
 * <pre>
 *   bits  0..7   op (see {@link Op})
 *   bits  8..13  rd index; x0 is mapped to 32, a write-only sink, so no instruction needs an
 *                "rd != 0" test
 *   bits 14..18  rs1 (or the zimm of a CSR instruction)
 *   bits 19..23  rs2
 *   bits 24..26  length in bytes, 2 or 4
 *   bits 32..63  immediate, sign-extended by the extractor; for SYSTEM-format and illegal
 *                instructions, the raw instruction bits (mtval on a fault, CSR number)
 * </pre>
 */
final class Decoder {
    private Decoder() {
    }

    /** Register index that swallows writes to x0. */
    static final int X0_SINK = 32;

    static int op(long d) {
        return (int) d & 0xFF;
    }

    static int rd(long d) {
        return (int) (d >>> 8) & 63;
    }

    static int rs1(long d) {
        return (int) (d >>> 14) & 31;
    }

    static int rs2(long d) {
        return (int) (d >>> 19) & 31;
    }

    static int length(long d) {
        return (int) (d >>> 24) & 7;
    }

    static long imm(long d) {
        return d >> 32;
    }

    /** The raw bits kept in the immediate of SYSTEM-format and illegal instructions. */
    static int raw(long d) {
        return (int) (d >>> 32);
    }

    static long pack(int op, int rd, int rs1, int rs2, int length, int imm) {
        int rdIndex = rd == 0 ? X0_SINK : rd;
        return op | (long) rdIndex << 8 | (long) rs1 << 14 | (long) rs2 << 19 | (long) length << 24
                | (long) imm << 32;
    }

    static long illegal(int raw, int length) {
        return pack(Op.ILLEGAL, 0, 0, 0, length, raw);
    }

    /**
     * Decodes the bits at a pc. If the low two bits are 11 it is a 32-bit instruction (bits
     * holds all 32), else a 16-bit one (only the low half is used).
     */
    static long decode(int bits) {
        if ((bits & 3) != 3) {
            int c = bits & 0xFFFF;
            int expanded = CompressedExpander.expand(c);
            if (expanded == 0) {
                return illegal(c, 2);
            }
            long d = decode32(expanded, 2);
            // An expansion that is itself illegal (e.g. c.ld on a misused encoding) reports the
            // 16 bits the hart actually fetched.
            return op(d) == Op.ILLEGAL ? illegal(c, 2) : d;
        }
        return decode32(bits, 4);
    }

    /** The executable instruction for a packed description. */
    static Instruction instruction(long d) {
        int op = op(d);
        if (op == Op.ILLEGAL) {
            return Privileged.illegal(d);
        }
        if (op >= Op.LUI && op <= Op.FENCE) {
            return Rv64i.create(d);
        }
        if (op >= Op.MUL && op <= Op.REMUW) {
            return MulDiv.create(d);
        }
        if (op >= Op.LR_W && op <= Op.AMOMAXU_D) {
            return Atomics.create(d);
        }
        if (op >= Op.CSRRW && op <= Op.CSRRCI) {
            return Zicsr.create(d);
        }
        return Privileged.create(d);
    }

    static long decode32(int raw, int length) {
        InstructionTable.Entry e = InstructionTable.lookup(raw);
        if (e == null) {
            return illegal(raw, length);
        }
        int rd = (raw >>> 7) & 31;
        int rs1 = (raw >>> 15) & 31;
        int rs2 = (raw >>> 20) & 31;
        return switch (e.format()) {
            case R, AMO -> pack(e.op(), rd, rs1, rs2, length, 0);
            case I -> pack(e.op(), rd, rs1, 0, length, raw >> 20);
            case SHIFT -> pack(e.op(), rd, rs1, 0, length, (raw >>> 20) & 63);
            case SHIFTW -> pack(e.op(), rd, rs1, 0, length, (raw >>> 20) & 31);
            case S -> pack(e.op(), 0, rs1, rs2, length, (raw >> 25) << 5 | (raw >>> 7) & 31);
            case B -> pack(e.op(), 0, rs1, rs2, length, branchOffset(raw));
            case U -> pack(e.op(), rd, 0, 0, length, raw & 0xFFFFF000);
            case J -> pack(e.op(), rd, 0, 0, length, jumpOffset(raw));
            case SYSTEM -> pack(e.op(), rd, rs1, rs2, length, raw);
            case NONE -> pack(e.op(), 0, 0, 0, length, 0);
        };
    }

    private static int branchOffset(int raw) {
        return (raw >> 31) << 12 | ((raw >>> 7) & 1) << 11 | ((raw >>> 25) & 0x3F) << 5 | ((raw >>> 8) & 0xF) << 1;
    }

    private static int jumpOffset(int raw) {
        return (raw >> 31) << 20 | ((raw >>> 12) & 0xFF) << 12 | ((raw >>> 20) & 1) << 11
                | ((raw >>> 21) & 0x3FF) << 1;
    }
}
