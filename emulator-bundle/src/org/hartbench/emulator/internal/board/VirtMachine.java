package org.hartbench.emulator.internal.board;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.hartbench.emulator.api.ConsoleListener;
import org.hartbench.emulator.api.DebugListener;
import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Inspector;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.internal.bus.Bus;
import org.hartbench.emulator.internal.bus.InterruptLine;
import org.hartbench.emulator.internal.bus.MemoryMap;
import org.hartbench.emulator.internal.bus.Ram;
import org.hartbench.emulator.internal.cpu.Cause;
import org.hartbench.emulator.internal.cpu.CodeCache;
import org.hartbench.emulator.internal.cpu.Hart;
import org.hartbench.emulator.internal.devices.Plic;
import org.hartbench.emulator.internal.devices.SifiveTest;
import org.hartbench.emulator.internal.devices.TraceDevice;
import org.hartbench.emulator.internal.devices.Uart16550;
import org.hartbench.emulator.internal.devices.VirtioBlock;
import org.hartbench.emulator.internal.devices.VirtioMmio;
import org.hartbench.emulator.internal.elf.ElfFile;
import org.hartbench.emulator.internal.fdt.DeviceTreeGenerator;

/**
 * Hartbench's QEMU-virt-compatible board, and its {@link Machine} API. The constructor is the
 * wiring diagram; the schedulers ({@link DeterministicScheduler}, {@link ParallelScheduler}) run
 * the harts; {@link RunControl} holds them for pause and the debugger.
 *
 * <p>Life cycle: built (harts reset, device tree in RAM), optionally loaded, started once, ended
 * once by the first of: the finisher, the instruction limit, the timeout, a guest error, stop.
 * The exit status is fixed by that first event; the runner threads then leave, and
 * {@link #awaitExit()} returns when they have. {@link #reset()} takes an ended (or stopped)
 * machine back to the built state, so one board can run many times (see {@link #resetState}).
 */
public final class VirtMachine implements Machine {

    private static final AtomicInteger MACHINE_NUMBERS = new AtomicInteger();

    /** The STOPPED message of a run on the calling thread that went idle. */
    public static final String IDLE_MESSAGE = "idle: every hart waits in wfi with no timer armed";

    private final MachineConfig config;
    private final String threadPrefix = "hartbench-m" + MACHINE_NUMBERS.incrementAndGet() + "-";

    private final Ram ram;
    private final Bus bus;
    private final MachineClock clock;
    private final Hart[] harts;
    private final HartSlot[] slots;
    private final Plic plic;
    private final Uart16550 uart;
    private final TraceDevice trace;
    private final VirtioBlock disk;
    private final RamContents contents;
    private final RunControl control;
    private final SliceRunner slices;
    private final DeterministicScheduler deterministic;
    private final ParallelScheduler parallel;
    private final Supervisor supervisor;

    private final List<ConsoleListener> consoleListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<byte[]> pendingInput = new ConcurrentLinkedQueue<>();
    private final AtomicReference<ExitStatus> exitStatus = new AtomicReference<>();
    /** Counted down when the run has ended and its threads are leaving; a new one per reset. */
    private volatile CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicInteger liveRunners = new AtomicInteger();
    /** The current run's threads; null before the first start. Guarded by this. */
    private RunnerThreads threads;

    /** Guarded by this. */
    /** Written under this object's monitor; volatile so that {@link #runState} needs no lock. */
    private volatile boolean started;
    private volatile ElfImage image;
    /** The run was started by runOnCallingThread: no supervisor thread, and idle ends it. */
    private volatile boolean callerDriven;
    private volatile long startNanos;
    private volatile long endNanos;

