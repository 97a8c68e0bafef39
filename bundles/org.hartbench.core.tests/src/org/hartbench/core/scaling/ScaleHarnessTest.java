package org.hartbench.core.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's judgement, with a scripted backend instead of a machine. */
class ScaleHarnessTest {

    static final PrimeReference.Answer ANSWER = PrimeReference.compute(2, 2_000_000);

    @TempDir
    Path dir;

    /** Pretends to run thread-scale: timed section 1e6 / cpus^efficiency ticks. */
    static final class ScriptedBackend implements RunBackend {
        double exponent = 1.0;
        IntPredicate lieAbout = c -> false;      // CPU counts whose checksum is wrong (guest still says ok)
        IntPredicate serialize = c -> false;     // CPU counts whose workers all run on cpu 0
        int calls;

        @Override
        public RawRun run(ScaleOptions options, int cpus, String bootArgs) {
            calls++;
            assertEquals("manifest=thread-scale", bootArgs);
            long t0 = 1000;
            long ticks = Math.round(1_000_000 / Math.pow(cpus, exponent));
            long t1 = t0 + ticks;
            long checksum = ANSWER.checksum() + (lieAbout.test(cpus) ? 1 : 0);
            String line = String.format("scale-result demo=thread workers=%d cpus=%d lo=2 hi=2000000 count=%d "
                    + "checksum=0x%016x t0=%d t1=%d ticks=%d timebase=rdtime@10MHz verdict=ok", cpus, cpus,
                    ANSWER.count(), checksum, t0, t1, ticks);
            List<TraceRecord> trace = new ArrayList<>();
            for (int w = 0; w < cpus; w++) {
                int cpu = serialize.test(cpus) ? 0 : w;
                int tid = 10 + w;
                trace.add(new TraceRecord(t0 - 100 + w, TraceType.SWITCH.number, cpu, tid, 7, 0, 0));
                trace.add(new TraceRecord(t0 - 90 + w, TraceType.CAP_ENTER_WAIT.number, cpu, tid, 7, 1, 0));
                trace.add(new TraceRecord(t0 - 10, TraceType.CAP_ENTER_WAKE.number, cpu, tid, 7, 1, 0));
                trace.add(new TraceRecord(t1, TraceType.SWITCH.number, cpu, 0, 0, 0, 0));
            }
            // Each CPU's records must arrive in the order that CPU wrote them, i.e. by time.
            trace.sort(java.util.Comparator.comparingLong(TraceRecord::time));
            return new RawRun("boot\n" + line + "\nmanifest thread-scale: PASS\n", trace, true, 0, true,
                    "pass: guest passed", 5_000_000);
        }
    }

    ScaleOptions options(List<Integer> cpus, int repeats) throws IOException {
        Path elf = Files.writeString(dir.resolve("kernel.elf"), "not really an ELF; the scripted backend never reads it");
        return ScaleOptions.defaults(ScaleDemo.THREAD, elf, dir.resolve("out")).withCpus(cpus).withRepeats(repeats);
    }

