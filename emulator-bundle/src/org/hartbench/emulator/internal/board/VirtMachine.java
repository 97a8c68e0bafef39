package org.hartbench.emulator.internal.board;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@link #awaitExit()} returns when they have.
 */
public final class VirtMachine implements Machine {

    private static final AtomicInteger MACHINE_NUMBERS = new AtomicInteger();
    /** Parallel mode drains trace rings this often (deterministic mode drains every round). */
    private static final long TRACE_DRAIN_NANOS = 1_000_000;
    /** How often the supervisor looks at the timeout when it has nothing else to do. */
    private static final long SUPERVISE_NANOS = 100_000_000;

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
    private final long dtbAddress;
    private final RunControl control;
    private final SliceRunner slices;
    private final DeterministicScheduler deterministic;
    private final ParallelScheduler parallel;

    private final List<ConsoleListener> consoleListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<byte[]> pendingInput = new ConcurrentLinkedQueue<>();
    private final AtomicReference<ExitStatus> exitStatus = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicInteger liveRunners = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    /** Guarded by this. */
    /** Written under this object's monitor; volatile so that {@link #runState} needs no lock. */
    private volatile boolean started;
    private volatile ElfImage image;
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
        dtbAddress = DeviceTreeGenerator.loadAddress(ramBytes, dtb.length);
        ram.write(dtbAddress, dtb, 0, dtb.length);

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

        // QEMU -bios none reset: M-mode at the start of RAM, a0 = hart id, a1 = device tree
        for (Hart h : harts) {
            h.reset(MemoryMap.RAM.base(), h.id, dtbAddress);
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
        file.loadInto(ram, ram.base(), ram.size());
        image = file;
        return file;
    }

    /** Copies raw bytes into RAM at a physical address (tests and raw images). */
    public void loadBytes(long address, byte[] bytes) {
        checkNotStarted();
        if (!ram.write(address, bytes, 0, bytes.length)) {
            throw new IllegalArgumentException(String.format("%d bytes at 0x%x do not fit in RAM", bytes.length, address));
        }
    }

    public long deviceTreeAddress() {
        return dtbAddress;
    }

    // ------------------------------------------------------------------ running

    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("machine already started");
        }
        if (exitStatus.get() != null) {
            throw new IllegalStateException("machine has ended");
        }
        started = true;
        startNanos = System.nanoTime();
        if (deterministic != null) {
            threads.add(newThread("scheduler", deterministic));
        } else {
            for (int i = 0; i < slots.length; i++) {
                int index = i;
                Thread t = newThread("hart" + i, () -> parallel.runHart(slots[index], index));
                slots[i].thread = t;
                threads.add(t);
            }
        }
        liveRunners.set(threads.size());
        for (int i = 0; i < threads.size(); i++) {
            control.runnerStarted();
        }
        threads.add(newThread("supervisor", this::supervise));
        for (Thread t : threads) {
            t.start();
        }
    }

    private Thread newThread(String name, Runnable body) {
        Thread t = new Thread(body, threadPrefix + name);
        t.setDaemon(true);
        return t;
    }

    /** Prefix of every thread this machine starts (tests check none survive stop). */
    public String threadPrefix() {
        return threadPrefix;
    }

    /**
     * Ends the machine on the timeout and, in parallel mode, drains the trace rings periodically;
     * leaves when the runners have gone.
     */
    private void supervise() {
        long timeout = config.timeout() == null ? Long.MAX_VALUE : config.timeout().toNanos();
        boolean drain = parallel != null && config.trace();
        try {
            while (terminated.getCount() > 0) {
                long left = timeout - (System.nanoTime() - startNanos - control.pausedNanos());
                if (left <= 0) {
                    finish(new ExitStatus(ExitStatus.Kind.TIMEOUT, 0, String.format(java.util.Locale.ROOT,
                            "timeout of %.3f s reached", timeout / 1e9)));
                    break;
                }
                // While paused the deadline moves; look again at least every SUPERVISE_NANOS.
                long wait = Math.min(left, drain ? TRACE_DRAIN_NANOS : SUPERVISE_NANOS);
                if (terminated.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (drain) {
                    trace.drain();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            internalError(t);
        }
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
        List<Thread> toJoin;
        synchronized (this) {
            toJoin = new ArrayList<>(threads);
        }
        if (toJoin.contains(Thread.currentThread())) {
            return;
        }
        boolean interrupted = false;
        for (Thread t : toJoin) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
