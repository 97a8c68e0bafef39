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
 * The one frame of a suspended hart: where it stopped, named {@code symbol+offset (pc)} and, when
 * the kernel carries DWARF line info, the C file and line. There is no unwinding into callers:
 * that needs DWARF call-frame info, which Hartbench does not read.
 */
public final class HartStackFrame extends HartbenchDebugElement implements IStackFrame {

    private final HartThread thread;
    private final HartSnapshot snapshot;
    private final IRegisterGroup[] groups;
    private final Optional<LineTable.Location> source;

    HartStackFrame(HartThread thread, HartSnapshot snapshot, HartSnapshot previous) {
        super(thread.target());
        this.thread = thread;
        this.snapshot = snapshot;
        this.groups = HartRegisterGroup.groupsOf(this, snapshot, previous);
        // User programs are separate ELF files: the kernel's line table says nothing about them.
        this.source = snapshot.mode() == PrivilegeMode.USER ? Optional.empty() : thread.target().sourceOf(snapshot.pc());
    }

    /** The hart state this frame shows, taken when the hart stopped. */
    public HartSnapshot snapshot() {
        return snapshot;
    }

    /** The hart's index. */
    public int hart() {
        return thread.hart();
    }

    /** The pc this frame stopped at. */
    public long pc() {
        return snapshot.pc();
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    /** The C source file and line of the pc, when the kernel has DWARF line info for it. */
    public Optional<LineTable.Location> source() {
        return source;
    }

    /**
     * "schedule+0x1c (0x0000000080006c12) at sched.c:150", or just the address where no symbol
     * covers it.
     */
    @Override
    public String getName() {
        String hex = Locations.hex(snapshot.pc());
        if (snapshot.mode() == PrivilegeMode.USER) {
            return "user code (" + hex + ")"; // user programs' symbols are not in the kernel ELF
        }
        String at = source.map(l -> " at " + l.file().getFileName() + ":" + l.line()).orElse("");
        return Locations.symbolicName(snapshot.pc(), target().image()).map(s -> s + " (" + hex + ")").orElse(hex) + at;
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
    public int getLineNumber() {
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
    public IRegisterGroup[] getRegisterGroups() {
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
