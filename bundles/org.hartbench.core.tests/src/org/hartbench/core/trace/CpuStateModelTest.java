package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.junit.jupiter.api.Test;

/** The CPUs view's model against hand-written and real kernel traces. */
class CpuStateModelTest {

    private static CpuStateModel fed(String records, int cpus) throws Exception {
        CpuStateModel m = new CpuStateModel(cpus, CpuStateModel.DEFAULT_WINDOW_TICKS);
        Golden.feed(KernelTraces.records(records), m);
        return m;
    }

    @Test
    void handWrittenTraceGivesHandComputedTableAndTimeline() throws Exception {
        CpuSnapshot s = fed("trace/tiny.records.csv", 2).snapshot();
        assertEquals(400, s.now());
        Golden.assertMatches("trace/tiny.cpus.txt", s.toTable());
        Golden.assertMatches("trace/tiny.timeline.txt", s.toTimeline());
    }

    /** The kernel prints its own per-cpu counters at the end of a manifest; the model must agree. */
    @Test
    void countersOfRealTracesMatchTheKernelsOwnCounters() throws Exception {
        for (String base : List.of("ring-smp2", "thread-smp2")) {
            CpuSnapshot s = fed("trace/" + base + ".records.csv", 2).snapshot();
            assertKernelCountersAgree(KernelTraces.resource("trace/" + base + ".console.txt"), s, base);
            Golden.assertMatches("trace/" + base + ".cpus.txt", s.toTable());
        }
    }

    private static final Pattern KERNEL_COUNTERS = Pattern.compile("cpu (\\d+) \\(hart \\d+\\): \\d+ ticks, (\\d+) "
            + "switches, (\\d+) idle, (\\d+) steals, (\\d+) ipis sent, (\\d+) received, (\\d+) shootdowns");

    static void assertKernelCountersAgree(String console, CpuSnapshot s, String what) {
        Matcher m = KERNEL_COUNTERS.matcher(console);
        int seen = 0;
        while (m.find()) {
            seen++;
            CpuSnapshot.Row r = s.rows().get(Integer.parseInt(m.group(1)));
            String at = what + " cpu " + r.cpu();
            assertEquals(Long.parseLong(m.group(2)), r.switches(), at + " switches");
            // The kernel counts before the report is printed; a cpu may enter wfi once more after.
            long idle = Long.parseLong(m.group(3));
            assertTrue(r.idleEntries() == idle || r.idleEntries() == idle + 1,
                    at + " idle entries " + r.idleEntries() + " vs kernel " + idle);
            assertEquals(Long.parseLong(m.group(4)), r.steals(), at + " steals");
            assertEquals(Long.parseLong(m.group(5)), r.ipisSent(), at + " ipis sent");
            assertEquals(Long.parseLong(m.group(6)), r.ipisReceived(), at + " ipis received");
            assertEquals(Long.parseLong(m.group(7)), r.shootdowns(), at + " shootdowns");
            assertTrue(r.utilisation() > 0 && r.utilisation() <= 1, at + " utilisation " + r.utilisation());
        }
        assertEquals(s.rows().size(), seen, what + ": one kernel counter line per cpu");
    }

    @Test
    void liveDeterministicRunsAreIdenticalAndAgreeWithTheKernel() throws Exception {
        KernelTraces.Run a = KernelTraces.run(KernelTraces.repository(), "ring", 2);
        KernelTraces.Run b = KernelTraces.run(KernelTraces.repository(), "ring", 2);
        assertEquals(ExitStatus.Kind.PASS, a.exit().kind(), a.console());
        assertEquals(0, a.lost(), "no records lost");
        assertEquals(a.records(), b.records(), "deterministic mode reproduces the trace record for record");
        CpuStateModel m = new CpuStateModel(2, CpuStateModel.DEFAULT_WINDOW_TICKS);
        Golden.feed(a.records(), m);
        assertKernelCountersAgree(a.console(), m.snapshot(), "live ring");
    }

