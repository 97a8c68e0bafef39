package org.hartbench.emulator.internal.cpu;

import org.hartbench.emulator.internal.bus.Ram;

/**
 * The A extension, correct with harts on several host threads at once.
 *
 * <ul>
 * <li>AMOs are host atomic read-modify-writes on RAM (getAndAdd, getAndSet, ..., and a
 * compare-and-set loop for min/max), so they are sequentially consistent whatever aq/rl say.
 * They need store permission and natural alignment: a misaligned address raises store/AMO
 * address misaligned, a device address a store/AMO access fault (QEMU 7.2 raises the same
 * misaligned exception; it would emulate an AMO on a device, this board does not).</li>
 * <li>LR loads (with acquire ordering) and records the address, size and the value it saw. A
 * misaligned LR raises load address misaligned.</li>
 * <li>SC raises store/AMO address misaligned when misaligned; otherwise it fails (rd = 1,
 * memory untouched, no translation) unless this hart holds a reservation for exactly that
 * address and size, and then it stores with a compare-and-set against the value LR saw, so it
 * fails if another hart wrote a different value in between. Every SC ends the reservation.</li>
 * <li>The reservation is also dropped by every trap and xRET and, in deterministic mode, at
 * every hart switch (as Spike does); the scheduler lets a hart that holds one run up to 16
 * more instructions to reach its SC, so even a quantum of 1 cannot livelock an LR/SC loop.</li>
 * </ul>
 */
final class Atomics {
    private Atomics() {
    }

    static Instruction create(long d) {
        return new Instruction(d) {
            @Override
            long execute(Hart h, long pc) {
                h.x[rd] = Atomics.execute(h, op, h.x[rs1], h.x[rs2]);
                return pc + len;
            }
        };
    }

    /** Executes an LR, SC or AMO; returns the value for rd. */
    static long execute(Hart h, int op, long address, long source) {
        boolean doubleword = Op.isDoubleAmo(op);
        int size = doubleword ? 8 : 4;
        Mmu mmu = h.mmu;
        Ram ram = mmu.ram();
        if (op == Op.LR_W || op == Op.LR_D) {
            int offset = mmu.atomicOffset(address, size, true);
            long value = doubleword ? ram.getLongVolatile(offset) : ram.getIntVolatile(offset);
            h.reserve(address, value, size);
            return value;
        }
        if (op == Op.SC_W || op == Op.SC_D) {
            if ((address & (size - 1)) != 0) {
                throw new Trap(Cause.STORE_MISALIGNED, address);
            }
            if (!h.reservationCovers(address, size)) {
                h.dropReservation();
                return 1;
            }
            int offset = mmu.atomicOffset(address, size, false);
            long expected = h.reservedValue();
            h.dropReservation();
            boolean stored = doubleword ? ram.casLong(offset, expected, source)
                    : ram.casInt(offset, (int) expected, (int) source);
            return stored ? 0 : 1;
        }
        int offset = mmu.atomicOffset(address, size, false);
        return doubleword ? amoDouble(ram, op, offset, source) : amoWord(ram, op, offset, (int) source);
    }

    private static long amoDouble(Ram ram, int op, int offset, long v) {
        switch (op) {
            case Op.AMOSWAP_D:
                return ram.getAndSetLong(offset, v);
            case Op.AMOADD_D:
                return ram.getAndAddLong(offset, v);
            case Op.AMOXOR_D:
                return ram.getAndXorLong(offset, v);
            case Op.AMOAND_D:
                return ram.getAndAndLong(offset, v);
            case Op.AMOOR_D:
                return ram.getAndOrLong(offset, v);
            default:
                for (;;) {
                    long old = ram.getLongVolatile(offset);
                    long result = switch (op) {
                        case Op.AMOMIN_D -> Math.min(old, v);
                        case Op.AMOMAX_D -> Math.max(old, v);
                        case Op.AMOMINU_D -> Long.compareUnsigned(old, v) <= 0 ? old : v;
                        default -> Long.compareUnsigned(old, v) >= 0 ? old : v;
                    };
                    if (ram.casLong(offset, old, result)) {
                        return old;
                    }
                }
        }
    }

    /** Word AMOs; the old value is returned sign-extended, as rd receives it. */
    private static long amoWord(Ram ram, int op, int offset, int v) {
        switch (op) {
            case Op.AMOSWAP_W:
                return ram.getAndSetInt(offset, v);
            case Op.AMOADD_W:
                return ram.getAndAddInt(offset, v);
            case Op.AMOXOR_W:
                return ram.getAndXorInt(offset, v);
            case Op.AMOAND_W:
                return ram.getAndAndInt(offset, v);
            case Op.AMOOR_W:
                return ram.getAndOrInt(offset, v);
            default:
                for (;;) {
                    int old = ram.getIntVolatile(offset);
                    int result = switch (op) {
                        case Op.AMOMIN_W -> Math.min(old, v);
                        case Op.AMOMAX_W -> Math.max(old, v);
                        case Op.AMOMINU_W -> Integer.compareUnsigned(old, v) <= 0 ? old : v;
                        default -> Integer.compareUnsigned(old, v) >= 0 ? old : v;
                    };
                    if (ram.casInt(offset, old, result)) {
                        return old;
                    }
                }
        }
    }
}
