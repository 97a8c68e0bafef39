package org.hartbench.emulator.internal.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.PrivilegeMode;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.internal.bus.Bus;

/**
 * One RV64IMAC hart with M, S and U modes: its architectural state and the entry points a
 * scheduler uses ({@link #run}, the wfi state, the interrupt lines). Instruction semantics live
 * in one small class per extension ({@link Rv64i}, {@link Rv64iMemory}, {@link MulDiv},
 * {@link Atomics}, {@link Zicsr}, {@link Privileged}; C is decoded by {@link CompressedExpander});
 * translation in {@link Mmu}; traps in {@link TrapUnit}; the loop in the {@link ExecutionEngine}.
 *
 * <p>Threads: a hart's state belongs to the one thread running it at the time (its own thread
 * in parallel mode, the scheduler thread in deterministic mode), which holds the board's
 * per-hart run lock while it runs a slice. Only {@link #lineBits} and {@link #mtimecmp} are
 * written by other threads (devices and the CLINT), and they wake the hart through the
 * {@link Waker} the board installed.
 */
public final class Hart {

    /** Called when something another thread did may end this hart's wfi. */
    @FunctionalInterface
    public interface Waker {
        void wake(Hart hart);
    }

    /** Consecutive traps with no instruction retired in between that mean "no progress". */
    public static final int STUCK_TRAP_LIMIT = 64;

