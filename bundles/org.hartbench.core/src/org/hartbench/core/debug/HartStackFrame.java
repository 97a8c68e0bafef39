package org.hartbench.core.debug;

import java.util.Optional;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.hartbench.core.debug.dwarf.LineTable;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.PrivilegeMode;

/**
 * One frame of a suspended hart, named {@code symbol+offset (pc)} and, when the kernel carries
 * DWARF line info, the C file and line. Level 0 is where the hart stopped and shows all its
 * registers; levels above it are callers found by {@link FrameWalker}, whose pc is a return
 * address and whose only known registers are that pc and their frame pointer.
 *
 * <p>The current frame's registers can be written while the hart is suspended; the frame then
 * {@link #refresh refreshes} in place, so the Debug view keeps it selected.
 */
public final class HartStackFrame extends HartbenchDebugElement implements IStackFrame {

    private final HartThread thread;
    private final int level;
    private final long fp;
    /** Replaced together when a register write refreshes the current frame; guarded by this. */
    private HartSnapshot snapshot;
    private long pc;
    private IRegisterGroup[] groups;
    private Optional<LineTable.Location> source;

    /** The current frame of a stop; previous (may be null) is the state at the hart's last stop. */
    HartStackFrame(HartThread thread, HartSnapshot snapshot, HartSnapshot previous) {
        super(thread.target());
        this.thread = thread;
        this.level = 0;
        this.fp = 0; // read from the snapshot, which a register write may replace
        refresh(snapshot, previous);
    }

    /** A caller frame at the given level (1: the current frame's caller). */
    HartStackFrame(HartThread thread, HartSnapshot snapshot, int level, FrameWalker.Frame frame) {
        super(thread.target());
        this.thread = thread;
        this.level = level;
        this.fp = frame.fp();
        this.snapshot = snapshot;
        this.pc = frame.pc();
        this.groups = HartRegisterGroup.callerGroups(this, frame);
        // A return address points after the call; the line of the call is the one before it.
        this.source = thread.target().sourceOf(frame.pc() - 1);
    }

    /** Takes a new snapshot of the stopped hart (after a register write); only for the current frame. */
    synchronized void refresh(HartSnapshot now, HartSnapshot previous) {
        this.snapshot = now;
        this.pc = now.pc();
        this.groups = HartRegisterGroup.groupsOf(this, now, previous);
        // User programs are separate ELF files: the kernel's line table says nothing about them.
        this.source = now.mode() == PrivilegeMode.USER ? Optional.empty() : thread.target().sourceOf(now.pc());
    }

    /** The hart state at the stop (for a caller frame: of the hart, not of that frame). */
    public synchronized HartSnapshot snapshot() {
        return snapshot;
    }

    /** The hart's index. */
    public int hart() {
        return thread.hart();
    }

    /** 0 for the frame the hart stopped in, 1 for its caller, and so on. */
    public int level() {
        return level;
    }

    /** The pc this frame stopped at, or for a caller the address its callee returns to. */
    public synchronized long pc() {
        return pc;
    }

    /** The frame pointer (s0) of this frame, 0 when the walk does not know it. */
    public long framePointer() {
        return level == 0 ? snapshot().x()[8] : fp;
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    /** The C source file and line of the pc (of the call, for a caller), when the kernel has DWARF line info for it. */
    public synchronized Optional<LineTable.Location> source() {
        return source;
    }

    /**
     * The function symbol and offset of this frame's pc, or empty when none covers it. For a
     * caller the function is the one holding the call (at pc-1), as gdb does: a call to a
     * function that never returns can be a function's last instruction, and its return address
     * is then the first byte of the next symbol.
     */
    public Optional<String> symbol() {
        long at = pc();
        if (level == 0) {
            return Locations.symbolicName(at, target().image());
        }
        return Locations.symbolCovering(at - 1, target().image())
                .map(s -> s.name() + "+0x" + Long.toHexString(at - s.address()));
    }

    /**
     * "schedule+0x1c (0x0000000080006c12) at sched.c:150", or just the address where no symbol
     * covers it.
     */
    @Override
    public String getName() {
        long at;
        Optional<LineTable.Location> line;
        PrivilegeMode mode;
        synchronized (this) {
            at = pc;
            line = source;
            mode = snapshot.mode();
        }
        String hex = Locations.hex(at);
        if (mode == PrivilegeMode.USER) {
            return "user code (" + hex + ")"; // user programs' symbols are not in the kernel ELF
        }
        String where = line.map(l -> " at " + l.file().getFileName() + ":" + l.line()).orElse("");
        return symbol().map(s -> s + " (" + hex + ")").orElse(hex) + where;
    }

    @Override
    public IVariable[] getVariables() {
        return new IVariable[0];
    }

    @Override
    public boolean hasVariables() {
        return false;
    }

    @Override
    public synchronized int getLineNumber() {
        return source.map(LineTable.Location::line).orElse(-1);
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public synchronized IRegisterGroup[] getRegisterGroups() {
        return groups.clone();
    }

    @Override
    public boolean hasRegisterGroups() {
        return true;
    }

    // Run control acts on the frame's thread, as the Debug view expects when a frame is selected.

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    @Override
    public boolean canStepReturn() {
        return false;
    }

    @Override
    public boolean isStepping() {
        return thread.isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        thread.stepInto();
    }

    @Override
    public void stepOver() throws DebugException {
        thread.stepOver();
    }

    @Override
    public void stepReturn() throws DebugException {
        thread.stepReturn();
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }
}