    /**
     * A live machine refines the traced states: a paused machine shows every CPU paused, and a
     * finished one leaves the trace's last word. (The reads behind this never wait for a hart:
     * InspectorTest in the emulator's tests checks that.)
     */
    @Test
    void liveMachineShowsPausedCpus() throws Exception {
        Path elf = KernelTraces.repository().resolve("kernel-sources/build/kernel.elf");
        MachineConfig config = MachineConfig.defaults().withHarts(2).withMode(ExecutionMode.PARALLEL)
                .withBootArgs("manifest=process-scale hi=20000000").withTrace(true).withTimeout(Duration.ofMinutes(3));
        CpuStateModel model = new CpuStateModel(2, CpuStateModel.DEFAULT_WINDOW_TICKS);
        try (Machine m = Machine.create(config)) {
            m.addTraceListener(model);
            m.load(elf);
            m.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (model.snapshot().rows().stream().anyMatch(r -> r.switches() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(10); // until both CPUs have run something
            }
            m.pause();
            CpuSnapshot paused = model.snapshot(m);
            assertEquals(2, paused.rows().size());
            for (CpuSnapshot.Row r : paused.rows()) {
                assertEquals(CpuState.PAUSED, r.state(), "cpu " + r.cpu() + " of a paused machine");
            }
            m.resume();
            CpuSnapshot running = model.snapshot(m);
            for (CpuSnapshot.Row r : running.rows()) {
                assertTrue(r.state() != CpuState.PAUSED, "cpu " + r.cpu() + " still paused after resume");
            }
            m.stop();
            assertEquals(model.snapshot().rows(), model.snapshot(m).rows(), "an ended machine adds nothing");
        }
    }

    @Test
    void timelineKeepsOnlyTheWindow() {
        CpuStateModel m = new CpuStateModel(1, 1000);
        for (int i = 0; i < 100; i++) {
            m.onRecord(new TraceRecord(i * 100L, TraceType.IDLE_ENTER.number, 0, 2, 0, 0, 0));
            m.onRecord(new TraceRecord(i * 100L + 25, TraceType.IDLE_EXIT.number, 0, 2, 0, 0, 0));
        }
        CpuSnapshot s = m.snapshot();
        assertEquals(9925, s.now());
        for (CpuSnapshot.Interval iv : s.lanes().get(0)) {
            assertTrue(iv.end() > s.now() - 1000, "interval " + iv + " ends inside the window");
        }
        assertTrue(s.lanes().get(0).size() <= 22, "about two intervals per 100 ticks: " + s.lanes().get(0).size());
        // Idle 25 of every 100 ticks: 75 % busy over the window [8925, 9925].
        assertEquals(0.75, s.rows().get(0).utilisation(), 0.01);
        assertEquals(100, s.rows().get(0).idleEntries(), "counters are not windowed");
        // A record from before the window (another cpu's late delivery in parallel mode) is
        // counted but leaves no mark.
        m.onRecord(new TraceRecord(5, TraceType.IPI_SEND.number, 0, 2, 0, 1, 0));
        s = m.snapshot();
        assertEquals(1, s.rows().get(0).ipisSent());
        assertTrue(s.ipis().isEmpty());
    }

    @Test
    void concurrentWritersAndReadersLoseNothing() throws Exception {
        CpuStateModel m = new CpuStateModel(4, CpuStateModel.DEFAULT_WINDOW_TICKS);
        List<Thread> writers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int cpu = c;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50_000; i++) {
                    m.onRecord(new TraceRecord(i * 10L, TraceType.SWITCH.number, cpu, 10 + (i & 1), 1, 0, 0));
                    m.onRecord(new TraceRecord(i * 10L + 1, TraceType.IPI_SEND.number, cpu, 1, 1, 1, (cpu + 1) % 4));
                }
            }));
        }
        long snapshots = 0;
        while (writers.stream().anyMatch(Thread::isAlive)) {
            m.snapshot();
            snapshots++;
        }
        for (Thread t : writers) {
            t.join();
        }
        CpuSnapshot s = m.snapshot();
        for (CpuSnapshot.Row r : s.rows()) {
            assertEquals(50_000, r.switches(), "cpu " + r.cpu());
            assertEquals(50_000, r.ipisSent(), "cpu " + r.cpu());
        }
        assertTrue(snapshots > 0);
    }

    @Test
    void badInputIsRejectedOrCounted() {
        assertThrows(IllegalArgumentException.class, () -> new CpuStateModel(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new CpuStateModel(2, 0));
        CpuStateModel m = new CpuStateModel(2, 100);
        m.onRecord(new TraceRecord(5, TraceType.SWITCH.number, 9999, 1, 1, 0, 0));
        m.onRecord(new TraceRecord(6, 200, 1, 1, 1, 0, 0)); // a type this version does not know
        m.onLost(0, 7);
        CpuSnapshot s = m.snapshot();
        assertEquals(1, m.ignored());
        assertEquals(2, s.rows().size());
        assertEquals(CpuState.UNKNOWN, s.rows().get(1).state());
        assertEquals(7, s.lost());
    }
}
