package org.hartbench.emulator.internal.board;

import org.hartbench.emulator.internal.cpu.TimeSource;

/**
 * The board's mtime, at {@code MemoryMap.TIMEBASE_HZ} (10 MHz). Two implementations, one per
 * execution mode; both let the CLINT write mtime, and neither ever runs backwards on its own.
 */
abstract class MachineClock implements TimeSource {

    /** The CLINT's write of mtime: from now on mtime counts on from value. */
    abstract void setMtime(long value);

    /** Machine reset: mtime starts again from 0. Only while no hart runs. */
    abstract void reset();

    /** Freezes time while the machine is paused (no-op where time only moves with the harts). */
    void pause() {
    }

    void resume() {
    }
}
