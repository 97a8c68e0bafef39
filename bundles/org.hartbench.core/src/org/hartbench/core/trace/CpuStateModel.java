package org.hartbench.core.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.hartbench.emulator.api.Inspector;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.PrivilegeMode;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;

/**
 * Per-cpu state built from kernel trace records: the headless model behind the CPUs view.
 * Register it as a {@link TraceListener}; it may be called from any emulator thread and never
 * makes one wait (see {@link RecordInbox}). A view calls {@link #snapshot(Machine)} on a timer and
 * gets an immutable copy.
 *
 * <p>How each figure is derived from the records of trace.h:
 * <ul>
 * <li>state: TR_SWITCH to a thread of a process (pid &ne; 0) starts USER, to a kernel thread
 * KERNEL; TR_IDLE_ENTER starts IDLE and TR_IDLE_EXIT returns to KERNEL (the idle thread runs).
 * A cpu shows no state before its first record.</li>
 * <li>run-queue length: the set of threads that a TR_WAKEUP queued on this cpu (arg1) and that no
 * TR_SWITCH has switched in since (a TR_STEAL takes the thread off the victim's set). The kernel
 * re-queues a preempted thread without a record, so this is a lower bound of the kernel's
 * rq.nr.</li>
 * <li>counters: one per record of the named type on that cpu.</li>
 * <li>utilisation: time not IDLE within the last window, over the part of the window the trace
 * covers (a cpu's coverage starts at its first record).</li>
 * </ul>
 * The timeline keeps state intervals and IPI marks for the last {@code windowTicks} of virtual
 * time (by the latest record), and at most {@link #MAX_INTERVALS_PER_CPU} intervals per cpu, so
 * memory stays bounded however long the machine runs.
 */
public final class CpuStateModel implements TraceListener {

    /** The virt board's timebase: trace record times are in ticks of this rate. */
    public static final long TICKS_PER_SECOND = 10_000_000L;
    /** The default window: two seconds of virtual time. */
    public static final long DEFAULT_WINDOW_TICKS = 2 * TICKS_PER_SECOND;
    /** Bounds memory when records are dense: older intervals go first. */
    public static final int MAX_INTERVALS_PER_CPU = 100_000;
    /** Bounds the IPI marks the same way. */
    public static final int MAX_IPI_MARKS = 100_000;
    /** Records naming a cpu index at or above this are ignored (counted in {@link #ignored()}). */
    public static final int MAX_CPUS = 64;

    /** One cpu's mutable state; guarded by the inbox lock. */
    private static final class Cpu {
        CpuState state = CpuState.UNKNOWN;
        int pid = -1;
        int tid = -1;
        long since;
        long firstTime = -1;
        long switches, ipisSent, ipisReceived, shootdowns, steals, idleEntries;
        final Set<Integer> queued = new LinkedHashSet<>();
        final ArrayDeque<CpuSnapshot.Interval> intervals = new ArrayDeque<>();
    }

    private final RecordInbox inbox = new RecordInbox(this::apply);
    private final List<Cpu> cpus = new ArrayList<>();
    private final ArrayDeque<CpuSnapshot.IpiMark> ipis = new ArrayDeque<>();
    private final long windowTicks;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private long now;

    /**
     * @param cpuCount    cpus to show even before they write a record (the machine's hart count)
     * @param windowTicks how much virtual time the timeline and utilisation cover; positive
     */
    public CpuStateModel(int cpuCount, long windowTicks) {
        if (cpuCount < 0 || cpuCount > MAX_CPUS) {
            throw new IllegalArgumentException("cpu count " + cpuCount + " is out of range (0 to " + MAX_CPUS + ")");
        }
        if (windowTicks <= 0) {
            throw new IllegalArgumentException("timeline window must be positive, not " + windowTicks + " ticks");
        }
        this.windowTicks = windowTicks;
        for (int i = 0; i < cpuCount; i++) {
            cpus.add(new Cpu());
        }
    }

    @Override
    public void onRecord(TraceRecord record) {
        inbox.offer(record);
    }

    @Override
    public void onLost(int cpu, long count) {
        lost.addAndGet(count);
    }

    /** Records ignored because their cpu index was out of range. */
    public long ignored() {
        return ignored.get();
    }

