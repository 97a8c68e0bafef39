package org.hartbench.emulator.internal.board;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.internal.cpu.Hart;
import org.hartbench.emulator.internal.cpu.WatchList;

/**
 * Runs slices of harts for either scheduler: under the hart's run lock, one instruction at a
 * time while breakpoints are set, with the no-progress verdict after each slice, and within the
 * machine's instruction limit. Also runs the debugger's single steps.
 *
 * <p>Thread safety: breakpoints and the instruction total are concurrent structures; everything
 * about one hart happens under its run lock.
 */
final class SliceRunner {

    /** Guest pcs the debugger wants to stop at. Any thread. */
    final Set<Long> breakpoints = ConcurrentHashMap.newKeySet();
    /** Physical ranges the debugger watches, shared with every hart's MMU. Any thread. */
    final WatchList watches = new WatchList();

    private final RunControl control;
    private final long limit;
    /** Ends the machine with a status (first caller wins). */
    private final Predicate<ExitStatus> finish;
    private final AtomicLong total = new AtomicLong();

    SliceRunner(RunControl control, long limit, Predicate<ExitStatus> finish) {
        this.control = control;
        this.limit = limit;
        this.finish = finish;
    }

    /**
     * Runs one slice of a hart and adds what it retired to the machine's total. Ends the machine
     * with GUEST_ERROR when the hart makes no progress.
     */
    long run(HartSlot slot, long budget) {
        Hart hart = slot.hart;
        long n;
        slot.runLock.lock();
        try {
            if (breakpoints.isEmpty() && watches.isEmpty()) {
                n = hart.run(budget);
                // A watchpoint added during this slice may have been noted by the slow path; it
                // applies from the next slice (when the TLB has been flushed for it), not here.
                hart.takeWatchHit();
            } else {
                n = runWithBreakpoints(slot, budget);
            }
        } finally {
            slot.runLock.unlock();
        }
        total.addAndGet(n);
        if (hart.isStuck()) {
            finish.test(new ExitStatus(ExitStatus.Kind.GUEST_ERROR, 0, hart.stuckReason()));
        }
        return n;
    }

    /**
     * One instruction at a time, checking the pc against the breakpoints before each and the
     * watchpoints after each, so a watched access stops the hart right after its instruction.
     */
    private long runWithBreakpoints(HartSlot slot, long budget) {
        Hart hart = slot.hart;
        long retired = 0;
        for (long i = 0; i < budget && !control.ending; i++) {
            if (!hart.serviceInterrupts()) {
                break;
            }
            if (!slot.skipBreakpointOnce && breakpoints.contains(hart.pc())) {
                control.breakpointHit(hart.id, hart.pc());
                break;
            }
            slot.skipBreakpointOnce = false;
            retired += hart.execute(1);
            long[] hit = hart.takeWatchHit();
            if (hit != null) {
                control.watchpointHit(hart.id, hart.pc(), hit[0], (int) hit[1], hit[2] != 0);
                break;
            }
            if (hart.isWaiting() || hart.isStuck()) {
                break;
            }
        }
        return retired;
    }

    /** A debugger step on the runner's thread: one instruction, or taking one trap. */
    void step(HartSlot slot) {
        slot.runLock.lock();
        try {
            Hart hart = slot.hart;
            boolean trapped = hart.hasDeliverableInterrupt();
            if (hart.serviceInterrupts() && !trapped) {
                total.addAndGet(hart.execute(1));
            }
            hart.takeWatchHit(); // a step stops anyway; a watched access in it is not reported twice
            slot.skipBreakpointOnce = false;
        } finally {
            slot.runLock.unlock();
        }
    }

    /** Machine reset: nothing retired yet. */
    void reset() {
        total.set(0);
    }

    /**
     * A slice budget capped by the instruction limit (over all harts). Returns 0, having ended
     * the machine, when the limit has been reached.
     */
    long withinLimit(long budget) {
        if (limit == 0) {
            return budget;
        }
        long remaining = limit - total.get();
        if (remaining <= 0) {
            finish.test(new ExitStatus(ExitStatus.Kind.INSTRUCTION_LIMIT, 0, "instruction limit of " + limit + " reached"));
            return 0;
        }
        return Math.min(budget, remaining);
    }
}