    public VirtMachine(MachineConfig config) {
        this.config = config.validate();
        int n = config.harts();
        long ramBytes = (long) config.ramMiB() << 20;
        boolean isParallel = config.mode() == ExecutionMode.PARALLEL;

        // Memory and time
        ram = new Ram(MemoryMap.RAM.base(), ramBytes);
        CodeCache code = new CodeCache(ram);
        bus = new Bus(ram);
        clock = isParallel ? new HostClock() : new VirtualClock();

        // Harts
        harts = new Hart[n];
        slots = new HartSlot[n];
        for (int i = 0; i < n; i++) {
            harts[i] = new Hart(i, bus, code, clock);
            slots[i] = new HartSlot(harts[i]);
        }

        // Devices, each on its interrupt wire: CLINT -> MSIP; PLIC contexts 2h / 2h+1 -> hart h's MEIP / SEIP
        Clint clint = new Clint(harts, clock);
        plic = new Plic(n, context -> hartLine(harts[context / 2], context % 2 == 0 ? Cause.MEIP : Cause.SEIP));
        uart = new Uart16550(plic.source(MemoryMap.UART0.irq()), this::consoleOutput);
        SifiveTest finisher = new SifiveTest(this::onFinish);
        trace = new TraceDevice(ram, isParallel);
        disk = config.disk() == null ? null : openDisk(ram, config, plic.source(MemoryMap.VIRTIO0.irq()));

        // The memory map (one table: MemoryMap)
        bus.map(MemoryMap.TEST, finisher);
        bus.map(MemoryMap.CLINT, clint);
        bus.map(MemoryMap.PLIC, plic);
        bus.map(MemoryMap.UART0, uart);
        bus.map(MemoryMap.VIRTIO0, disk != null ? disk : VirtioMmio.emptySlot());
        if (config.trace()) {
            bus.map(MemoryMap.TRACE, trace);
        }

        // Device tree near the end of RAM, as QEMU places it
        byte[] dtb = DeviceTreeGenerator.generate(config);
        contents = new RamContents(ram, code, dtb, DeviceTreeGenerator.loadAddress(ramBytes, dtb.length));

        // Scheduling
        control = new RunControl(slots, clock, this::wakeAllHarts);
        slices = new SliceRunner(control, config.maxInstructions(), this::finish);
        for (Hart h : harts) {
            h.setWatchList(slices.watches);
        }
        if (isParallel) {
            parallel = new ParallelScheduler(this, slices, (HostClock) clock, control);
            deterministic = null;
            for (HartSlot s : slots) {
                s.hart.setWaker(h -> LockSupport.unpark(s.thread));
            }
        } else {
            deterministic = new DeterministicScheduler(this, slices, slots, (VirtualClock) clock, control,
                    config.quantum());
            parallel = null;
        }
        supervisor = new Supervisor(this, control, isParallel && config.trace() ? trace : null, config.timeout());

        // QEMU -bios none reset: M-mode at the start of RAM, a0 = hart id, a1 = device tree
        for (Hart h : harts) {
            h.reset(MemoryMap.RAM.base(), h.id, contents.deviceTreeAddress());
        }
    }

    private static InterruptLine hartLine(Hart hart, long bit) {
        return high -> hart.setLine(bit, high);
    }

