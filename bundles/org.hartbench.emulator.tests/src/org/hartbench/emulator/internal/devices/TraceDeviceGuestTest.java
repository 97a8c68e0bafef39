package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.hartbench.emulator.testsupport.GuestCase;
import org.hartbench.emulator.testsupport.GuestPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trace device end to end: guest/trace_ring.c registers a ring per hart through the
 * registers of trace.h and writes 20 numbered records into 8-entry rings; the machine's listeners
 * must see, per cpu, every record either delivered intact and in order or counted as lost.
 */
class TraceDeviceGuestTest {

    private static final int HARTS = 2;
    private static final int RECORDS = 20;

    /** What one run delivered. */
    record Trace(String console, ExitStatus status, List<TraceRecord> records, long[] lost) {
    }

    static Trace run(ExecutionMode mode, boolean trace) throws Exception {
        MachineConfig config = MachineConfig.defaults().withHarts(HARTS).withRamMiB(GuestCase.RAM_MIB).withMode(mode).withTrace(trace)
                .withMaxInstructions(50_000_000).withTimeout(Duration.ofSeconds(30));
        List<TraceRecord> records = new ArrayList<>();
        long[] lost = new long[HARTS];
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Machine m = Machine.create(config)) {
            m.addConsoleListener((b, off, len) -> {
                synchronized (console) {
                    console.write(b, off, len);
                }
            });
            m.addTraceListener(new TraceListener() {
                @Override
                public synchronized void onRecord(TraceRecord r) {
                    records.add(r);
                }

                @Override
                public synchronized void onLost(int cpu, long count) {
                    lost[cpu] += count;
                }
            });
            m.load(GuestPrograms.elf("trace_ring"));
            m.start();
            ExitStatus status = m.awaitExit(Duration.ofSeconds(40)).orElseThrow();
            synchronized (console) {
                return new Trace(console.toString(StandardCharsets.UTF_8), status, records, lost);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void everyRecordIsDeliveredOrCountedLost(ExecutionMode mode) throws Exception {
        Trace t = run(mode, true);
        assertEquals(ExitStatus.Kind.PASS, t.status().kind(), t.status().message() + "\n" + t.console());
        assertTrue(t.console().startsWith("magic 0000000048425452\nversion 0000000000000001\n"
                + "max cpus 0000000000000020\nrecord size 0000000000000020\n"), t.console());
        for (int cpu = 0; cpu < HARTS; cpu++) {
            final int c = cpu;
            List<TraceRecord> mine = t.records().stream().filter(r -> r.cpu() == c).toList();
            assertEquals(RECORDS, mine.size() + t.lost()[cpu], "cpu " + cpu + ": delivered plus lost");
            assertFalse(mine.isEmpty(), "cpu " + cpu + " delivered nothing");
            long previousSeq = -1;
            long previousTime = Long.MIN_VALUE;
            for (TraceRecord r : mine) {
                assertEquals(TraceType.IPI_SEND, r.kind());
                assertTrue(r.arg0() > previousSeq, "in order");
                assertEquals(~(long) r.arg0(), r.arg1(), "intact");
                assertTrue(r.time() >= previousTime, "time does not go backwards");
                previousSeq = r.arg0();
                previousTime = r.time();
            }
            assertEquals(RECORDS - 1, previousSeq, "the newest record arrives");
        }
    }

    @Test
    void deterministicRunsDeliverIdenticalRecords() throws Exception {
        Trace a = run(ExecutionMode.DETERMINISTIC, true);
        Trace b = run(ExecutionMode.DETERMINISTIC, true);
        assertEquals(a.records(), b.records());
        assertEquals(List.of(a.lost()[0], a.lost()[1]), List.of(b.lost()[0], b.lost()[1]));
    }

    @Test
    void withoutTracingTheGuestFindsNoDevice() throws Exception {
        Trace t = run(ExecutionMode.DETERMINISTIC, false);
        assertEquals("no trace device\n", t.console());
        assertTrue(t.records().isEmpty());
    }
}
