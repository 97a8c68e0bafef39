package org.hartbench.emulator.internal.board;

import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.internal.cpu.Cause;
import org.hartbench.emulator.internal.cpu.Hart;

/**
 * The core-local interruptor, in QEMU virt's layout (SiFive CLINT):
 *
 * <pre>
 *   0x0000 + 4h   msip[h]      u32, bit 0 drives hart h's MSIP
 *   0x4000 + 8h   mtimecmp[h]  u64 (or two u32 halves); mip.MTIP = mtime >= mtimecmp, unsigned
 *   0xbff8        mtime        u64 (or two u32 halves), 10 MHz, writable
 * </pre>
 *
 * Other offsets raise an access fault. The timer comparison itself is done by each hart against
 * the clock (so a deterministic run needs no timer events); a write here only stores the value
 * and wakes the hart so a sleeping one recomputes its deadline. Thread-safe: per-hart state is
 * volatile in the hart, and the two halves of a 32-bit mtimecmp update are combined under this
 * object's monitor.
 */
final class Clint implements MmioDevice {

    static final long MSIP_BASE = 0x0000;
    static final long MTIMECMP_BASE = 0x4000;
    static final long MTIME = 0xBFF8;

    private final Hart[] harts;
    private final MachineClock clock;

    Clint(Hart[] harts, MachineClock clock) {
        this.harts = harts;
        this.clock = clock;
    }

    @Override
    public boolean accepts(long offset, int size) {
        if (offset >= MSIP_BASE && offset < MSIP_BASE + 4L * harts.length) {
            return size == 4 && (offset & 3) == 0;
        }
        boolean wide = (size == 4 || size == 8) && (offset & (size - 1)) == 0;
        if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8L * harts.length) {
            return wide;
        }
        return offset >= MTIME && offset < MTIME + 8 && wide;
    }

    @Override
    public long read(long offset, int size) {
        long value;
        int shift = (int) (offset & 4) * 8;
        if (offset < MTIMECMP_BASE) {
            return harts[(int) (offset >>> 2)].line(Cause.MSIP) ? 1 : 0;
        } else if (offset < MTIME) {
            value = harts[(int) ((offset - MTIMECMP_BASE) >>> 3)].mtimecmp();
        } else {
            value = clock.mtime();
        }
        return size == 8 ? value : (value >>> shift) & 0xFFFF_FFFFL;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset < MTIMECMP_BASE) {
            harts[(int) (offset >>> 2)].setLine(Cause.MSIP, (value & 1) != 0);
        } else if (offset < MTIME) {
            Hart h = harts[(int) ((offset - MTIMECMP_BASE) >>> 3)];
            h.setMtimecmp(merge(h.mtimecmp(), offset, size, value));
        } else {
            clock.setMtime(merge(clock.mtime(), offset, size, value));
            for (Hart h : harts) {
                h.setMtimecmp(h.mtimecmp()); // deadlines moved relative to the new time: wake sleepers
            }
        }
    }

    /** A 64-bit register after a write of size bytes at offset (a 32-bit write replaces one half). */
    private static long merge(long old, long offset, int size, long value) {
        if (size == 8) {
            return value;
        }
        int shift = (int) (offset & 4) * 8;
        long mask = 0xFFFF_FFFFL << shift;
        return (old & ~mask) | ((value & 0xFFFF_FFFFL) << shift);
    }
}