    private static VirtioBlock openDisk(Ram ram, MachineConfig config, InterruptLine irq) {
        try {
            return new VirtioBlock(ram, irq, config.disk(), config.diskReadOnly());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open disk image: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ loading

    @Override
    public MachineConfig config() {
        return config;
    }

    @Override
    public ElfImage load(Path elf) throws IOException, ElfFormatException {
        checkNotStarted();
        ElfFile file = ElfFile.read(elf);
        synchronized (this) {
            contents.load(file);
        }
        image = file;
        return file;
    }

    /** Copies raw bytes into RAM at a physical address (tests and raw images). */
    public void loadBytes(long address, byte[] bytes) {
        checkNotStarted();
        synchronized (this) {
            contents.loadBytes(address, bytes);
        }
    }

    public long deviceTreeAddress() {
        return contents.deviceTreeAddress();
    }

    // ------------------------------------------------------------------ running

    @Override
    public synchronized void start() {
        int runners = deterministic != null ? 1 : slots.length;
        beginRun(runners, false);
        threads = new RunnerThreads(threadPrefix, runners + 1);
        if (deterministic != null) {
            threads.start("scheduler", deterministic);
        } else {
            for (int i = 0; i < slots.length; i++) {
                int index = i;
                threads.start("hart" + i, () -> parallel.runHart(slots[index], index));
            }
        }
        threads.start("supervisor", supervisor);
    }

    /**
     * Runs a deterministic machine to its end on the calling thread, with no scheduler or
     * supervisor thread: for batches of short runs (the robustness test makes 10^5), where waking
     * two threads per run costs more than the run on a busy host. Results are those of start and
     * awaitExit, but the timeout is checked once per round, and a machine that goes idle (only host
     * input could wake it, and the host is busy here) ends at once with {@link #IDLE_MESSAGE}.
     * Other threads may pause, suspend or stop it meanwhile. IllegalStateException in parallel mode.
     */
    public ExitStatus runOnCallingThread() {
        RunnerThreads run;
        synchronized (this) {
            if (deterministic == null) {
                throw new IllegalStateException("only a deterministic machine can run on the calling thread");
            }
            beginRun(1, true);
            threads = run = new RunnerThreads(threadPrefix, 1);
        }
        run.runHere("scheduler", deterministic);
        return exitStatus.get();
    }

    /** Marks the machine started with this many runners. Called holding this. */
    private void beginRun(int runners, boolean onCaller) {
        if (started) {
            throw new IllegalStateException("machine already started (reset it to run again)");
        }
        if (exitStatus.get() != null) {
            throw new IllegalStateException("machine has ended (reset it to run again)");
        }
        started = true;
        callerDriven = onCaller;
        startNanos = System.nanoTime();
        liveRunners.set(runners);
        for (int i = 0; i < runners; i++) {
            control.runnerStarted();
        }
    }

    /** Prefix of every thread this machine starts (tests check none survive stop). */
    public String threadPrefix() {
        return threadPrefix;
    }

    long startNanos() {
        return startNanos;
    }

    boolean awaitRunEnd(long time, TimeUnit unit) throws InterruptedException {
        return terminated.await(time, unit);
    }

    /** Deterministic mode's device tick, once per round. */
    void tickDevices() {
        byte[] input;
        while ((input = pendingInput.poll()) != null) {
            uart.receive(input);
        }
        if (config.trace()) {
            trace.drain();
        }
        if (callerDriven) {
            supervisor.checkTimeout();
        }
    }

    /** Every hart in wfi, no timer armed: true to wait for host input; a caller-driven run ends instead. */
    boolean waitWhenIdle() {
        if (!callerDriven) {
            return true;
        }
        finish(new ExitStatus(ExitStatus.Kind.STOPPED, 0, IDLE_MESSAGE));
        return false;
    }

    boolean hostInputPending() {
        return !pendingInput.isEmpty();
    }

    private void wakeAllHarts() {
        for (HartSlot s : slots) {
            Thread t = s.thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void consoleOutput(byte[] data, int offset, int length) {
        for (ConsoleListener l : consoleListeners) {
            l.onOutput(data, offset, length);
        }
    }

    private void onFinish(SifiveTest.Finish f) {
        if (f.kind() == SifiveTest.Kind.RESET) {
            finish(new ExitStatus(ExitStatus.Kind.STOPPED, 0,
                    "the guest asked the finisher for a reset (0x7777); this board ends the machine instead"));
        } else {
            finish(f.toExitStatus());
        }
    }

    /** Ends the machine with this status unless it has already ended. Any thread. */
    boolean finish(ExitStatus status) {
        synchronized (this) {
            if (!exitStatus.compareAndSet(null, status)) {
                return false;
            }
            endNanos = System.nanoTime();
            control.end();
            if (!started) {
                closeDisk();
                terminated.countDown();
            }
        }
        return true;
    }

    /** A host exception inside the emulator: end with a guest error rather than let it escape. */
    void internalError(Throwable t) {
        StackTraceElement[] where = t.getStackTrace();
        String at = where.length > 0 ? " at " + where[0] : "";
        StringBuilder pcs = new StringBuilder();
        for (Hart h : harts) {
            pcs.append(String.format(" hart %d pc 0x%x;", h.id, h.pc()));
        }
        finish(new ExitStatus(ExitStatus.Kind.GUEST_ERROR, 0, "internal emulator error: " + t + at + ";" + pcs));
    }

    /** Called by each runner thread on its way out; the last one delivers remaining trace records. */
    void runnerExited() {
        control.runnerExited();
        if (liveRunners.decrementAndGet() == 0) {
            try {
                if (config.trace()) {
                    trace.drain();
                }
            } finally {
                closeDisk();
                terminated.countDown();
            }
        }
    }

    @Override
    public void pause() {
        control.pause();
    }

    @Override
    public void resume() {
        control.resume();
    }

    @Override
    public boolean isPaused() {
        return control.isPaused();
    }

    /**
     * Ends the machine and waits for its threads. Called on one of the machine's own threads (a
     * console, trace or debug listener), it ends the machine but returns without waiting: that
     * thread is needed to finish the shutdown.
     */
    @Override
    public void stop() {
        finish(new ExitStatus(ExitStatus.Kind.STOPPED, 0, "stopped by the host"));
        RunnerThreads run;
        synchronized (this) {
            run = threads;
        }
        if (run != null && !run.isCurrentThreadOne()) {
            run.awaitAll();
        }
    }

    // ------------------------------------------------------------------ reset

    @Override
    public void reset() throws IOException {
        resetState(true);
    }

    /** {@link #reset()}, but forgetting what load and loadBytes placed: RAM holds only the device tree. */
    public void resetEmpty() throws IOException {
        resetState(false);
    }

    /**
     * Stops the run (joining its threads), then puts back everything a run can change, in the
     * order that keeps the interrupt wires consistent: devices that drive PLIC sources first, the
     * PLIC, memory and decoded code, time and run control, and the harts last (their reset
     * lowers every line and clears mtimecmp).
     */
    private void resetState(boolean reload) throws IOException {
        synchronized (this) {
            if (threads != null && threads.isCurrentThreadOne()) {
                throw new IllegalStateException("reset cannot be called on the machine's own thread (from a console, "
                        + "trace or debug listener): it must wait for that thread to leave");
            }
        }
        stop();
        synchronized (this) {
            if (disk != null) {
                disk.powerOnReset(); // first: if the image cannot be reopened, the machine stays ended
            }
            uart.reset();
            plic.reset();
            trace.reset();
            contents.restore(reload);
            if (!reload) {
                image = null;
            }
            clock.reset();
            control.reset();
            slices.reset();
            if (deterministic != null) {
                deterministic.idle = false;
            }
            for (Hart h : harts) {
                h.reset(MemoryMap.RAM.base(), h.id, contents.deviceTreeAddress());
            }
            pendingInput.clear();
            threads = null;
            liveRunners.set(0);
            startNanos = 0;
            endNanos = 0;
            exitStatus.set(null);
            started = false;
            callerDriven = false;
            terminated = new CountDownLatch(1);
        }
    }

    private void closeDisk() {
        if (disk != null) {
            try {
                disk.close();
            } catch (IOException e) {
                // the machine is gone; nothing useful to do with a failed close of the image
            }
        }
    }

    @Override
    public ExitStatus awaitExit() throws InterruptedException {
        terminated.await();
        return exitStatus.get();
    }

    @Override
    public Optional<ExitStatus> awaitExit(Duration timeout) throws InterruptedException {
        if (terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.of(exitStatus.get());
        }
        return Optional.empty();
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return terminated.getCount() == 0 ? Optional.ofNullable(exitStatus.get()) : Optional.empty();
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ console and trace

    @Override
    public void addConsoleListener(ConsoleListener listener) {
        consoleListeners.add(listener);
    }

    @Override
    public void removeConsoleListener(ConsoleListener listener) {
        consoleListeners.remove(listener);
    }

    @Override
    public void sendConsoleInput(byte[] data) {
        if (deterministic != null) {
            pendingInput.add(data.clone());
            control.signal();
        } else {
            uart.receive(data);
        }
    }

    @Override
    public void addTraceListener(TraceListener listener) {
        trace.addListener(listener);
    }

    @Override
    public void removeTraceListener(TraceListener listener) {
        trace.removeListener(listener);
    }

    // ------------------------------------------------------------------ inspection and debugging

    @Override
    public Inspector inspector() {
        return new MachineInspector(this);
    }

    Ram ram() {
        return ram;
    }

    MachineClock clock() {
        return clock;
    }

    HartSlot slot(int hart) {
        return slots[hart];
    }

    int hartCount() {
        return slots.length;
    }

    ElfImage image() {
        return image;
    }

    /**
     * What a hart is doing, as the host sees it. Takes no lock, so views may poll it while the
     * hart runs; the wfi flag is read without a barrier and may be a few instructions old.
     */
    RunState runState(int hart) {
        if (exitStatus.get() != null) {
            return RunState.HALTED;
        }
        HartSlot s = slots[hart];
        if (!started) {
            return RunState.SUSPENDED;
        }
        if (s.suspended || control.isPaused()) {
            return RunState.SUSPENDED;
        }
        return s.hart.isWaiting() ? RunState.WAITING : RunState.RUNNING;
    }

    /**
     * True when every hart waits in wfi with no timer armed, so the machine can make no progress
     * on its own: only host input (or a device) can wake it. In deterministic mode the scheduler
     * then sleeps until input or a control request; in parallel mode every hart thread is parked.
     */
    public boolean isIdle() {
        if (deterministic != null) {
            return deterministic.idle;
        }
        for (HartSlot s : slots) {
            if (!s.parkedWithoutDeadline) {
                return false;
            }
        }
        return true;
    }

    /** Instructions retired by each hart so far. */
    public long[] instructionsPerHart() {
        long[] r = new long[harts.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = harts[i].retired();
        }
        return r;
    }

    /** Host time the machine has run (until it ended, pauses left out), in nanoseconds. */
    public long runNanos() {
        if (startNanos == 0) {
            return 0;
        }
        return (endNanos != 0 ? endNanos : System.nanoTime()) - startNanos - control.pausedNanos();
    }

    /** The hart objects, for tests that drive a board directly. */
    public Hart hart(int i) {
        return harts[i];
    }

    @Override
    public void suspendHart(int hart) {
        checkHart(hart);
        control.suspend(hart);
    }

    @Override
    public void resumeHart(int hart) {
        checkHart(hart);
        control.resumeHart(hart);
    }

    @Override
    public void stepHart(int hart) {
        checkHart(hart);
        control.requestStep(hart);
    }

    @Override
    public void writeRegister(int hart, int register, long value) {
        checkHart(hart);
        if (register < 1 || register > 31) {
            throw new IllegalArgumentException("no writable register x" + register
                    + (register == 0 ? ": x0 is hard-wired to zero" : ": registers are x1 to x31"));
        }
        control.whileSuspended(hart, s -> s.hart.debugWriteRegister(register, value));
    }

    @Override
    public void writePc(int hart, long pc) {
        checkHart(hart);
        if ((pc & 1) != 0) {
            throw new IllegalArgumentException(String.format("pc 0x%x is odd: instructions are 2-byte aligned", pc));
        }
        // As gdb does, the hart runs the instruction at a written pc even if a breakpoint sits on
        // it: the user put it there on purpose.
        control.whileSuspended(hart, s -> {
            s.hart.debugWritePc(pc);
            s.skipBreakpointOnce = true;
        });
    }

    @Override
    public void addBreakpoint(long pc) {
        slices.breakpoints.add(pc);
    }

    @Override
    public void removeBreakpoint(long pc) {
        slices.breakpoints.remove(pc);
    }

    @Override
    public void addWatchpoint(long physicalAddress, long length, boolean onRead, boolean onWrite) {
        slices.watches.add(physicalAddress, length, onRead, onWrite);
    }

    @Override
    public void removeWatchpoint(long physicalAddress, long length, boolean onRead, boolean onWrite) {
        slices.watches.remove(physicalAddress, length, onRead, onWrite);
    }

    @Override
    public void addDebugListener(DebugListener listener) {
        control.debugListeners.add(listener);
    }

    @Override
    public void removeDebugListener(DebugListener listener) {
        control.debugListeners.remove(listener);
    }

    private void checkHart(int hart) {
        if (hart < 0 || hart >= slots.length) {
            throw new IllegalArgumentException("no hart " + hart + " (machine has " + slots.length + ")");
        }
    }

    private synchronized void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("cannot load into a running machine");
        }
    }
}
