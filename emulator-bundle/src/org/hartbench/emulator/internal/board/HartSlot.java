package org.hartbench.emulator.internal.board;

import java.util.concurrent.locks.ReentrantLock;

import org.hartbench.emulator.internal.cpu.Hart;

/**
 * The host side of one hart: the lock its runner holds while the hart executes a slice, and its
 * debugger state. Lock order: {@link RunControl}'s lock may be taken while holding runLock, never
 * the other way round.
 */
final class HartSlot {
    final Hart hart;

    /**
     * Held by whichever thread runs the hart, for the length of a slice (or a debugger step).
     * Fair, so an inspector waiting for a consistent snapshot gets in between two slices.
     */
    final ReentrantLock runLock = new ReentrantLock(true);

    /** Held by the debugger (suspendHart or a breakpoint). Written under RunControl's lock. */
    volatile boolean suspended;
    /** Guarded by RunControl's lock. */
    boolean suspendRequested;
    /** Guarded by RunControl's lock. */
    boolean stepRequested;
    /** The next instruction runs even if a breakpoint sits on it (the one just reported). Runner only. */
    boolean skipBreakpointOnce;
    /** Parallel mode: the (pooled) thread running the hart, unparked by its waker; null between runs. */
    volatile Thread thread;
    /** Parallel mode: the thread sleeps in wfi with no timer armed (only an interrupt can wake it). */
    volatile boolean parkedWithoutDeadline;

    HartSlot(Hart hart) {
        this.hart = hart;
    }
}
