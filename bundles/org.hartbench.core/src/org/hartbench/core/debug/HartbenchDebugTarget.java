package org.hartbench.core.debug;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.IBreakpointManagerListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.hartbench.core.debug.dwarf.LineTable;
import org.hartbench.emulator.api.DebugListener;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.Machine;

/**
 * A running Hartbench machine seen by the platform debugger: one {@link HartThread} per hart,
 * address breakpoints installed into the machine, and guest memory for the Memory view.
 *
 * <p>Suspending the target suspends every hart (each reports its own SUSPEND event); resuming it
 * resumes them all. Harts are otherwise independent: a breakpoint stops only the hart that reaches
 * it, which is how a kernel engineer wants to watch one CPU while the others keep scheduling.
 *
 * <p>Threading: the machine calls {@link Events} on its own threads; those callbacks only update
 * flags and queue debug events (the platform dispatches them asynchronously), so the emulator
 * never waits on the UI. Reading state goes through the machine's inspector, which never
 * perturbs the guest.
 */
public final class HartbenchDebugTarget extends HartbenchDebugElement
        implements IDebugTarget, IMemoryBlockRetrievalExtension, IBreakpointManagerListener {

    private final ILaunch launch;
    private final IProcess process;
    private final Machine machine;
    private final ElfImage image;
    private final HartThread[] threads;
    private final Events events = new Events();
    private final AtomicBoolean terminated = new AtomicBoolean();

    /** Where each installed breakpoint sits; a pc stays in the machine while any breakpoint uses it. */
    private final Map<AddressBreakpoint, Long> installed = new ConcurrentHashMap<>();
    /** Why a breakpoint could not be installed (for example an unknown symbol). */
    private final Map<AddressBreakpoint, String> problems = new ConcurrentHashMap<>();
    private final Object breakpointLock = new Object();
    /** The watchpoints in the machine (a separate mechanism from pc breakpoints). */
    private final InstalledWatchpoints watchpoints;
    /** The image's DWARF line table, read on first use; empty when the image has none or is unreadable. */
    private Optional<LineTable> lines;

    private HartbenchDebugTarget(ILaunch launch, IProcess process, Machine machine, ElfImage image) {
        super(null);
        this.launch = Objects.requireNonNull(launch, "launch");
        this.process = process;
        this.machine = Objects.requireNonNull(machine, "machine");
        this.image = image != null ? image : machine.inspector().image();
        int n = machine.inspector().hartCount();
        watchpoints = new InstalledWatchpoints(machine, this.image);
        threads = new HartThread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new HartThread(this, i);
        }
    }

    /**
     * Builds a debug target around a machine, adds it to the launch, installs every enabled
     * Hartbench breakpoint and starts following the machine. Call it before {@code machine.start()}
     * to catch breakpoints in early boot; calling it on a running machine works too.
     *
     * @param launch  the launch the target belongs to
     * @param process the process that represents the machine in the launch, or null
     * @param machine a loaded machine
     * @param image   the ELF loaded into it (for symbols), or null to take it from the inspector
     */
    public static HartbenchDebugTarget create(ILaunch launch, IProcess process, Machine machine, ElfImage image) {
        HartbenchDebugTarget target = new HartbenchDebugTarget(launch, process, machine, image);
        target.attach();
        return target;
    }

    private void attach() {
        machine.addDebugListener(events);
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        manager.addBreakpointListener(this);
        manager.addBreakpointManagerListener(this);
        if (manager.isEnabled()) {
            for (IBreakpoint bp : manager.getBreakpoints(DebugModel.ID)) {
                breakpointAdded(bp);
            }
        }
        if (launch.getSourceLocator() == null) {
            launch.setSourceLocator(new HartbenchSourceLocator());
        }
        launch.addDebugTarget(this);
        fireCreationEvent();
        for (HartThread t : threads) {
            t.fireCreationEvent();
        }
        Thread watcher = new Thread(this::watchExit, "Hartbench debug target: exit watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Waits for the machine to end (by itself or by terminate), then reports the end once. */
    private void watchExit() {
        try {
            while (!terminated.get() && machine.awaitExit(Duration.ofMillis(500)).isEmpty()) {
                // poll so a target terminated by hand lets this thread go promptly
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminated();
    }

    /** The Hartbench targets registered with the launch manager that have not ended. */
    public static List<HartbenchDebugTarget> live() {
        return Arrays.stream(DebugPlugin.getDefault().getLaunchManager().getDebugTargets())
                .filter(t -> t instanceof HartbenchDebugTarget h && !h.isTerminated())
                .map(HartbenchDebugTarget.class::cast).toList();
    }

    /** The machine behind this target. */
    public Machine machine() {
        return machine;
    }

    /** The ELF image whose symbols label frames and resolve breakpoints; may be null. */
    public ElfImage image() {
        return image;
    }

    /** The C file and line a kernel pc came from, when the image carries DWARF line info. */
    public Optional<LineTable.Location> sourceOf(long pc) {
        return lineTable().flatMap(t -> t.lookup(pc));
    }

    private synchronized Optional<LineTable> lineTable() {
        if (lines == null) {
            lines = Optional.empty();
            if (image != null && image.path() != null) {
                try {
                    lines = Optional.of(LineTable.read(image.path()));
                } catch (IOException e) {
                    ILog.of(getClass()).log(Status.warning("no source lines for " + image.path() + ": " + e.getMessage(), e));
                }
            }
        }
        return lines;
    }

    /** The thread of one hart. */
    public HartThread hartThread(int hart) {
        return threads[hart];
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IProcess getProcess() {
        return process;
    }

    @Override
    public IThread[] getThreads() {
        return isTerminated() ? new IThread[0] : threads.clone();
    }

    @Override
    public boolean hasThreads() {
        return !isTerminated() && threads.length > 0;
    }

    @Override
    public String getName() {
        String file = image != null ? Locations.imageName(image) : "kernel";
        int n = threads.length;
        return "Hartbench " + file + " (" + n + (n == 1 ? " hart, " : " harts, ")
                + machine.config().mode().name().toLowerCase() + ")";
    }

    // ------------------------------------------------------------------ run control

    @Override
    public boolean canSuspend() {
        return !isTerminated() && Arrays.stream(threads).anyMatch(HartThread::canSuspend);
    }

    @Override
    public boolean canResume() {
        return !isTerminated() && Arrays.stream(threads).anyMatch(HartThread::isSuspended);
    }

    /** True when every hart is held by the debugger. */
    @Override
    public boolean isSuspended() {
        return !isTerminated() && Arrays.stream(threads).allMatch(HartThread::isSuspended);
    }

    /** Suspends every hart; each thread fires its own SUSPEND event as its hart stops. */
    @Override
    public void suspend() throws DebugException {
        for (HartThread t : threads) {
            if (t.canSuspend()) {
                t.suspend();
            }
        }
    }

    /** Resumes every hart (and ends any pause of the machine). */
    @Override
    public void resume() throws DebugException {
        checkAlive();
        machine.resume();
    }

    @Override
    public boolean canTerminate() {
        return !isTerminated();
    }

    @Override
    public boolean isTerminated() {
        return terminated.get() || machine.exitStatus().isPresent();
    }

    /** Stops the machine (waiting for its threads to end) and the launch's process, if any. */
    @Override
    public void terminate() throws DebugException {
        machine.stop();
        if (process != null && process.canTerminate()) {
            process.terminate();
        }
        terminated();
    }

    private void terminated() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        machine.removeDebugListener(events);
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        manager.removeBreakpointListener(this);
        manager.removeBreakpointManagerListener(this);
        installed.clear();
        watchpoints.clear();
        for (HartThread t : threads) {
            t.fireTerminateEvent();
        }
        fireTerminateEvent();
    }

    void checkAlive() throws DebugException {
        if (isTerminated()) {
            throw new DebugException(Status.error("the machine has ended"));
        }
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        notSupported("the emulated machine runs inside the IDE: terminate it instead", null);
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    /** Fires a state change of the target when every hart has stopped or the first one runs again. */
    void hartStateChanged() {
        fireChangeEvent(DebugEvent.STATE);
    }

    // ------------------------------------------------------------------ breakpoints

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return (breakpoint instanceof AddressBreakpoint || breakpoint instanceof AddressWatchpoint)
                && DebugModel.ID.equals(breakpoint.getModelIdentifier());
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        if (!supportsBreakpoint(breakpoint) || isTerminated()) {
            return;
        }
        if (breakpoint instanceof AddressWatchpoint wp) {
            if (wanted(wp)) {
                watchpoints.install(wp);
            }
            return;
        }
        AddressBreakpoint bp = (AddressBreakpoint) breakpoint;
        try {
            if (!bp.isEnabled() || !DebugPlugin.getDefault().getBreakpointManager().isEnabled()) {
                return;
            }
            long pc = bp.resolve(image);
            synchronized (breakpointLock) {
                problems.remove(bp);
                if (installed.putIfAbsent(bp, pc) == null) {
                    machine.addBreakpoint(pc);
                }
            }
        } catch (CoreException e) {
            problems.put(bp, e.getStatus().getMessage());
            ILog.of(getClass()).log(Status.warning("Hartbench breakpoint not installed: " + e.getStatus().getMessage()));
        }
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        if (breakpoint instanceof AddressWatchpoint wp) {
            watchpoints.uninstall(wp);
            return;
        }
        if (!(breakpoint instanceof AddressBreakpoint bp)) {
            return;
        }
        synchronized (breakpointLock) {
            problems.remove(bp);
            Long pc = installed.remove(bp);
            if (pc != null && !installed.containsValue(pc)) {
                machine.removeBreakpoint(pc);
            }
        }
    }

    /**
     * Enabling or disabling a breakpoint installs or removes it. Its location never changes after
     * creation, so an installed breakpoint that stays enabled is left alone: taking it out and
     * back would open a window in which a running hart could pass it.
     */
    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        if (!supportsBreakpoint(breakpoint)) {
            return;
        }
        boolean wanted = wanted(breakpoint);
        if (breakpoint instanceof AddressWatchpoint wp) {
            // Its kinds may have changed too: install() reinstalls only when something differs.
            if (wanted) {
                watchpoints.install(wp);
            } else {
                watchpoints.uninstall(wp);
            }
            return;
        }
        if (!wanted) {
            breakpointRemoved(breakpoint, delta);
        } else if (!installed.containsKey(breakpoint)) {
            breakpointAdded(breakpoint);
        }
    }

    /** Enabled, and the manager is not skipping breakpoints. */
    private static boolean wanted(IBreakpoint breakpoint) {
        try {
            return breakpoint.isEnabled() && DebugPlugin.getDefault().getBreakpointManager().isEnabled();
        } catch (CoreException e) {
            return false; // the marker is gone
        }
    }

    /** "Skip all breakpoints" removes them from the machine; turning it off puts them back. */
    @Override
    public void breakpointManagerEnablementChanged(boolean enabled) {
        for (IBreakpoint bp : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(DebugModel.ID)) {
            if (enabled) {
                breakpointAdded(bp);
            } else {
                breakpointRemoved(bp, null);
            }
        }
    }

    /** Where a breakpoint is installed in this machine, or empty when it is not. */
    public OptionalLong installedAddress(AddressBreakpoint bp) {
        Long pc = installed.get(bp);
        return pc == null ? OptionalLong.empty() : OptionalLong.of(pc);
    }

    /** Why a breakpoint could not be installed in this machine (for example an unknown symbol). */
    public Optional<String> installProblem(AddressBreakpoint bp) {
        return Optional.ofNullable(problems.get(bp));
    }

    /** Whether a watchpoint is in this machine now. */
    public boolean isInstalled(AddressWatchpoint wp) {
        return watchpoints.isInstalled(wp);
    }

    /** Why a watchpoint could not be installed in this machine. */
    public Optional<String> installProblem(AddressWatchpoint wp) {
        return watchpoints.problem(wp);
    }

    /** The installed watchpoints an access touched, for the thread that stopped after it. */
    List<IBreakpoint> watchpointsHitBy(long address, int size, boolean write) {
        return watchpoints.hitBy(address, size, write);
    }

    /** The installed breakpoints at a pc, for the thread that stopped there. */
    List<IBreakpoint> breakpointsAt(long pc) {
        return installed.entrySet().stream().filter(e -> e.getValue() == pc).map(e -> (IBreakpoint) e.getKey()).toList();
    }

    // ------------------------------------------------------------------ memory

    @Override
    public boolean supportsStorageRetrieval() {
        return true;
    }

    /** A block of physical memory (the classic Memory view API takes no context). */
    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        checkAlive();
        return new GuestMemoryBlock(this, "phys:0x" + Long.toHexString(startAddress), startAddress, -1, length);
    }

    /**
     * A block for the Memory view. The expression is a symbol, {@code symbol+offset} or hex
     * address, read through the translation of the hart whose thread or frame is the context;
     * prefix it with {@code phys:} (or select the target itself) to read physical memory.
     */
    @Override
    public IMemoryBlockExtension getExtendedMemoryBlock(String expression, Object context) throws DebugException {
        checkAlive();
        String text = expression == null ? "" : expression.trim();
        boolean physical = text.regionMatches(true, 0, "phys:", 0, 5);
        if (physical) {
            text = text.substring(5).trim();
        }
        int hart = -1;
        if (!physical) {
            if (context instanceof HartThread t) {
                hart = t.hart();
            } else if (context instanceof HartStackFrame f) {
                hart = f.hart();
            }
        }
        long address;
        try {
            address = Locations.resolve(text, image);
        } catch (IllegalArgumentException e) {
            throw new DebugException(Status.error(e.getMessage()));
        }
        return new GuestMemoryBlock(this, expression, address, hart, GuestMemoryBlock.DEFAULT_LENGTH);
    }

    // ------------------------------------------------------------------ emulator callbacks

    /** The machine's debug events, delivered on emulator threads. */
    private final class Events implements DebugListener {
        @Override
        public void onSuspended(int hart, Reason reason, long pc) {
            threads[hart].suspendedBy(reason, pc);
        }

        @Override
        public void onWatchpointHit(int hart, long address, int size, boolean write) {
            threads[hart].watchpointHit(address, size, write);
        }

        @Override
        public void onResumed(int hart) {
            threads[hart].resumed();
        }
    }
}
