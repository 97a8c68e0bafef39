package org.hartbench.emulator.internal.board;

/**
 * Deterministic mode's time: it follows instructions, not the host. The scheduler counts
 * <em>instruction slots</em>: every round gives each hart a quantum of slots, whether it uses
 * them or waits, so a round advances virtual time by quantum slots, and
 *
 * <pre>
 *   mtime = slots / INSTRUCTIONS_PER_TICK      (10 instructions per 10 MHz tick: 100 MIPS per hart)
 * </pre>
 *
 * Time stands still while a round runs (every hart of the round reads the same mtime), and the
 * scheduler moves it forward between rounds, or straight to the next timer deadline when every
 * hart waits in wfi. So time depends only on the instruction stream and reruns are identical.
 *
 * <p>Written only by the scheduler thread; volatile so the inspector and the CLINT (same thread)
 * and host threads can read it.
 */
final class VirtualClock extends MachineClock {

    static final long INSTRUCTIONS_PER_TICK = 10;

    private volatile long slots;
    private volatile long offset;

    @Override
    public long mtime() {
        return slots / INSTRUCTIONS_PER_TICK + offset;
    }

    @Override
    void reset() {
        slots = 0;
        offset = 0;
    }

    /** End of a round: everyone's quantum of slots has passed. */
    void advance(long instructionSlots) {
        slots += instructionSlots;
    }

    /** Every hart waits: jump to the tick at which the next timer fires (never backwards). */
    void skipTo(long mtime) {
        long target = (mtime - offset) * INSTRUCTIONS_PER_TICK;
        if (target > slots) {
            slots = target;
        }
    }

    @Override
    void setMtime(long value) {
        offset = value - slots / INSTRUCTIONS_PER_TICK;
    }
}
