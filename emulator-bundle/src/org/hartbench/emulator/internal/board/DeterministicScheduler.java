package org.hartbench.emulator.internal.board;

import org.hartbench.emulator.internal.cpu.Hart;

/**
 * Deterministic mode: every hart on one host thread, in rounds, after Spike's sim_t::step.
 *
 * <pre>
 *   each round:
 *     for hart 0..n-1 (a suspended hart, or one in wfi with nothing pending, skips its turn):
 *         run up to quantum instructions (fewer at the instruction limit);
 *         if it holds an LR reservation, run up to 16 more so it can reach its SC;
 *         drop its reservation (the hart switch)
 *     virtual time advances by quantum instruction slots ({@link VirtualClock})
 *     devices tick: host console input reaches the UART, the trace device is drained
 *     if every hart waits in wfi: jump the clock to the earliest armed timer, or, with none,
 *         wait (without spinning) for host input or a control request; a run on the caller's
 *         thread (VirtMachine.runOnCallingThread) ends instead, as nobody could send input
 * </pre>
 *
 * Nothing here reads the host clock or depends on thread timing, so the same inputs give the
 * same console output, instruction counts and trace records. Host input is delivered at the
 * device tick, so its effect depends only on the round it arrives in.
 */
final class DeterministicScheduler implements Runnable {

    /** The longest constrained LR/SC sequence the ISA guarantees progress for. */
    private static final int LR_SC_GRACE = 16;

    private final VirtMachine machine;
    private final SliceRunner slices;
    private final HartSlot[] slots;
    private final VirtualClock clock;
    private final RunControl control;
    private final long quantum;

    /** True while blocked because no hart can run and no timer is armed. */
    volatile boolean idle;

    DeterministicScheduler(VirtMachine machine, SliceRunner slices, HartSlot[] slots, VirtualClock clock,
            RunControl control, long quantum) {
        this.machine = machine;
        this.slices = slices;
        this.slots = slots;
        this.clock = clock;
        this.control = control;
        this.quantum = quantum;
    }

    @Override
    public void run() {
        try {
            for (;;) {
                if ((control.attention || allSuspended()) && !control.checkpoint(slots, 0, slices::step)) {
                    return;
                }
                if (!round()) {
                    return;
                }
                clock.advance(quantum);
                machine.tickDevices();
                if (everyHartWaits()) {
                    long deadline = earliestDeadline();
                    if (deadline != -1L) {
                        clock.skipTo(deadline);
                    } else if (machine.waitWhenIdle()) {
                        idle = true;
                        control.idleWait(machine::hostInputPending, Long.MAX_VALUE);
                        idle = false;
                    }
                }
            }
        } catch (Throwable t) {
            machine.internalError(t);
        } finally {
            machine.runnerExited();
        }
    }

    /** One turn for each hart. Returns false when the machine ended during the round. */
    private boolean round() {
        for (HartSlot slot : slots) {
            if (control.ending) {
                return false;
            }
            if (slot.suspended) {
                continue;
            }
            Hart hart = slot.hart;
            long budget = slices.withinLimit(quantum);
            if (budget == 0) {
                return false;
            }
            slices.run(slot, budget);
            if (hart.holdsReservation() && !slot.suspended) {
                long grace = slices.withinLimit(LR_SC_GRACE);
                if (grace == 0) {
                    return false;
                }
                slices.run(slot, grace);
            }
            hart.dropReservation();
        }
        return !control.ending;
    }

    private boolean allSuspended() {
        for (HartSlot s : slots) {
            if (!s.suspended) {
                return false;
            }
        }
        return true;
    }

    private boolean everyHartWaits() {
        boolean anyRunnable = false;
        for (HartSlot s : slots) {
            if (!s.suspended) {
                if (!s.hart.isWaiting() || s.hart.pendingInterrupts() != 0) {
                    return false;
                }
                anyRunnable = true;
            }
        }
        return anyRunnable;
    }

    /** The earliest armed timer deadline of the non-suspended harts, or -1 for none. */
    private long earliestDeadline() {
        long best = -1L;
        for (HartSlot s : slots) {
            if (!s.suspended) {
                long d = s.hart.nextTimerDeadline();
                if (Long.compareUnsigned(d, best) < 0) {
                    best = d;
                }
            }
        }
        return best;
    }
}