    /** The state from trace records only. */
    public CpuSnapshot snapshot() {
        return snapshot(null);
    }

    /**
     * The state, refined by a live machine when one is given: a paused machine or suspended hart
     * shows PAUSED, a hart in wfi IDLE, and a running hart USER or KERNEL by its privilege mode.
     * Assumes cpu index i is hart i, which holds on Hartbench's board: hart 0 boots and the kernel
     * numbers the others in device-tree order. The machine is only read, never waited for.
     */
    public CpuSnapshot snapshot(Machine machine) {
        CpuSnapshot traced = inbox.read(this::copyLocked);
        if (machine == null) {
            return traced;
        }
        if (machine.exitStatus().isPresent()) {
            return traced; // every hart is halted: the trace's last word is the best there is
        }
        List<CpuSnapshot.Row> rows = new ArrayList<>();
        try {
            boolean paused = machine.isPaused();
            int harts = machine.inspector().hartCount();
            for (CpuSnapshot.Row r : traced.rows()) {
                CpuState live = r.state();
                if (r.cpu() < harts) {
                    // runState and privilege, not snapshot(): they never make the hart wait.
                    Inspector inspector = machine.inspector();
                    live = liveState(paused, inspector.runState(r.cpu()), inspector.privilege(r.cpu()), r.state());
                }
                rows.add(new CpuSnapshot.Row(r.cpu(), live, r.pid(), r.tid(), r.runQueue(), r.switches(),
                        r.ipisSent(), r.ipisReceived(), r.shootdowns(), r.steals(), r.idleEntries(), r.utilisation()));
            }
        } catch (IllegalStateException e) {
            return traced; // the owner closed the machine while we looked
        }
        return new CpuSnapshot(traced.now(), traced.windowTicks(), rows, traced.lanes(), traced.ipis(), traced.lost());
    }

    private static CpuState liveState(boolean paused, RunState state, PrivilegeMode mode, CpuState traced) {
        if (paused || state == RunState.SUSPENDED) {
            return CpuState.PAUSED;
        }
        return switch (state) {
            case WAITING -> CpuState.IDLE;
            case RUNNING -> mode == PrivilegeMode.USER ? CpuState.USER : CpuState.KERNEL;
            default -> traced; // halted: the last state the trace showed
        };
    }

    /** Forgets everything (e.g. when a view's user clears it). */
    public void clear() {
        inbox.write(() -> {
            int n = cpus.size();
            cpus.clear();
            for (int i = 0; i < n; i++) {
                cpus.add(new Cpu());
            }
            ipis.clear();
            now = 0;
        });
        lost.set(0);
        ignored.set(0);
    }

    // ---- applying records (inbox lock held) ------------------------------------------------

    private void apply(TraceRecord r) {
        if (r.cpu() < 0 || r.cpu() >= MAX_CPUS) {
            ignored.incrementAndGet();
            return;
        }
        Cpu c = cpu(r.cpu());
        now = Math.max(now, r.time());
        TraceType type = r.kind();
        if (type == null) {
            return; // a newer kernel's record: time advanced, nothing else known
        }
        switch (type) {
            case SWITCH -> {
                c.switches++;
                enter(c, r.time(), r.pid() != 0 ? CpuState.USER : CpuState.KERNEL, r.pid(), r.tid());
                for (Cpu other : cpus) {
                    other.queued.remove(r.tid());
                }
            }
            case IDLE_ENTER -> {
                c.idleEntries++;
                enter(c, r.time(), CpuState.IDLE, r.pid(), r.tid());
            }
            case IDLE_EXIT -> enter(c, r.time(), CpuState.KERNEL, r.pid(), r.tid());
            case WAKEUP -> {
                firstSight(c, r);
                if (r.arg1() >= 0 && r.arg1() < MAX_CPUS) {
                    cpu((int) r.arg1()).queued.add(r.arg0());
                }
            }
            case STEAL -> {
                firstSight(c, r);
                c.steals++;
                if (r.arg1() >= 0 && r.arg1() < cpus.size()) {
                    cpus.get((int) r.arg1()).queued.remove(r.arg0());
                }
            }
            case IPI_SEND -> {
                firstSight(c, r);
                c.ipisSent++;
                mark(new CpuSnapshot.IpiMark(r.time(), r.cpu(), (int) r.arg1(), r.arg0(), false));
            }
            case IPI_RECV -> {
                firstSight(c, r);
                c.ipisReceived++;
                mark(new CpuSnapshot.IpiMark(r.time(), (int) r.arg1(), r.cpu(), r.arg0(), true));
            }
            case SHOOTDOWN_BEGIN -> {
                firstSight(c, r);
                c.shootdowns++;
            }
            // Ring records name the ring's owner, not the running thread: they say nothing
            // about this cpu's current thread.
            case SQE_CONSUMED, CQE_POSTED -> {
            }
            default -> firstSight(c, r);
        }
        trim(c);
    }

