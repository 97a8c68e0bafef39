package org.hartbench.emulator.internal.board;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.hartbench.emulator.api.DebugListener;

/**
 * Host control of a running machine: pause and resume, ending, and the debugger's per-hart
 * suspend, resume and step. Control calls come from any thread; the runner threads (the one
 * deterministic scheduler, or one thread per hart) look at {@link #attention} between slices
 * and call {@link #checkpoint} when it is set, where they block while held.
 *
 * <p>Locking: every field below is guarded by {@link #lock} unless volatile; {@link #changed} is
 * signalled whenever a request or an acknowledgement happens.
 */
final class RunControl {

    /** What a runner does after a checkpoint. */
    interface Stepper {
        /** Executes one debugger step of a suspended hart, on the runner's thread. */
        void step(HartSlot slot);
    }

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();

    /** Something needs the runners: pause, end, a suspend or step request. Read every slice. */
    volatile boolean attention;
    /** The machine is ending; runners leave. Set once. */
    volatile boolean ending;

    /** Written under {@link #lock}; volatile so that {@link #isPaused} can poll it without the lock. */
    private volatile boolean pauseRequested;
    /** Runners currently held by a pause. */
    private int held;
    /** Host time spent in finished pauses, and System.nanoTime() when the current one began (0: none). */
    private long pausedNanos;
    private long pausedSince;
    /** Runner threads alive. */
    private int runners;

    private final HartSlot[] slots;
    private final MachineClock clock;
    /** Wakes runners that sleep outside the lock (parallel harts parked in wfi). */
    private final Runnable wakeRunners;
    final List<DebugListener> debugListeners = new CopyOnWriteArrayList<>();

    RunControl(HartSlot[] slots, MachineClock clock, Runnable wakeRunners) {
        this.slots = slots;
        this.clock = clock;
        this.wakeRunners = wakeRunners;
    }

    private void recomputeAttention() {
        boolean a = pauseRequested || ending;
        for (HartSlot s : slots) {
            a |= s.suspendRequested || s.stepRequested;
        }
        attention = a;
    }

    /** Call with the lock held after changing a request: runners look again. */
    private void poke() {
        recomputeAttention();
        changed.signalAll();
        wakeRunners.run();
    }

    void runnerStarted() {
        lock.lock();
        try {
            runners++;
        } finally {
            lock.unlock();
        }
    }

