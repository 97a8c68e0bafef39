package org.hartbench.core.debug;

import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.hartbench.emulator.api.DebugListener;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.PrivilegeMode;

/**
 * One hart as a debug thread, named after the hart and what it runs: {@code Hart 1 [S] idle_loop}.
 *
 * <p>Stepping is by instruction: {@link #stepInto()} and {@link #stepOver()} both run exactly one
 * instruction (or take one trap), and {@link #stepReturn()} is not offered. A kernel has no call
 * stack the emulator can unwind without DWARF frame info, so the one honest step is the hardware's.
 *
 * <p>State: {@code suspended} follows the machine's debug events and is written on emulator
 * threads; the frame is built lazily from a snapshot on the first request after a stop, and
 * stays the same object until the hart runs again, so the Debug view keeps its selection.
 */
public final class HartThread extends HartbenchDebugElement implements IThread {

    private final int hart;
    private volatile boolean suspended;
    /** A step was requested and its STEP event has not come yet. */
    private volatile boolean stepping;
    private volatile List<IBreakpoint> hitBreakpoints = List.of();
    private HartStackFrame frame;
    /** Counts stops and resumptions, so a frame built for an old stop is not cached for a new one. */
    private long stops;
    /** The registers at the previous stop, so the Registers view can mark what changed. */
    private HartSnapshot previous;

    HartThread(HartbenchDebugTarget target, int hart) {
        super(target);
        this.hart = hart;
    }

    /** The hart's index (its mhartid). */
    public int hart() {
        return hart;
    }

    // ------------------------------------------------------------------ labels and frames

    /** "Hart N [M|S|U] symbol", from the stopped frame or a fresh snapshot while the hart runs. */
    @Override
    public String getName() {
        String base = "Hart " + hart;
        if (target().isTerminated()) {
            return base;
        }
        try {
            HartSnapshot s = isSuspended() ? frame().snapshot() : target().machine().inspector().snapshot(hart);
            String where = s.mode() == PrivilegeMode.USER ? "user " + Locations.hex(s.pc())
                    : Locations.symbolicName(s.pc(), target().image()).orElse(Locations.hex(s.pc()));
            return base + " [" + s.mode().name().charAt(0) + "] " + where;
        } catch (RuntimeException e) {
            return base; // the machine went away between the check and the read
        }
    }

    @Override
    public IStackFrame[] getStackFrames() {
        return isSuspended() ? new IStackFrame[] { frame() } : new IStackFrame[0];
    }

    @Override
    public boolean hasStackFrames() {
        return isSuspended();
    }

    @Override
    public IStackFrame getTopStackFrame() {
        return isSuspended() ? frame() : null;
    }

    /**
     * The frame of the current stop; one per stop, built from a snapshot on first use. The snapshot
     * is taken outside this object's monitor: the inspector waits for the hart's run lock, which an
     * emulator thread may hold while it reports an event to {@link #suspendedBy}.
     */
    HartStackFrame frame() {
        HartSnapshot prev;
        long generation;
        synchronized (this) {
            if (frame != null) {
                return frame;
            }
            prev = previous;
            generation = stops;
        }
        HartSnapshot now = target().machine().inspector().snapshot(hart);
        synchronized (this) {
            if (frame == null && generation == stops) {
                frame = new HartStackFrame(this, now, prev);
            }
            return frame != null ? frame : new HartStackFrame(this, now, prev);
        }
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return hitBreakpoints.toArray(new IBreakpoint[0]);
    }

    // ------------------------------------------------------------------ run control

    @Override
    public boolean canSuspend() {
        return !target().isTerminated() && !suspended && !stepping;
    }

    @Override
    public boolean canResume() {
        return !target().isTerminated() && suspended;
    }

    @Override
    public boolean isSuspended() {
        return suspended && !target().isTerminated();
    }

    /** Asks the hart to stop; the SUSPEND event follows when it has (at its next instruction boundary). */
    @Override
    public void suspend() throws DebugException {
        target().checkAlive();
        target().machine().suspendHart(hart);
    }

    @Override
    public void resume() throws DebugException {
        target().checkAlive();
        target().machine().resumeHart(hart);
    }

    @Override
    public boolean canStepInto() {
        return canResume();
    }

    @Override
    public boolean canStepOver() {
        return canResume();
    }

    @Override
    public boolean canStepReturn() {
        return false;
    }

    @Override
    public boolean isStepping() {
        return stepping;
    }

    /** Runs one instruction (or takes one trap) on this hart; the others stay as they are. */
    @Override
    public void stepInto() throws DebugException {
        step(DebugEvent.STEP_INTO);
    }

    /** The same as {@link #stepInto()}: one instruction. A call is not stepped over. */
    @Override
    public void stepOver() throws DebugException {
        step(DebugEvent.STEP_OVER);
    }

    @Override
    public void stepReturn() throws DebugException {
        notSupported("step return needs a call stack; Hartbench steps one instruction at a time", null);
    }

    private void step(int detail) throws DebugException {
        target().checkAlive();
        if (!suspended) {
            requestFailed("hart " + hart + " is not suspended", null);
        }
        synchronized (this) {
            leaveStop();
            stepping = true;
        }
        fireResumeEvent(detail);
        try {
            target().machine().stepHart(hart);
        } catch (IllegalStateException e) {
            stepping = false;
            requestFailed(e.getMessage(), e);
        }
    }

    @Override
    public boolean canTerminate() {
        return target().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return target().isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        target().terminate();
    }

    // ------------------------------------------------------------------ machine events

    /** The hart stopped (emulator thread): record why and tell the Debug view. */
    void suspendedBy(DebugListener.Reason reason, long pc) {
        int detail = switch (reason) {
            case BREAKPOINT -> DebugEvent.BREAKPOINT;
            case STEP -> DebugEvent.STEP_END;
            case SUSPEND_REQUEST -> DebugEvent.CLIENT_REQUEST;
        };
        synchronized (this) {
            hitBreakpoints = reason == DebugListener.Reason.BREAKPOINT ? target().breakpointsAt(pc) : List.of();
            stepping = false;
            suspended = true;
            frame = null;
            stops++;
        }
        fireSuspendEvent(detail);
        if (target().isSuspended()) {
            target().hartStateChanged();
        }
    }

    /** The hart runs again (emulator or caller thread). */
    void resumed() {
        boolean wasAllStopped = target().isSuspended();
        synchronized (this) {
            leaveStop();
        }
        fireResumeEvent(DebugEvent.CLIENT_REQUEST);
        if (wasAllStopped) {
            target().hartStateChanged();
        }
    }

    /** Forgets the current stop, remembering its registers for change marks at the next one. */
    private void leaveStop() {
        if (frame != null) {
            previous = frame.snapshot();
        }
        frame = null;
        stops++;
        suspended = false;
        hitBreakpoints = List.of();
    }
}