    private Cpu cpu(int index) {
        while (cpus.size() <= index) {
            cpus.add(new Cpu());
        }
        return cpus.get(index);
    }

    /** A cpu whose first record is not a switch: infer its state from the running thread. */
    private static void firstSight(Cpu c, TraceRecord r) {
        if (c.state == CpuState.UNKNOWN) {
            enter(c, r.time(), r.pid() != 0 ? CpuState.USER : CpuState.KERNEL, r.pid(), r.tid());
        }
    }

    private static void enter(Cpu c, long time, CpuState state, int pid, int tid) {
        if (c.firstTime < 0) {
            c.firstTime = time; // utilisation counts from here
        }
        if (c.state != CpuState.UNKNOWN && time > c.since) {
            c.intervals.addLast(new CpuSnapshot.Interval(c.since, time, c.state, c.pid, c.tid));
        }
        c.state = state;
        c.pid = pid;
        c.tid = tid;
        c.since = time;
    }

    private void mark(CpuSnapshot.IpiMark m) {
        ipis.addLast(m);
        while (!ipis.isEmpty() && (ipis.size() > MAX_IPI_MARKS || ipis.peekFirst().time() < now - windowTicks)) {
            ipis.removeFirst();
        }
    }

    private void trim(Cpu c) {
        long horizon = now - windowTicks;
        while (!c.intervals.isEmpty()
                && (c.intervals.size() > MAX_INTERVALS_PER_CPU || c.intervals.peekFirst().end() <= horizon)) {
            c.intervals.removeFirst();
        }
    }

    // ---- snapshots (inbox lock held) --------------------------------------------------------

    private CpuSnapshot copyLocked() {
        long horizon = Math.max(0, now - windowTicks);
        List<CpuSnapshot.Row> rows = new ArrayList<>();
        List<List<CpuSnapshot.Interval>> lanes = new ArrayList<>();
        for (int i = 0; i < cpus.size(); i++) {
            Cpu c = cpus.get(i);
            trim(c);
            List<CpuSnapshot.Interval> lane = new ArrayList<>(c.intervals.size() + 1);
            for (CpuSnapshot.Interval iv : c.intervals) {
                if (iv.end() > horizon) {
                    lane.add(iv);
                }
            }
            if (c.state != CpuState.UNKNOWN && now >= c.since) {
                lane.add(new CpuSnapshot.Interval(c.since, now, c.state, c.pid, c.tid));
            }
            lanes.add(lane);
            rows.add(new CpuSnapshot.Row(i, c.state, c.pid, c.tid, c.queued.size(), c.switches, c.ipisSent,
                    c.ipisReceived, c.shootdowns, c.steals, c.idleEntries, utilisation(c, lane, horizon)));
        }
        List<CpuSnapshot.IpiMark> marks = new ArrayList<>();
        for (CpuSnapshot.IpiMark m : ipis) {
            if (m.time() >= horizon) {
                marks.add(m);
            }
        }
        return new CpuSnapshot(now, windowTicks, rows, lanes, marks, lost.get());
    }

    private double utilisation(Cpu c, List<CpuSnapshot.Interval> lane, long horizon) {
        if (c.firstTime < 0) {
            return 0;
        }
        long from = Math.max(horizon, c.firstTime);
        long covered = now - from;
        if (covered <= 0) {
            return 0;
        }
        long busy = 0;
        for (CpuSnapshot.Interval iv : lane) {
            if (iv.state().busy()) {
                busy += Math.max(0, Math.min(iv.end(), now) - Math.max(iv.start(), from));
            }
        }
        return (double) busy / covered;
    }
}
