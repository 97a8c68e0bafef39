package org.hartbench.core.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;

/**
 * Per-CPU intervals during which a CPU ran a non-idle thread, rebuilt from kernel trace records.
 * <p>
 * A CPU is busy from a {@code TR_SWITCH} record naming a thread other than that CPU's idle thread
 * (the switched-in thread) until the next {@code TR_SWITCH} on that CPU. The kernel's idle
 * threads have ordinary tids; a CPU's idle thread is the one that writes its
 * {@code TR_IDLE_ENTER} and {@code TR_IDLE_EXIT} records, and tid 0 (no thread) counts as idle
 * too. {@code TR_IDLE_ENTER} also ends a busy interval, which covers a trace whose switch into the
 * idle thread was lost. A record of any other type from a thread that is not idle, on a CPU not
 * yet known to be busy, opens an interval at its time, so a trace that starts while threads are
 * already running still counts them. Until a CPU's first idle record its idle thread is unknown,
 * so time before it may count as busy: the count can err high, never low, near a trace's start.
 * <p>
 * Records of one CPU must arrive in the order that CPU wrote them (the order a
 * {@code TraceListener} sees); records of different CPUs may interleave in any way. Times are
 * guest timebase ticks. Immutable once built.
 */
public final class BusyIntervals {

    /**
     * One stretch of time during which {@code cpu} ran thread {@code tid} of process {@code pid}.
     *
     * @param start first tick, inclusive
     * @param end   last tick, exclusive; {@code end >= start}
     */
    public record Interval(int cpu, long start, long end, int tid, int pid) {
        public long length() {
            return end - start;
        }
    }

    private final List<List<Interval>> byCpu;

    private BusyIntervals(List<List<Interval>> byCpu) {
        this.byCpu = byCpu;
    }

    /** Builds the intervals, closing any interval still open at the time of the latest record. */
    public static BusyIntervals of(Iterable<TraceRecord> records) {
        long last = Long.MIN_VALUE;
        for (TraceRecord r : records) {
            last = Math.max(last, r.time());
        }
        return of(records, last == Long.MIN_VALUE ? 0 : last);
    }

    /** Builds the intervals, closing any interval still open at {@code endTime}. */
    public static BusyIntervals of(Iterable<TraceRecord> records, long endTime) {
        List<List<Interval>> byCpu = new ArrayList<>();
        List<long[]> open = new ArrayList<>(); // per cpu: {start, tid, pid}, or null when idle
        List<Integer> idleTid = new ArrayList<>(); // per cpu: its idle thread's tid, 0 until seen
        for (TraceRecord r : records) {
            int cpu = r.cpu();
            if (cpu < 0) {
                throw new IllegalArgumentException("trace record with negative cpu index " + cpu);
            }
            while (byCpu.size() <= cpu) {
                byCpu.add(new ArrayList<>());
                open.add(null);
                idleTid.add(0);
            }
            long[] cur = open.get(cpu);
            TraceType kind = r.kind();
            if (kind == TraceType.IDLE_ENTER || kind == TraceType.IDLE_EXIT) {
                idleTid.set(cpu, r.tid());
            }
            boolean idle = r.tid() == 0 || r.tid() == idleTid.get(cpu);
            if (kind == TraceType.SWITCH || kind == TraceType.IDLE_ENTER) {
                close(byCpu.get(cpu), cpu, cur, r.time());
                boolean busy = kind == TraceType.SWITCH && !idle;
                open.set(cpu, busy ? new long[] { r.time(), r.tid(), r.pid() } : null);
            } else if (cur == null && !idle) {
                open.set(cpu, new long[] { r.time(), r.tid(), r.pid() });
            }
        }
        for (int cpu = 0; cpu < open.size(); cpu++) {
            close(byCpu.get(cpu), cpu, open.get(cpu), endTime);
        }
        List<List<Interval>> frozen = new ArrayList<>();
        for (List<Interval> l : byCpu) {
            frozen.add(Collections.unmodifiableList(l));
        }
        return new BusyIntervals(Collections.unmodifiableList(frozen));
    }

    private static void close(List<Interval> into, int cpu, long[] cur, long time) {
        if (cur != null && time > cur[0]) {
            into.add(new Interval(cpu, cur[0], time, (int) cur[1], (int) cur[2]));
        }
    }

    /** One more than the highest cpu index seen in the records (0 for an empty trace). */
    public int cpuCount() {
        return byCpu.size();
    }

    /** The busy intervals of one CPU in time order; empty for a CPU the trace never mentioned. */
    public List<Interval> intervals(int cpu) {
        return cpu >= 0 && cpu < byCpu.size() ? byCpu.get(cpu) : List.of();
    }

    /** Ticks of {@code [from, to)} during which {@code cpu} was busy. */
    public long busyTime(int cpu, long from, long to) {
        long sum = 0;
        for (Interval i : intervals(cpu)) {
            sum += Math.max(0, Math.min(to, i.end()) - Math.max(from, i.start()));
        }
        return sum;
    }

    /**
     * Ticks of {@code [from, to)} during which at least {@code k} CPUs were busy at once, found by
     * a sweep over the interval ends.
     */
    public long timeWithAtLeast(int k, long from, long to) {
        if (k <= 0) {
            return Math.max(0, to - from);
        }
        List<long[]> edges = new ArrayList<>(); // {time, +1 or -1}
        for (List<Interval> l : byCpu) {
            for (Interval i : l) {
                long s = Math.max(from, i.start());
                long e = Math.min(to, i.end());
                if (e > s) {
                    edges.add(new long[] { s, 1 });
                    edges.add(new long[] { e, -1 });
                }
            }
        }
        // At equal times, ends before starts: touching intervals on one CPU are not an overlap.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long total = 0;
        int busy = 0;
        long prev = from;
        for (long[] edge : edges) {
            if (busy >= k) {
                total += edge[0] - prev;
            }
            busy += (int) edge[1];
            prev = edge[0];
        }
        return total;
    }
}
