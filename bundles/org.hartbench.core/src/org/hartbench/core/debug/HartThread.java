package org.hartbench.core.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.hartbench.emulator.api.DebugListener;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.Inspector;
import org.hartbench.emulator.api.PrivilegeMode;
import org.hartbench.emulator.api.Symbol;

/**
 * One hart as a debug thread, named after the hart and what it runs: {@code Hart 1 [S] idle_loop}.
 *
 * <p>Stepping is by instruction: {@link #stepInto()} and {@link #stepOver()} both run exactly one
 * instruction (or take one trap), and {@link #stepReturn()} is not offered: the caller frames come
 * from a frame-pointer walk ({@link FrameWalker}), good for showing but not sure enough to run to.
 *
 * <p>State: {@code suspended} follows the machine's debug events and is written on emulator
 * threads; the frames are built lazily from a snapshot on the first request after a stop, and
 * stay the same objects until the hart runs again, so the Debug view keeps its selection.
 */
public final class HartThread extends HartbenchDebugElement implements IThread {

    private final int hart;
    private volatile boolean suspended;
    /** A step was requested and its STEP event has not come yet. */
    private volatile boolean stepping;
    private volatile List<IBreakpoint> hitBreakpoints = List.of();
    /** The watchpoints the last watched access touched, until the WATCHPOINT stop that follows it. */
    private volatile List<IBreakpoint> hitWatchpoints = List.of();
    private HartStackFrame frame;
    /** The callers of {@link #frame}, walked on first request; null until then. */
    private List<HartStackFrame> callers;
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

    /** The current frame and its callers (see {@link FrameWalker}); none while the hart runs. */
    @Override
    public IStackFrame[] getStackFrames() {
        if (!isSuspended()) {
            return new IStackFrame[0];
        }
        HartStackFrame top = frame();
        List<HartStackFrame> up = callers(top);
        IStackFrame[] all = new IStackFrame[1 + up.size()];
        all[0] = top;
        for (int i = 0; i < up.size(); i++) {
            all[i + 1] = up.get(i);
        }
        return all;
    }

    /**
     * The callers of the current frame, walked once per stop (and again after a register write).
     * The walk reads guest memory through the inspector, outside this object's monitor like the
     * snapshot in {@link #frame()}.
     */
    private List<HartStackFrame> callers(HartStackFrame top) {
        synchronized (this) {
            if (callers != null && frame == top) {
                return callers;
            }
        }
        List<HartStackFrame> walked = walkCallers(top);
        synchronized (this) {
            if (frame == top) {
                callers = walked;
            }
        }
        return walked;
    }

    private List<HartStackFrame> walkCallers(HartStackFrame top) {
        HartSnapshot s = top.snapshot();
        if (s.mode() == PrivilegeMode.USER) {
            return List.of(); // user programs' frames are walked with the kernel's symbols nowhere near
        }
        long[] x = s.x();
        OptionalLong start = Locations.symbolCovering(s.pc(), target().image()).map(Symbol::address)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        List<FrameWalker.Frame> chain = FrameWalker.walk(s.pc(), x[1], x[2], x[8], start, guestMemory());
        List<HartStackFrame> result = new ArrayList<>();
        for (int level = 1; level < chain.size(); level++) {
            result.add(new HartStackFrame(this, s, level, chain.get(level)));
        }
        return List.copyOf(result);
    }

    /** This hart's view of guest memory for the frame walk; reads never perturb the machine. */
    private FrameWalker.Memory guestMemory() {
        Inspector inspector = target().machine().inspector();
        return new FrameWalker.Memory() {
            @Override
            public OptionalLong readLong(long address) {
                byte[] b = new byte[8];
                if (inspector.readVirtual(hart, address, b, 0, 8) < 8) {
                    return OptionalLong.empty();
                }
                long v = 0;
                for (int i = 7; i >= 0; i--) {
                    v = v << 8 | (b[i] & 0xFF);
                }
                return OptionalLong.of(v);
            }

            @Override
            public byte[] readCode(long address, int length) {
                byte[] b = new byte[length];
                int n = inspector.readVirtual(hart, address, b, 0, length);
                return n == length ? b : java.util.Arrays.copyOf(b, n);
            }
        };
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

    // ------------------------------------------------------------------ register writes

    /**
     * Writes pc ({@link HartRegister#PC}) or x1 to x31 of the suspended hart, then refreshes the
     * current frame in place and walks its callers again (sp, s0, ra or pc may have moved them).
     */
    void writeRegister(int register, long value) throws DebugException {
        target().checkAlive();
        HartStackFrame top;
        synchronized (this) {
            top = frame;
        }
        if (!suspended || top == null) {
            requestFailed("hart " + hart + " is not suspended: registers can be written only at a stop", null);
        }
        try {
            if (register == HartRegister.PC) {
                target().machine().writePc(hart, value);
            } else {
                target().machine().writeRegister(hart, register, value);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            requestFailed(e.getMessage(), e);
        }
        HartSnapshot now = target().machine().inspector().snapshot(hart);
        HartSnapshot prev;
        synchronized (this) {
            // Change marks compare with the previous stop; at a first stop, with the state before the write.
            prev = previous != null ? previous : top.snapshot();
            callers = null;
        }
        top.refresh(now, prev);
        top.fireChangeEvent(DebugEvent.CONTENT);
        fireChangeEvent(DebugEvent.CONTENT);
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
        notSupported("step return is not offered: Hartbench steps one instruction at a time", null);
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
            case WATCHPOINT -> DebugEvent.BREAKPOINT; // the platform's detail for any breakpoint kind
        };
        synchronized (this) {
            hitBreakpoints = switch (reason) {
                case BREAKPOINT -> target().breakpointsAt(pc);
                case WATCHPOINT -> hitWatchpoints;
                default -> List.of();
            };
            hitWatchpoints = List.of();
            stepping = false;
            suspended = true;
            frame = null;
            callers = null;
            stops++;
        }
        fireSuspendEvent(detail);
        if (target().isSuspended()) {
            target().hartStateChanged();
        }
    }

    /** A watched access on this hart (emulator thread): the WATCHPOINT stop comes next. */
    void watchpointHit(long address, int size, boolean write) {
        hitWatchpoints = target().watchpointsHitBy(address, size, write);
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
        callers = null;
        stops++;
        suspended = false;
        hitBreakpoints = List.of();
    }
}
