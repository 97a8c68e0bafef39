package org.hartbench.core.trace;

import java.util.List;
import java.util.Locale;

/**
 * An immutable copy of {@link CpuStateModel} at one instant, for a view to read at leisure.
 *
 * @param now         latest record time seen on any cpu, in timebase ticks (10 MHz)
 * @param windowTicks how far back the timeline and utilisation reach
 * @param rows        one per cpu index, in order
 * @param lanes       per cpu, its state intervals inside the window, oldest first; the last one
 *                    is the current state and ends at now
 * @param ipis        IPI marks inside the window, oldest first
 * @param lost        records the trace device reported lost (ring overruns), all cpus
 */
public record CpuSnapshot(long now, long windowTicks, List<Row> rows, List<List<Interval>> lanes, List<IpiMark> ipis,
        long lost) {

    /**
     * One cpu's line in the table.
     *
     * @param cpu          kernel cpu index
     * @param state        see {@link CpuState}
     * @param pid          process of the current thread (0: kernel), or -1 before the first record
     * @param tid          current thread, or -1 before the first record
     * @param runQueue     threads woken onto this cpu and not yet switched in (see
     *                     {@link CpuStateModel} for how it is derived and why it is a lower bound)
     * @param switches     TR_SWITCH records
     * @param ipisSent     TR_IPI_SEND records
     * @param ipisReceived TR_IPI_RECV records (one per sending cpu and kind)
     * @param shootdowns   TR_SHOOTDOWN_BEGIN records (shootdowns this cpu started)
     * @param steals       TR_STEAL records (threads this cpu took from another)
     * @param idleEntries  TR_IDLE_ENTER records
     * @param utilisation  busy fraction (0..1) of the part of the window the trace covers
     */
    public record Row(int cpu, CpuState state, int pid, int tid, int runQueue, long switches, long ipisSent,
            long ipisReceived, long shootdowns, long steals, long idleEntries, double utilisation) {

        /** Utilisation as a percentage with one decimal, e.g. "73.4 %". */
        public String utilisationText() {
            return String.format(Locale.ROOT, "%.1f %%", utilisation * 100);
        }
    }

    /** [start, end) in ticks on one cpu in one state, with the thread that was current. */
    public record Interval(long start, long end, CpuState state, int pid, int tid) {
    }

    /**
     * An IPI: sent from one cpu to another at a time (received = false), or taken by the target
     * (received = true, from = the sender named in the record).
     */
    public record IpiMark(long time, int from, int to, int kind, boolean received) {
    }

    public CpuSnapshot {
        rows = List.copyOf(rows);
        lanes = lanes.stream().map(List::copyOf).toList();
        ipis = List.copyOf(ipis);
    }

    /**
     * The table as fixed-width text, one line per cpu under a header. Golden-file tests compare
     * this, and it is what "copy" in a view would give a user.
     */
    public String toTable() {
        StringBuilder out = new StringBuilder(
                "cpu state  pid tid rq switches ipi_sent ipi_recv shootdowns steals idle util\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%3d %-6s %3d %3d %2d %8d %8d %8d %10d %6d %4d %s\n", r.cpu(),
                    r.state().label, r.pid(), r.tid(), r.runQueue(), r.switches(), r.ipisSent(), r.ipisReceived(),
                    r.shootdowns(), r.steals(), r.idleEntries(), r.utilisationText()));
        }
        return out.toString();
    }

    /**
     * The timeline as text: per cpu its intervals ("start-end state pid/tid"), then the IPI
     * marks. For golden-file tests and for reading a timeline without a screen.
     */
    public String toTimeline() {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < lanes.size(); c++) {
            out.append("cpu ").append(c).append(':');
            String sep = " ";
            for (Interval iv : lanes.get(c)) {
                out.append(sep).append(iv.start()).append('-').append(iv.end()).append(' ').append(iv.state().label)
                        .append(' ').append(iv.pid()).append('/').append(iv.tid());
                sep = ", ";
            }
            out.append('\n');
        }
        for (IpiMark m : ipis) {
            out.append("ipi ").append(m.time()).append(' ').append(m.from()).append("->").append(m.to())
                    .append(" kind ").append(m.kind()).append(m.received() ? " received" : " sent").append('\n');
        }
        return out.toString();
    }
}
