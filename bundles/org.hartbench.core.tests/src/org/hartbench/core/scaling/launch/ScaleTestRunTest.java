package org.hartbench.core.scaling.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.hartbench.core.scaling.ReportWriters;
import org.hartbench.core.scaling.ScaleDemo;
import org.hartbench.core.scaling.ScaleOptions;
import org.hartbench.core.scaling.ScaleReport;
import org.hartbench.core.scaling.ScaleRun;
import org.hartbench.core.scaling.launch.EventTree.Node;
import org.hartbench.core.scaling.launch.EventTree.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scaling session as the test-run view will show it: a real launch of the "Hartbench Scaling
 * Test" type (delegate, job, harness on the built kernel, deterministic, CPUs 1 and 2, one
 * repeat), and hand-made reports for the verdicts a healthy kernel never produces.
 */
class ScaleTestRunTest {

    @TempDir
    Path out;

    @Test
    void aRealSessionBecomesTheExpectedTestTree() throws Exception {
        ILaunchConfigurationWorkingCopy copy = ScalingLaunchSettingsTest.type().newInstance(null, "scale-1-2");
        ScalingLaunchSettingsTest.onBuiltKernel("1,2", 1).withOutputDir(out.toString()).write(copy);
        ILaunchConfiguration config = copy.doSave();
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        try {
            ScalingProcess process = assertInstanceOf(ScalingProcess.class, launch.getProcesses()[0]);
            Job.getJobManager().join(ScalingJob.FAMILY, null);
            // Job listeners (which end the process) may run just after join returns.
            for (long deadline = System.nanoTime() + 10_000_000_000L; !process.isTerminated()
                    && System.nanoTime() < deadline;) {
                Thread.sleep(10);
            }
            assertTrue(process.isTerminated(), "the process ends with its job");
            assertEquals(0, process.getExitValue(), "every gating claim passed");
            assertTrue(launch.isTerminated(), "the launch ends with its job");
            ScaleReport report = process.job().report();
            assertNotNull(report);
            assertTrue(report.options().outDir().startsWith(out), report.options().outDir().toString());
            assertTrue(Files.isRegularFile(report.options().outDir().resolve(ReportWriters.SUMMARY_JSON)));

            EventTree tree = EventTree.of(process.testRun().events());
            assertEquals(4, tree.announcedTests, "two runs and two claims");
            assertEquals(4, tree.cases());
            assertNotNull(tree.ended, "the session ended");
            assertNull(tree.abortReason);

            assertEquals(1, tree.root.children.size(), "one suite per demo");
            Node suite = tree.root.child("process-scale (emulator, deterministic, virtual time)");
            assertEquals(List.of("runs", "process-scale results verified (count and checksum recomputed on the host)",
                    "process-scale 1→2 ≥ 1.6x (virtual time)"), suite.children.stream().map(n -> n.name).toList());
            Node runs = suite.child("runs");
            assertEquals(List.of("1 CPU, run 1", "2 CPUs, run 1"), runs.children.stream().map(n -> n.name).toList());
            runs.children.forEach(r -> assertEquals(Verdict.PASSED, r.verdict, r.name + ": " + r.trace));

            Node verified = suite.child("process-scale results verified (count and checksum recomputed on the host)");
            assertEquals(Verdict.PASSED, verified.verdict, verified.trace);
            assertTrue(verified.displayName.endsWith(": 2 of 2 runs verified"), verified.displayName);
            Node speedup = suite.child("process-scale 1→2 ≥ 1.6x (virtual time)");
            assertEquals(Verdict.PASSED, speedup.verdict, speedup.trace);
            double measured = report.rows().get(1).speedup();
            assertTrue(measured >= ScaleReport.THRESHOLD_1_TO_2, "speedup " + measured);
            assertEquals("process-scale 1→2 ≥ 1.6x (virtual time): " + String.format(Locale.ROOT, "%.3fx", measured),
                    speedup.displayName);

            // A view that attaches after the end sees the same session.
            List<ScaleTestEvent> late = new ArrayList<>();
            process.testRun().subscribe(late::add).run();
            assertEquals(process.testRun().events(), late);

            // The chart's model: the last report, one point per CPU count, against the ideal line.
            assertTrue(LastScaleReport.get().isPresent());
            List<LastScaleReport.Point> points = LastScaleReport.points(report);
            assertEquals(List.of(1, 2), points.stream().map(LastScaleReport.Point::cpus).toList());
            assertEquals(1.0, points.get(0).speedup(), 1e-12, "1 CPU against itself");
            assertEquals(measured, points.get(1).speedup(), 1e-12);
            assertEquals(2.0, points.get(1).ideal(), 0.0);
        } finally {
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
    }

    private ScaleOptions options() {
        return ScaleOptions.defaults(ScaleDemo.PROCESS, out.resolve("kernel.elf"), out).withCpus(List.of(1, 2))
                .withRepeats(1);
    }

    private ScaleRun rejected(int cpus, String why) {
        return new ScaleRun(cpus, 1, null, List.of(why), List.of(), false, 0, 0, "passed", 1_000_000,
                out.resolve("cpus-" + cpus).resolve("run-1").resolve("console.log"), null);
    }

    @Test
    void rejectedRunsFailTheirCaseAndEveryClaimWithTableAndArtifacts() {
        ScaleOptions options = options();
        List<ScaleRun> runs = List.of(rejected(1, "no scale-result line in the console log"),
                rejected(2, "wrong answer: count=1"));
        ScaleTestRun run = new ScaleTestRun();
        run.sessionStarted(options, 2);
        for (int i = 0; i < runs.size(); i++) {
            run.runStarted(i, runs.get(i).cpus(), 1);
            run.runFinished(i, runs.get(i));
        }
        run.sessionFinished(ScaleReport.of(options, runs));

        EventTree tree = EventTree.of(run.events());
        Node suite = tree.root.children.get(0);
        Node twoCpus = suite.child("runs").child("2 CPUs, run 1");
        assertEquals(Verdict.FAILED, twoCpus.verdict);
        assertTrue(twoCpus.trace.contains("wrong answer: count=1"), twoCpus.trace);
        assertTrue(twoCpus.trace.contains("Console log: " + out.resolve("cpus-2/run-1/console.log")), twoCpus.trace);

        Node claim = suite.child("process-scale 1→2 ≥ 1.6x (virtual time)");
        assertEquals(Verdict.FAILED, claim.verdict);
        assertTrue(claim.displayName.endsWith(": no speedup measured"), claim.displayName);
        assertTrue(claim.trace.contains("Artifacts: " + out), claim.trace);
        assertTrue(claim.trace.contains("cpus run workers"), "the per-run table: " + claim.trace);
        assertTrue(claim.trace.contains("REJECTED: wrong answer: count=1"), claim.trace);
        Node verified = suite.child("process-scale results verified (count and checksum recomputed on the host)");
        assertEquals(Verdict.FAILED, verified.verdict);
        assertTrue(verified.displayName.endsWith(": 0 of 2 runs verified"), verified.displayName);
    }

    @Test
    void aHarnessFailureIsAnErrorCaseAndAbortsTheSession() {
        ScaleTestRun run = new ScaleTestRun();
        run.sessionStarted(options(), 2);
        run.runStarted(0, 1, 1);
        run.aborted(new IOException("No space left on device"));
        run.runFinished(0, rejected(1, "late"));

        EventTree tree = EventTree.of(run.events());
        assertEquals("IOException: No space left on device", tree.abortReason);
        Node error = tree.byId.get(ScaleTestRun.ERROR_CASE_ID);
        assertEquals(Verdict.ERROR, error.verdict);
        assertEquals("IOException: No space left on device", error.trace);
        assertEquals(Verdict.RUNNING, tree.byId.get(ScaleTestRun.runId(1, 1)).verdict,
                "nothing is reported after the abort");
        assertTrue(run.isFinished());
    }

    @Test
    void cancellingAbortsWithoutAnErrorCase() {
        ScaleTestRun run = new ScaleTestRun();
        run.sessionStarted(options(), 2);
        run.aborted(new InterruptedException());
        EventTree tree = EventTree.of(run.events());
        assertEquals("cancelled", tree.abortReason);
        assertNull(tree.byId.get(ScaleTestRun.ERROR_CASE_ID));
    }
}
