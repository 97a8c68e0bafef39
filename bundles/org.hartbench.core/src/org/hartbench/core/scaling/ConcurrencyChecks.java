package org.hartbench.core.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.hartbench.core.trace.BusyIntervals;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;

/**
 * The "no concurrency illusions" checks of one run, read from its kernel trace. Defined precisely
 * in docs/scaling-harness.md:
 * <ul>
 * <li><b>overlap</b> (both demos, 2 or more CPUs and workers): at least
 * {@link #MIN_OVERLAP_FRACTION} of the timed section [t0, t1) had two or more CPUs busy at once
 * (busy: running a thread other than the idle thread, see {@link BusyIntervals}).</li>
 * <li><b>ring owners</b> (thread-scale, 2 or more workers): the sibling threads of the workload
 * process (the process that was busy longest in the timed section) waited in {@code cap_enter}
 * as at least two distinct threads, and at some moment at least two of them were waiting at
 * once. cap_enter always waits on the caller's own ring, so the waiting tid is the ring owner;
 * waits funnelled through one owner, or handed from owner to owner one at a time, fail.</li>
 * </ul>
 * A run with lost trace records fails every applicable check: it cannot prove anything.
 */
public final class ConcurrencyChecks {

    /** Share of the timed section that must have two or more CPUs busy. */
    public static final double MIN_OVERLAP_FRACTION = 0.5;

    public static final String OVERLAP = "overlap";
    public static final String RING_OWNERS = "ring-owners";

    /** The outcome of one check. */
    public enum Verdict {
        PASS, FAIL, NOT_APPLICABLE
    }

    /**
     * @param name    {@link #OVERLAP} or {@link #RING_OWNERS}
     * @param message what was measured, and for a failure why it fails
     */
    public record Check(String name, Verdict verdict, String message) {
        public boolean failed() {
            return verdict == Verdict.FAIL;
        }
    }

    private ConcurrencyChecks() {
    }

    /** Both checks for a run of {@code demo}; the ring-owner check only for thread-scale. */
    public static List<Check> all(ScaleDemo demo, List<TraceRecord> trace, long lost, long t0, long t1, int cpus,
            int workers) {
        List<Check> checks = new ArrayList<>();
        checks.add(overlap(trace, lost, t0, t1, cpus, workers));
        if (demo == ScaleDemo.THREAD) {
            checks.add(ringOwners(trace, lost, t0, t1, workers));
        }
        return checks;
    }

    /** The overlap check; see the class comment. */
    public static Check overlap(List<TraceRecord> trace, long lost, long t0, long t1, int cpus, int workers) {
        if (cpus < 2 || workers < 2) {
            return new Check(OVERLAP, Verdict.NOT_APPLICABLE, "needs 2 or more CPUs and workers");
        }
        if (lost > 0) {
            return new Check(OVERLAP, Verdict.FAIL, lost + " trace records were lost, so overlap cannot be shown");
        }
        if (t1 <= t0) {
            return new Check(OVERLAP, Verdict.FAIL, "the timed section is empty (t0=" + t0 + ", t1=" + t1 + ")");
        }
        BusyIntervals busy = BusyIntervals.of(trace, t1);
        double fraction = (double) busy.timeWithAtLeast(2, t0, t1) / (t1 - t0);
        String measured = String.format("%.1f%% of the timed section had 2 or more CPUs busy", 100 * fraction);
        if (fraction < MIN_OVERLAP_FRACTION) {
            return new Check(OVERLAP, Verdict.FAIL, measured + ", below the required "
                    + Math.round(100 * MIN_OVERLAP_FRACTION) + "%: the workers did not really run at the same time");
        }
        return new Check(OVERLAP, Verdict.PASS, measured);
    }

    /** The ring-owner check; see the class comment. */
    public static Check ringOwners(List<TraceRecord> trace, long lost, long t0, long t1, int workers) {
        if (workers < 2) {
            return new Check(RING_OWNERS, Verdict.NOT_APPLICABLE, "needs 2 or more worker threads");
        }
        if (lost > 0) {
            return new Check(RING_OWNERS, Verdict.FAIL, lost + " trace records were lost, so the waits cannot be shown");
        }
        long end = Long.MIN_VALUE;
        for (TraceRecord r : trace) {
            end = Math.max(end, r.time());
        }
        int pid = workloadPid(BusyIntervals.of(trace, Math.max(end, t1)), t0, t1);
        if (pid == 0) {
            return new Check(RING_OWNERS, Verdict.FAIL, "no process ran in the timed section");
        }
        // Pair each thread's waits with its next wake, in time order (a thread waits on one CPU
        // and may wake on another). A wait with no wake lasts to the end of the trace.
        List<TraceRecord> sorted = new ArrayList<>(trace);
        sorted.sort(Comparator.comparingLong(TraceRecord::time));
        Map<Integer, Long> waitingSince = new HashMap<>();
        List<long[]> edges = new ArrayList<>(); // {time, +1 or -1}
        TreeSet<Integer> waiters = new TreeSet<>();
        for (TraceRecord r : sorted) {
            if (r.pid() != pid) {
                continue;
            }
            if (r.kind() == TraceType.CAP_ENTER_WAIT && !waitingSince.containsKey(r.tid())) {
                waitingSince.put(r.tid(), r.time());
                waiters.add(r.tid());
            } else if (r.kind() == TraceType.CAP_ENTER_WAKE) {
                Long since = waitingSince.remove(r.tid());
                if (since != null && r.time() > since) {
                    edges.add(new long[] { since, 1 });
                    edges.add(new long[] { r.time(), -1 });
                }
            }
        }
        for (long since : waitingSince.values()) {
            if (end > since) {
                edges.add(new long[] { since, 1 });
                edges.add(new long[] { end, -1 });
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        String measured = "process " + pid + ": " + waiters.size() + " threads waited in cap_enter on their own rings "
                + waiters + ", at most " + most + " at once";
        if (waiters.size() < 2) {
            return new Check(RING_OWNERS, Verdict.FAIL, measured + ": all waits went through one ring owner");
        }
        if (most < 2) {
            return new Check(RING_OWNERS, Verdict.FAIL, measured + ": the waits were serialized, one owner at a time");
        }
        return new Check(RING_OWNERS, Verdict.PASS, measured);
    }

    /** The process whose threads were busy longest in [t0, t1), or 0 if none was. */
    static int workloadPid(BusyIntervals busy, long t0, long t1) {
        Map<Integer, Long> time = new HashMap<>();
        for (int cpu = 0; cpu < busy.cpuCount(); cpu++) {
            for (BusyIntervals.Interval i : busy.intervals(cpu)) {
                long overlap = Math.min(t1, i.end()) - Math.max(t0, i.start());
                if (overlap > 0 && i.pid() != 0) {
                    time.merge(i.pid(), overlap, Long::sum);
                }
            }
        }
        return time.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
    }
}
