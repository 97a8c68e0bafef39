package org.hartbench.emulator.internal.cpu;

/**
 * The M extension. Division never traps: x / 0 gives all ones (-1) and x % 0 gives x; the
 * signed overflow MIN / -1 gives MIN with remainder 0 (Java's long and int division already
 * behave that way for overflow, only the zero divisor needs a test). W forms work on the low
 * 32 bits and sign-extend the 32-bit result, unsigned ones included. The frequent operations get
 * their own instruction class; the rest share one that switches on the op.
 */
final class MulDiv {
    private MulDiv() {
    }

    static long compute(int op, long a, long b) {
        return switch (op) {
            case Op.MUL -> a * b;
            case Op.MULH -> Math.multiplyHigh(a, b);
            case Op.MULHSU -> Math.multiplyHigh(a, b) + ((b >> 63) & a);
            case Op.MULHU -> Math.unsignedMultiplyHigh(a, b);
            case Op.DIV -> b == 0 ? -1 : a / b;
            case Op.DIVU -> b == 0 ? -1 : Long.divideUnsigned(a, b);
            case Op.REM -> b == 0 ? a : a % b;
            case Op.REMU -> b == 0 ? a : Long.remainderUnsigned(a, b);
            case Op.MULW -> (int) a * (int) b;
            case Op.DIVW -> (int) b == 0 ? -1 : (int) a / (int) b;
            case Op.DIVUW -> (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b);
            case Op.REMW -> (int) b == 0 ? (int) a : (int) a % (int) b;
            case Op.REMUW -> (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b);
            default -> throw new IllegalArgumentException("not an M op: " + InstructionTable.name(op));
        };
    }

    static Instruction create(long d) {
        return switch (Decoder.op(d)) {
            case Op.MUL -> new Mul(d);
            case Op.MULW -> new Mulw(d);
            default -> new Other(d);
        };
    }

    static final class Mul extends Instruction {
        Mul(long d) {
            super(d);
        }

        @Override
        long execute(Hart h, long pc) {
            h.x[rd] = h.x[rs1] * h.x[rs2];
            return pc + len;
        }
    }

    static final class Mulw extends Instruction {
        Mulw(long d) {
            super(d);
        }

        @Override
        long execute(Hart h, long pc) {
            h.x[rd] = (int) h.x[rs1] * (int) h.x[rs2];
            return pc + len;
        }
    }

    /** Division, remainder and the high multiplications. */
    static final class Other extends Instruction {
        Other(long d) {
            super(d);
        }

        @Override
        long execute(Hart h, long pc) {
            h.x[rd] = compute(op, h.x[rs1], h.x[rs2]);
            return pc + len;
        }
    }
}