    private static final VarHandle LINE_BITS;
    static {
        try {
            LINE_BITS = MethodHandles.lookup().findVarHandle(Hart.class, "lineBits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public final int id;
    /** x0..x31, and x[32]: the sink that writes to x0 go to (see {@link Decoder#X0_SINK}). */
    final long[] x = new long[33];
    long pc;
    /** Current privilege: 0 U, 1 S, 3 M. */
    int priv = 3;
    /** Instructions retired since reset; minstret and mcycle are this plus a CSR offset. */
    long retired;

    final CsrFile csr;
    final Mmu mmu;
    final CodeCache code;
    final TimeSource clock;
    final ExecutionEngine engine;

    /** Interrupt lines driven from outside the hart: MSIP (CLINT), MEIP and SEIP (PLIC). Any thread. */
    private volatile long lineBits;
    /**
     * The CLINT's mtimecmp for this hart. Any thread (the CLINT). Reset: 0, so mip.MTIP is set
     * until software programs it, as on QEMU 7.2.
     */
    volatile long mtimecmp;
    private volatile Waker waker = h -> {
    };

    /** LR reservation: address, the value LR read, and its size; address -1 means none. */
    private long reservedAddress = -1;
    private long reservedValue;
    private int reservedSize;

    // The interpreter's current page, kept here rather than in its locals (see Interpreter).
    DecodedPage page;
    Block[] pageBlocks;
    long pageBase;
    long retiredAtRunStart;

    /** The board's watchpoints (a private empty list for a hart used alone), and its generation this hart's TLB reflects. */
    WatchList watches = new WatchList();
    private long watchGeneration;
    /** The last watched access since {@link #takeWatchHit}: physical address, or -1 for none. */
    private long watchHitAddress = -1;
    private int watchHitSize;
    private boolean watchHitWrite;

    /** Set by an instruction that needs the scheduler before the next instruction. */
    boolean exitRun;
    /** In wfi: the hart does not run until (mip & mie) != 0. */
    private boolean waiting;

    // Progress tracking for the guest-error verdict.
    private int trapsWithoutProgress;
    private long retiredAtLastTrap = -1;
    private long lastTrapCause;
    private long lastTrapPc;
    private long lastTrapValue;

    public Hart(int id, Bus bus, CodeCache code, TimeSource clock) {
        this.id = id;
        this.code = code;
        this.clock = clock;
        this.csr = new CsrFile(this);
        this.mmu = new Mmu(this, bus, code);
        this.engine = Interpreter.INSTANCE;
    }

    /** QEMU's -bios none reset: M-mode at pc with a0 = hart id and a1 = the device tree address. */
    public void reset(long startPc, long a0, long a1) {
        java.util.Arrays.fill(x, 0);
        x[10] = a0;
        x[11] = a1;
        pc = startPc;
        priv = 3;
        retired = 0;
        csr.reset();
        lineBits = 0;
        mtimecmp = 0;
        reservedAddress = -1;
        waiting = false;
        exitRun = false;
        trapsWithoutProgress = 0;
        retiredAtLastTrap = -1;
        mmu.flush();
    }

    public void setWaker(Waker w) {
        waker = w;
    }

    /** Makes the page holding pc the interpreter's current page (may fault). */
    void fetchPage(long address) {
        DecodedPage p = mmu.fetchPage(address);
        page = p;
        pageBlocks = p.blocks;
        pageBase = address & ~0xFFFL;
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs up to budget instructions: {@link #serviceInterrupts}, then {@link #execute}.
     * Returns instructions retired (0 for a hart that stays in wfi).
     */
    public long run(long budget) {
        return serviceInterrupts() ? execute(budget) : 0;
    }

    /**
     * Ends wfi if an interrupt is pending and takes the highest-priority enabled one. Returns
     * false when the hart stays in wfi and must not execute.
     */
    public boolean serviceInterrupts() {
        long pending = pendingInterrupts();
        if (waiting) {
            if (pending == 0) {
                return false;
            }
            waiting = false;
        }
        int irq = TrapUnit.deliverableInterrupt(this, pending);
        if (irq >= 0) {
            TrapUnit.interrupt(this, irq);
        }
        return true;
    }

    /** Executes up to budget instructions without looking at interrupts; see {@link ExecutionEngine}. */
    public long execute(long budget) {
        if (watches.generation() != watchGeneration) {
            // A watchpoint was added: drop translations cached before it, so its page is seen.
            watchGeneration = watches.generation();
            mmu.flush();
        }
        exitRun = false;
        retiredAtRunStart = retired;
        return engine.run(this, budget);
    }

    /** True when taking interrupts now would trap (used by a debugger step, which counts a trap as the step). */
    public boolean hasDeliverableInterrupt() {
        return TrapUnit.deliverableInterrupt(this, pendingInterrupts()) >= 0;
    }

    /** mip & mie: what would end a wfi. */
    public long pendingInterrupts() {
        return csr.mip() & csr.mie;
    }

    /** True while the hart sits in wfi with nothing pending (as of its last run). */
    public boolean isWaiting() {
        return waiting;
    }

    void enterWait() {
        if (pendingInterrupts() == 0) {
            waiting = true;
        }
        exitRun = true;
    }

    /** True when the hart holds an LR reservation (the deterministic scheduler lets it reach its SC). */
    public boolean holdsReservation() {
        return reservedAddress != -1;
    }

    /**
     * The earliest mtime at which a timer would make (mip & mie) non-zero, or -1 (as unsigned,
     * "never") when no enabled timer is armed. Used to sleep in wfi and to skip idle time.
     */
    public long nextTimerDeadline() {
        long deadline = -1L;
        if ((csr.mie & Cause.MTIP) != 0) {
            deadline = mtimecmp;
        }
        if ((csr.mie & Cause.STIP) != 0 && csr.sstcEnabled() && Long.compareUnsigned(csr.stimecmp, deadline) < 0) {
            deadline = csr.stimecmp;
        }
        return deadline;
    }

    // ------------------------------------------------------------------ lines from devices (any thread)

    /** Raises or lowers an interrupt line (Cause.MSIP, MEIP or SEIP) and wakes the hart. */
    public void setLine(long bit, boolean high) {
        if (high) {
            LINE_BITS.getAndBitwiseOr(this, bit);
        } else {
            LINE_BITS.getAndBitwiseAnd(this, ~bit);
        }
        waker.wake(this);
    }

    public boolean line(long bit) {
        return (lineBits & bit) != 0;
    }

    long lineBits() {
        return lineBits;
    }

    public long mtimecmp() {
        return mtimecmp;
    }

    /** The CLINT's write of this hart's mtimecmp. */
    public void setMtimecmp(long value) {
        mtimecmp = value;
        waker.wake(this);
    }

    // ------------------------------------------------------------------ LR/SC reservation

    void reserve(long address, long value, int size) {
        reservedAddress = address;
        reservedValue = value;
        reservedSize = size;
    }

    boolean reservationCovers(long address, int size) {
        return reservedAddress == address && reservedSize == size;
    }

    long reservedValue() {
        return reservedValue;
    }

    /** Drops the reservation: on traps, xRET, SC, and (deterministic mode) every hart switch. */
    public void dropReservation() {
        reservedAddress = -1;
    }

    // ------------------------------------------------------------------ progress

    void noteTrap(long cause, long epc, long tval) {
        if (retired == retiredAtLastTrap) {
            trapsWithoutProgress++;
        } else {
            trapsWithoutProgress = 0;
        }
        retiredAtLastTrap = retired;
        lastTrapCause = cause;
        lastTrapPc = epc;
        lastTrapValue = tval;
    }

    /** True when the hart keeps trapping without retiring anything (e.g. mtvec points at a fault). */
    public boolean isStuck() {
        return trapsWithoutProgress >= STUCK_TRAP_LIMIT;
    }

    /** Why {@link #isStuck} is true: hart, cause, pc, tval. */
    public String stuckReason() {
        boolean interrupt = lastTrapCause < 0;
        return String.format("hart %d makes no progress: %d traps in a row without retiring an instruction; "
                + "last: %s at pc 0x%x, tval 0x%x, handler 0x%x", id, trapsWithoutProgress,
                Cause.name((int) (lastTrapCause & 0xFF), interrupt), lastTrapPc, lastTrapValue, pc);
    }

    // ------------------------------------------------------------------ inspection

    public long pc() {
        return pc;
    }

    public long retired() {
        return retired;
    }

    public PrivilegeMode privilege() {
        return PrivilegeMode.fromEncoding(priv);
    }

    /** Register i (0..31). */
    public long register(int i) {
        return i == 0 ? 0 : x[i];
    }

    /** A CSR by number, read without side effects or access checks. */
    public long peekCsr(int number) {
        return csr.read(number);
    }

    /** Physical address for a virtual one under the current satp and privilege, or -1; no side effects. */
    public long peekTranslate(long va) {
        return mmu.peek(va);
    }

    // ------------------------------------------------------------------ watchpoints

    /** Shares the board's watchpoints with this hart. Call before it runs. */
    public void setWatchList(WatchList list) {
        watches = list;
        watchGeneration = -1;
    }

    /** Called by the MMU's slow path when an access touched a watched range. */
    void noteWatchHit(long pa, int size, boolean write) {
        if (watchHitAddress == -1) {
            watchHitAddress = pa;
            watchHitSize = size;
            watchHitWrite = write;
        }
    }

    /**
     * The watched access of the last instructions as {physical address, size, 1 for a write},
     * or null when there was none; clears it.
     */
    public long[] takeWatchHit() {
        if (watchHitAddress == -1) {
            return null;
        }
        long[] hit = { watchHitAddress, watchHitSize, watchHitWrite ? 1 : 0 };
        watchHitAddress = -1;
        return hit;
    }

    // ------------------------------------------------------------------ debugger writes

    /** Sets x1 to x31 for a debugger; the caller guarantees the hart is held and not running. */
    public void debugWriteRegister(int i, long value) {
        if (i < 1 || i > 31) {
            throw new IllegalArgumentException("no writable register x" + i);
        }
        x[i] = value;
    }

    /**
     * Moves the pc for a debugger; the caller guarantees the hart is held. The interpreter
     * fetches the page of pc afresh on each run, so nothing cached needs dropping.
     */
    public void debugWritePc(long newPc) {
        pc = newPc;
    }

    /** A copy of the architectural state; the caller guarantees the hart is not running. */
    public HartSnapshot snapshot(RunState state) {
        long[] regs = new long[32];
        System.arraycopy(x, 1, regs, 1, 31);
        Map<String, Long> csrs = csr.snapshot();
        return new HartSnapshot(id, pc, privilege(), regs, csrs, retired, state);
    }
}
