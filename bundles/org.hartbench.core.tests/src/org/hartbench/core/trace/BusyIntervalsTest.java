package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.junit.jupiter.api.Test;

class BusyIntervalsTest {

    static TraceRecord rec(long time, TraceType type, int cpu, int tid, int pid) {
        return new TraceRecord(time, type.number, cpu, tid, pid, 0, 0);
    }

    @Test
    void switchesOpenAndCloseIntervalsPerCpu() {
        BusyIntervals b = BusyIntervals.of(List.of(
                rec(10, TraceType.SWITCH, 0, 5, 1),
                rec(15, TraceType.SWITCH, 1, 6, 2),
                rec(40, TraceType.SWITCH, 0, 7, 1),   // 5 -> 7 on cpu 0: two intervals
                rec(50, TraceType.SWITCH, 1, 0, 0),   // cpu 1 goes idle
                rec(60, TraceType.SWITCH, 0, 0, 0)));
        assertEquals(2, b.cpuCount());
        assertEquals(List.of(new BusyIntervals.Interval(0, 10, 40, 5, 1), new BusyIntervals.Interval(0, 40, 60, 7, 1)),
                b.intervals(0));
        assertEquals(List.of(new BusyIntervals.Interval(1, 15, 50, 6, 2)), b.intervals(1));
        assertEquals(50, b.busyTime(0, 0, 100));
        assertEquals(20, b.busyTime(0, 30, 50));
        assertEquals(35, b.timeWithAtLeast(2, 0, 100));  // [15, 50)
        assertEquals(50, b.timeWithAtLeast(1, 0, 100));  // [10, 60)
        assertEquals(0, b.timeWithAtLeast(3, 0, 100));
    }

    @Test
    void idleEnterEndsAnIntervalAndOpenOnesCloseAtTheEnd() {
        BusyIntervals b = BusyIntervals.of(List.of(
                rec(0, TraceType.SWITCH, 0, 3, 1),
                rec(20, TraceType.IDLE_ENTER, 0, 0, 0),
                rec(30, TraceType.SWITCH, 1, 4, 1)), 100);
        assertEquals(List.of(new BusyIntervals.Interval(0, 0, 20, 3, 1)), b.intervals(0));
        assertEquals(List.of(new BusyIntervals.Interval(1, 30, 100, 4, 1)), b.intervals(1));
        // Without an end time, the latest record's time closes them.
        assertEquals(0, BusyIntervals.of(List.of(rec(30, TraceType.SWITCH, 1, 4, 1))).intervals(1).size());
    }

    @Test
    void aRecordOfARunningThreadOpensAnIntervalWhenTheSwitchWasNotSeen() {
        BusyIntervals b = BusyIntervals.of(List.of(
                new TraceRecord(5, TraceType.CAP_ENTER_WAIT.number, 0, 9, 2, 1, 0),
                rec(25, TraceType.SWITCH, 0, 0, 0)));
        assertEquals(List.of(new BusyIntervals.Interval(0, 5, 25, 9, 2)), b.intervals(0));
    }

    @Test
    void touchingIntervalsOnOneCpuAreNoOverlapAndCpusInterleaveFreely() {
        // Records of cpu 1 arrive before cpu 0's, as in parallel mode.
        BusyIntervals b = BusyIntervals.of(List.of(
                rec(50, TraceType.SWITCH, 1, 8, 1),
                rec(0, TraceType.SWITCH, 0, 5, 1),
                rec(50, TraceType.SWITCH, 0, 6, 1),
                rec(100, TraceType.SWITCH, 0, 0, 0),
                rec(100, TraceType.SWITCH, 1, 0, 0)));
        assertEquals(50, b.timeWithAtLeast(2, 0, 100));
        assertTrue(b.intervals(5).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> BusyIntervals.of(List.of(new TraceRecord(0, 1, -1, 1, 1, 0, 0))));
    }

    @Test
    void theIdleThreadIsKnownByItsIdleRecordsAndNeverCountsAsBusy() {
        // As the kernel writes it: cpu 0's idle thread has tid 2 and pid 0, like a kernel thread.
        BusyIntervals b = BusyIntervals.of(List.of(
                rec(0, TraceType.IDLE_ENTER, 0, 2, 0),
                rec(10, TraceType.IDLE_EXIT, 0, 2, 0),   // woke up: still the idle thread, not busy
                rec(12, TraceType.SWITCH, 0, 9, 0),      // a kernel thread (pid 0) is real work
                rec(30, TraceType.SWITCH, 0, 2, 0),      // back to the idle thread
                rec(35, TraceType.STEAL, 0, 2, 0),       // the idle thread stealing is not busy
                rec(40, TraceType.SWITCH, 0, 7, 1)), 50);
        assertEquals(List.of(new BusyIntervals.Interval(0, 12, 30, 9, 0), new BusyIntervals.Interval(0, 40, 50, 7, 1)),
                b.intervals(0));
    }
}