    @Test
    void perfectScalingPassesAndEveryArtifactIsWritten() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        ScaleHarness harness = new ScaleHarness(options(List.of(1, 2, 4), 3), backend);
        List<String> events = new ArrayList<>();
        harness.addListener(new ScaleListener() {
            @Override
            public void sessionStarted(ScaleOptions o, int totalRuns) {
                events.add("start " + totalRuns);
            }

            @Override
            public void runFinished(int index, ScaleRun run) {
                events.add(index + ":" + run.cpus() + "/" + run.repeat());
            }

            @Override
            public void claimEvaluated(ScaleClaim claim) {
                events.add("claim " + claim.passed());
            }

            @Override
            public void sessionFinished(ScaleReport report) {
                events.add("end " + report.passed());
            }
        });
        ScaleReport report = harness.run();
        assertEquals(9, backend.calls);
        assertEquals(List.of("start 9", "0:1/1", "1:2/1", "2:4/1", "3:1/2", "4:2/2", "5:4/2", "6:1/3", "7:2/3", "8:4/3",
                "claim true", "claim true", "claim true", "end true"), events);
        assertTrue(report.passed());
        assertEquals(List.of("thread-scale results verified (count and checksum recomputed on the host)",
                "thread-scale 1→2 ≥ 1.6x (virtual time)", "thread-scale 1→4 speedup (virtual time, diagnostic)"),
                report.claims().stream().map(ScaleClaim::name).toList());
        assertEquals(2.0, report.claims().get(1).speedup(), 1e-9);
        assertEquals(4.0, report.rows().get(2).speedup(), 1e-9);
        ScaleRun two = report.runs().get(1);
        assertEquals(2, two.checks().size());
        assertTrue(two.accepted(), two.reasons().toString());
        Path out = dir.resolve("out");
        assertTrue(Files.readString(out.resolve("cpus-2/run-1/console.log")).contains("scale-result demo=thread"));
        List<TraceRecord> back = TraceFile.read(out.resolve("cpus-2/run-1/trace.bin"));
        assertEquals(new ScriptedBackend().run(options(List.of(1, 2), 1), 2, "manifest=thread-scale").trace(), back);
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"passed\": true") && json.contains("\"speedup\": 2,"), json);
        String xml = Files.readString(out.resolve("TEST-scale-thread.xml"));
        assertTrue(xml.contains("tests=\"3\" failures=\"0\""), xml);
        assertTrue(Files.readString(out.resolve("table.txt")).contains("PASS  thread-scale 1→2"));
    }

    @Test
    void aWrongChecksumIsRejectedEvenWhenTheGuestSaysOk() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        backend.lieAbout = c -> c == 2;
        ScaleReport report = new ScaleHarness(options(List.of(1, 2), 1), backend).run();
        assertFalse(report.passed());
        ScaleRun two = report.runs().get(1);
        assertFalse(two.verified());
        assertTrue(two.errors().get(0).startsWith("wrong answer: count=148933 checksum=0x1b30b15cc26a4423, the host "
                + "computes count=148933 checksum=0x1b30b15cc26a4422"), two.errors().toString());
        assertFalse(report.claims().get(0).passed());
        ScaleClaim claim = report.claims().get(1);
        assertFalse(claim.passed());
        assertTrue(claim.message().contains("2 CPUs, run 1 rejected: wrong answer"), claim.message());
        String xml = ReportWriters.junitXml(report);
        assertTrue(xml.contains("failures=\"2\"") && xml.contains("<failure message="), xml);
    }

    @Test
    void speedupBelowTheThresholdFailsButTheFourCpuDiagnosticDoesNot() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        backend.exponent = 0.5;                  // 1.414x at 2 CPUs, 2x at 4
        ScaleReport report = new ScaleHarness(options(List.of(1, 2, 4), 1), backend).run();
        ScaleClaim two = report.claims().get(1);
        assertFalse(two.passed());
        assertTrue(two.message().contains("1.414x is below the threshold 1.6x"), two.message());
        ScaleClaim four = report.claims().get(2);
        assertFalse(four.gating());
        assertTrue(four.passed());
        assertEquals(2.0, four.speedup(), 1e-3);
        assertFalse(report.passed());
    }

    @Test
    void aSerializedRunFailsTheClaimWithTheReason() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        backend.serialize = c -> c == 2;
        ScaleReport report = new ScaleHarness(options(List.of(1, 2), 1), backend).run();
        assertTrue(report.claims().get(0).passed(), "the answers were right");
        ScaleClaim claim = report.claims().get(1);
        assertFalse(claim.passed());
        assertTrue(claim.message().contains("overlap check failed: 0.0% of the timed section"), claim.message());
        assertEquals(0, report.rows().get(1).accepted());
        assertTrue(Double.isNaN(claim.speedup()));
    }

    @Test
    void aRunWithoutAResultLineSaysWhatTheDemoSaid() throws Exception {
        RunBackend failing = (o, cpus, args) -> new RawRun("manifest thread-scale: started 1 program\n"
                + "thread-scale: thread_create failed (-12)\nmanifest thread-scale: FAIL\n", List.of(), false, 0, false,
                "fail: guest failed with code 1", 1);
        ScaleReport report = new ScaleHarness(options(List.of(1, 2), 1), failing).run();
        ScaleRun run = report.runs().get(0);
        assertEquals(List.of("no scale-result line in the console log (fail: guest failed with code 1; the demo said: "
                + "thread-scale: thread_create failed (-12))", "the guest did not pass (fail: guest failed with code 1)"),
                run.errors());
        assertTrue(run.checks().isEmpty());
        assertFalse(report.passed());
        assertTrue(Double.isNaN(report.claims().get(1).speedup()));
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingRuns() throws Exception {
        ScaleOptions o = options(List.of(1, 2), 1);
        assertEquals("CPU counts [2, 4] must include 1: speedups are measured against 1 CPU",
                assertThrows(IllegalArgumentException.class, () -> o.withCpus(List.of(2, 4)).validate()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withRepeats(0).validate());
        assertThrows(IllegalArgumentException.class, () -> o.withCpus(List.of(1, 33)).validate());
        assertThrows(IllegalArgumentException.class, () -> o.withExtraArgs("manifest=ring").validate());
        assertThrows(IllegalArgumentException.class,
                () -> ScaleOptions.defaults(ScaleDemo.PROCESS, dir.resolve("missing.elf"), dir).validate());
        ScriptedBackend backend = new ScriptedBackend();
        assertEquals("boot argument hi=lots is not a non-negative number", assertThrows(IllegalArgumentException.class,
                () -> new ScaleHarness(o.withExtraArgs("hi=lots"), backend).run()).getMessage());
        assertEquals(0, backend.calls);
    }

    @Test
    void medianAndJsonAndXmlHelpers() {
        assertEquals(3, ScaleReport.median(new long[] { 5, 1, 3 }));
        assertEquals(2, ScaleReport.median(new long[] { 4, 1, 3, 1 }));
        assertEquals(-1, ScaleReport.median(new long[0]));
        assertEquals("\"a\\\"b\\\\c\\n\\u0001→\"", ReportWriters.json("a\"b\\c\n\u0001→"));
        assertEquals("&lt;a &amp; &quot;b&quot;&gt;", ReportWriters.xml("<a & \"b\">"));
        assertEquals("1.965", ReportWriters.number(1.965));
        assertEquals("100000", ReportWriters.number(100000));
        assertEquals("2", ReportWriters.number(2.0));
        assertEquals("null", ReportWriters.number(Double.NaN));
    }
}
