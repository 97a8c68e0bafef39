package org.hartbench.emulator.internal.board;

import org.hartbench.emulator.internal.bus.MemoryMap;

/**
 * Parallel mode's time: the host's monotonic clock scaled to the 10 MHz timebase, minus the time
 * the machine spent paused. Any thread may read it; pause, resume and setMtime come from control
 * threads and hart threads and are serialised by this object's monitor.
 */
final class HostClock extends MachineClock {

    private static final long NANOS_PER_TICK = 1_000_000_000L / MemoryMap.TIMEBASE_HZ;

    /** Host nanoTime at which mtime was 0 (set again by a machine reset). */
    private volatile long origin = System.nanoTime();
    /** Ticks added to the scaled host time (CLINT writes, paused intervals). */
    private volatile long offsetTicks;
    /** Host nanoTime at which time froze for a pause, or 0 while running. */
    private volatile long pausedAt;

    @Override
    public long mtime() {
        long frozen = pausedAt;
        long now = frozen != 0 ? frozen : System.nanoTime();
        return (now - origin) / NANOS_PER_TICK + offsetTicks;
    }

    /** Host nanoseconds until mtime reaches deadline, compared as unsigned 64-bit (0 if it has). */
    long nanosUntil(long deadline) {
        long now = mtime();
        if (Long.compareUnsigned(deadline, now) <= 0) {
            return 0;
        }
        long ticks = deadline - now;
        return Long.compareUnsigned(ticks, Long.MAX_VALUE / NANOS_PER_TICK) > 0 ? Long.MAX_VALUE : ticks * NANOS_PER_TICK;
    }

    @Override
    synchronized void reset() {
        origin = System.nanoTime();
        offsetTicks = 0;
        pausedAt = 0;
    }

    @Override
    synchronized void setMtime(long value) {
        offsetTicks += value - mtime();
    }

    @Override
    synchronized void pause() {
        if (pausedAt == 0) {
            pausedAt = System.nanoTime();
        }
    }

    @Override
    synchronized void resume() {
        if (pausedAt != 0) {
            long frozen = mtime();
            pausedAt = 0;
            offsetTicks += frozen - mtime();
        }
    }
}