    void runnerExited() {
        lock.lock();
        try {
            runners--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Machine reset, called with no runner alive: no pause, not ending, no hart suspended or
     * stepping. Breakpoints and debug listeners stay, as a debugger keeps them over a reset.
     */
    void reset() {
        lock.lock();
        try {
            ending = false;
            pauseRequested = false;
            held = 0;
            runners = 0;
            pausedNanos = 0;
            pausedSince = 0;
            for (HartSlot s : slots) {
                s.suspended = false;
                s.suspendRequested = false;
                s.stepRequested = false;
                s.skipBreakpointOnce = false;
                s.thread = null;
                s.parkedWithoutDeadline = false;
            }
            recomputeAttention();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ control API (any thread)

    /** Holds every runner and the clock; returns once they are all held (or the machine ended). */
    void pause() {
        lock.lock();
        try {
            pauseRequested = true;
            poke();
            while (held < runners && !ending) {
                changed.awaitUninterruptibly();
            }
            clock.pause();
            if (pausedSince == 0) {
                pausedSince = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends a pause and every per-hart suspension. */
    void resume() {
        lock.lock();
        try {
            pauseRequested = false;
            for (int i = 0; i < slots.length; i++) {
                if (slots[i].suspended || slots[i].suspendRequested) {
                    slots[i].suspendRequested = false;
                    if (slots[i].suspended) {
                        slots[i].suspended = false;
                        fireResumed(i);
                    }
                }
            }
            clock.resume();
            if (pausedSince != 0) {
                pausedNanos += System.nanoTime() - pausedSince;
                pausedSince = 0;
            }
            poke();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Host time the machine has spent paused so far, the current pause included. The timeout and
     * the run time in --stats leave it out: a machine held by a debugger is not running.
     */
    long pausedNanos() {
        lock.lock();
        try {
            return pausedNanos + (pausedSince != 0 ? System.nanoTime() - pausedSince : 0);
        } finally {
            lock.unlock();
        }
    }

    boolean isPaused() {
        return pauseRequested;
    }

    /** The machine ends: runners leave at their next checkpoint. */
    void end() {
        lock.lock();
        try {
            ending = true;
            poke();
        } finally {
            lock.unlock();
        }
    }

    void suspend(int hart) {
        lock.lock();
        try {
            if (!slots[hart].suspended) {
                slots[hart].suspendRequested = true;
                poke();
            }
        } finally {
            lock.unlock();
        }
    }

    void resumeHart(int hart) {
        lock.lock();
        try {
            HartSlot s = slots[hart];
            s.suspendRequested = false;
            s.stepRequested = false;
            if (s.suspended) {
                s.suspended = false;
                fireResumed(hart);
            }
            poke();
        } finally {
            lock.unlock();
        }
    }

    void requestStep(int hart) {
        lock.lock();
        try {
            HartSlot s = slots[hart];
            if (!s.suspended && !s.suspendRequested) {
                throw new IllegalStateException("hart " + hart + " is not suspended");
            }
            s.stepRequested = true;
            poke();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes a hart's state for the debugger, refused unless the debugger holds the hart. The
     * hart's run lock is taken first (the lock order) so no slice or step runs during the write;
     * a pending step then runs from the new state.
     */
    void whileSuspended(int hart, java.util.function.Consumer<HartSlot> write) {
        HartSlot s = slots[hart];
        s.runLock.lock();
        try {
            lock.lock();
            try {
                if (ending) {
                    throw new IllegalStateException("the machine has ended");
                }
                if (!s.suspended) {
                    throw new IllegalStateException("hart " + hart + " is not suspended for the debugger"
                            + " (suspend it, or stop it at a breakpoint, before writing its registers)");
                }
                write.accept(s);
            } finally {
                lock.unlock();
            }
        } finally {
            s.runLock.unlock();
        }
    }

    // ------------------------------------------------------------------ runner side

    /** A runner stops a hart at a breakpoint (its runLock held). */
    void breakpointHit(int hart, long pc) {
        lock.lock();
        try {
            slots[hart].suspended = true;
            slots[hart].skipBreakpointOnce = true;
            fire(hart, DebugListener.Reason.BREAKPOINT, pc);
            poke();
        } finally {
            lock.unlock();
        }
    }

    /** A runner stops a hart after an access to a watched range (its runLock held). */
    void watchpointHit(int hart, long pc, long address, int size, boolean write) {
        lock.lock();
        try {
            slots[hart].suspended = true;
            for (DebugListener l : debugListeners) {
                l.onWatchpointHit(hart, address, size, write);
            }
            fire(hart, DebugListener.Reason.WATCHPOINT, pc);
            poke();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where a runner waits while held. Handles suspend and step requests for the harts it owns,
     * blocks while paused or while all its harts are suspended. Returns false when the machine is
     * ending and the runner must leave.
     */
    boolean checkpoint(HartSlot[] owned, int firstHart, Stepper stepper) {
        lock.lock();
        try {
            for (;;) {
                if (ending) {
                    return false;
                }
                boolean work = false;
                for (int i = 0; i < owned.length; i++) {
                    HartSlot s = owned[i];
                    if (s.suspendRequested) {
                        s.suspendRequested = false;
                        s.suspended = true;
                        fire(firstHart + i, DebugListener.Reason.SUSPEND_REQUEST, s.hart.pc());
                    }
                    if (s.suspended && s.stepRequested) {
                        s.stepRequested = false;
                        recomputeAttention();
                        lock.unlock();
                        try {
                            stepper.step(s);
                        } finally {
                            lock.lock();
                        }
                        fire(firstHart + i, DebugListener.Reason.STEP, s.hart.pc());
                        work = true;
                    }
                }
                if (work) {
                    continue;
                }
                if (pauseRequested) {
                    held++;
                    changed.signalAll();
                    while (pauseRequested && !ending) {
                        changed.awaitUninterruptibly();
                    }
                    held--;
                    continue;
                }
                boolean allSuspended = true;
                for (HartSlot s : owned) {
                    allSuspended &= s.suspended;
                }
                if (allSuspended) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                recomputeAttention();
                return true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deterministic mode with every hart in wfi and no timer armed: wait for host input or a
     * control request (never spins). Returns when woken or after maxNanos.
     */
    void idleWait(java.util.function.BooleanSupplier wakeCondition, long maxNanos) {
        lock.lock();
        try {
            long nanos = maxNanos;
            while (!attention && !wakeCondition.getAsBoolean() && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes an idle deterministic scheduler (host input arrived). */
    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fire(int hart, DebugListener.Reason reason, long pc) {
        for (DebugListener l : debugListeners) {
            l.onSuspended(hart, reason, pc);
        }
    }

    private void fireResumed(int hart) {
        for (DebugListener l : debugListeners) {
            l.onResumed(hart);
        }
    }
}
