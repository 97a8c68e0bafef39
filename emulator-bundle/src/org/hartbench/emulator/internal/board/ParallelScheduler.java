package org.hartbench.emulator.internal.board;

import java.util.concurrent.locks.LockSupport;

import org.hartbench.emulator.internal.cpu.Hart;

/**
 * Parallel mode: one host thread per hart. Each thread runs its hart in slices of
 * {@link #SLICE} instructions (interrupts are taken between slices, and earlier when an
 * instruction such as a CSR write asks for it), and looks at the run control between slices.
 * A hart in wfi parks its thread until the earliest armed timer deadline, or without a deadline
 * until an interrupt line, an mtimecmp write or a control request unparks it: no spinning.
 *
 * <p>The instruction limit is checked after each slice, so the total may overshoot it by less
 * than one slice per hart.
 */
final class ParallelScheduler {

    /** Instructions per slice: about 50 microseconds of guest time, the latency of an IPI or a pause. */
    static final long SLICE = 8192;

    private final VirtMachine machine;
    private final SliceRunner slices;
    private final HostClock clock;
    private final RunControl control;

    ParallelScheduler(VirtMachine machine, SliceRunner slices, HostClock clock, RunControl control) {
        this.machine = machine;
        this.slices = slices;
        this.clock = clock;
        this.control = control;
    }

    /** The body of hart thread i. */
    void runHart(HartSlot slot, int index) {
        HartSlot[] owned = { slot };
        Hart hart = slot.hart;
        // Published before the hart first looks for work, so no wakeup is lost.
        slot.thread = Thread.currentThread();
        try {
            for (;;) {
                if ((control.attention || slot.suspended) && !control.checkpoint(owned, index, slices::step)) {
                    return;
                }
                if (hart.isWaiting() && hart.pendingInterrupts() == 0) {
                    sleep(slot);
                    continue;
                }
                long budget = slices.withinLimit(SLICE);
                if (budget == 0) {
                    return;
                }
                slices.run(slot, budget);
            }
        } catch (Throwable t) {
            machine.internalError(t);
        } finally {
            slot.thread = null; // a pooled thread may serve another machine next
            machine.runnerExited();
        }
    }

    /**
     * Parks until the hart's next timer deadline or an unpark (interrupt line, mtimecmp write,
     * control request). The caller loops, so a spurious wakeup only costs a re-check.
     */
    private void sleep(HartSlot slot) {
        long deadline = slot.hart.nextTimerDeadline();
        if (deadline == -1L) {
            slot.parkedWithoutDeadline = true;
            LockSupport.park(this);
            slot.parkedWithoutDeadline = false;
        } else {
            long nanos = clock.nanosUntil(deadline);
            if (nanos > 0) {
                LockSupport.parkNanos(this, nanos);
            }
        }
    }
}
