package org.hartbench.core.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hartbench.core.scaling.ConcurrencyChecks.Check;
import org.hartbench.core.scaling.ConcurrencyChecks.Verdict;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.junit.jupiter.api.Test;

/** Hand-made traces of a 2-worker thread-scale run with the timed section [100, 1100). */
class ConcurrencyChecksTest {

    static final int PID = 3;
    static final int MAIN = 4;
    static final int W1 = 5;
    static final int W2 = 6;

    static TraceRecord rec(long time, TraceType type, int cpu, int tid, int pid) {
        return new TraceRecord(time, type.number, cpu, tid, pid, type == TraceType.CAP_ENTER_WAIT ? 1 : 0, 0);
    }

    /** Both workers park at the start line on their own rings, then run side by side. */
    static List<TraceRecord> concurrent() {
        return List.of(
                rec(0, TraceType.SWITCH, 0, W1, PID),
                rec(0, TraceType.SWITCH, 1, W2, PID),
                rec(40, TraceType.CAP_ENTER_WAIT, 0, W1, PID),
                rec(41, TraceType.SWITCH, 0, MAIN, PID),
                rec(45, TraceType.CAP_ENTER_WAIT, 1, W2, PID),
                rec(46, TraceType.IDLE_ENTER, 1, 0, 0),
                rec(90, TraceType.SWITCH, 1, W1, PID),
                rec(91, TraceType.CAP_ENTER_WAKE, 1, W1, PID),
                rec(92, TraceType.CAP_ENTER_WAIT, 0, MAIN, PID),
                rec(93, TraceType.SWITCH, 0, W2, PID),
                rec(94, TraceType.CAP_ENTER_WAKE, 0, W2, PID),
                rec(1100, TraceType.SWITCH, 0, MAIN, PID),
                rec(1100, TraceType.SWITCH, 1, 0, 0),
                rec(1101, TraceType.CAP_ENTER_WAKE, 0, MAIN, PID));
    }

    /** One CPU runs the workers one after the other; only the main thread ever waits. */
    static List<TraceRecord> serialized() {
        return List.of(
                rec(0, TraceType.IDLE_ENTER, 1, 0, 0),
                rec(0, TraceType.SWITCH, 0, MAIN, PID),
                rec(50, TraceType.CAP_ENTER_WAIT, 0, MAIN, PID),
                rec(100, TraceType.SWITCH, 0, W1, PID),
                rec(600, TraceType.SWITCH, 0, W2, PID),
                rec(1100, TraceType.SWITCH, 0, MAIN, PID),
                rec(1101, TraceType.CAP_ENTER_WAKE, 0, MAIN, PID));
    }

    @Test
    void concurrentTracePassesBothChecks() {
        List<Check> checks = ConcurrencyChecks.all(ScaleDemo.THREAD, concurrent(), 0, 100, 1100, 2, 2);
        assertEquals(2, checks.size());
        Check overlap = checks.get(0);
        assertEquals(Verdict.PASS, overlap.verdict(), overlap.message());
        assertTrue(overlap.message().startsWith("100.0%"), overlap.message());
        Check owners = checks.get(1);
        assertEquals(Verdict.PASS, owners.verdict(), owners.message());
        assertTrue(owners.message().contains("3 threads") && owners.message().contains("at most 2 at once"),
                owners.message());
    }

    @Test
    void serializedTraceFailsBothChecksSayingWhy() {
        Check overlap = ConcurrencyChecks.overlap(serialized(), 0, 100, 1100, 2, 2);
        assertEquals(Verdict.FAIL, overlap.verdict());
        assertTrue(overlap.message().contains("0.0%") && overlap.message().contains("did not really run"),
                overlap.message());
        Check owners = ConcurrencyChecks.ringOwners(serialized(), 0, 100, 1100, 2);
        assertEquals(Verdict.FAIL, owners.verdict());
        assertTrue(owners.message().contains("one ring owner"), owners.message());
    }

    @Test
    void waitsHandedFromOwnerToOwnerOneAtATimeAreSerialized() {
        List<TraceRecord> handoff = List.of(
                rec(0, TraceType.SWITCH, 0, W1, PID),
                rec(0, TraceType.SWITCH, 1, W2, PID),
                rec(10, TraceType.CAP_ENTER_WAIT, 0, W1, PID),
                rec(20, TraceType.CAP_ENTER_WAKE, 0, W1, PID),
                rec(20, TraceType.CAP_ENTER_WAIT, 1, W2, PID),
                rec(30, TraceType.CAP_ENTER_WAKE, 1, W2, PID),
                rec(1100, TraceType.SWITCH, 0, 0, 0),
                rec(1100, TraceType.SWITCH, 1, 0, 0));
        Check owners = ConcurrencyChecks.ringOwners(handoff, 0, 100, 1100, 2);
        assertEquals(Verdict.FAIL, owners.verdict());
        assertTrue(owners.message().contains("serialized"), owners.message());
        // The same run overlapped fine: the two checks are independent.
        assertEquals(Verdict.PASS, ConcurrencyChecks.overlap(handoff, 0, 100, 1100, 2, 2).verdict());
    }

    @Test
    void overlapBelowHalfTheSectionFails() {
        List<TraceRecord> partly = List.of(
                rec(100, TraceType.SWITCH, 0, W1, PID),
                rec(500, TraceType.SWITCH, 1, W2, PID),   // 2 CPUs busy for [500, 900): 40%
                rec(900, TraceType.SWITCH, 1, 0, 0),
                rec(1100, TraceType.SWITCH, 0, 0, 0));
        Check c = ConcurrencyChecks.overlap(partly, 0, 100, 1100, 2, 2);
        assertEquals(Verdict.FAIL, c.verdict());
        assertTrue(c.message().startsWith("40.0%"), c.message());
    }

    @Test
    void lostRecordsAndSingleCpuRuns() {
        assertEquals(Verdict.FAIL, ConcurrencyChecks.overlap(concurrent(), 3, 100, 1100, 2, 2).verdict());
        assertEquals(Verdict.FAIL, ConcurrencyChecks.ringOwners(concurrent(), 3, 100, 1100, 2).verdict());
        assertEquals(Verdict.NOT_APPLICABLE, ConcurrencyChecks.overlap(serialized(), 0, 100, 1100, 1, 1).verdict());
        assertEquals(Verdict.NOT_APPLICABLE, ConcurrencyChecks.ringOwners(serialized(), 0, 100, 1100, 1).verdict());
        assertEquals(1, ConcurrencyChecks.all(ScaleDemo.PROCESS, concurrent(), 0, 100, 1100, 2, 2).size());
        assertEquals(Verdict.FAIL, ConcurrencyChecks.overlap(concurrent(), 0, 1100, 1100, 2, 2).verdict());
    }
}
