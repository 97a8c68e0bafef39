package org.hartbench.core.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hartbench.core.scaling.ConcurrencyChecks.Check;
import org.hartbench.core.scaling.ConcurrencyChecks.Verdict;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reactor's gate on issue 5's claims: both demos on the real kernel, on the emulator in
 * deterministic mode, 1, 2 and 4 CPUs. One run per CPU count: deterministic runs of the same
 * inputs are bit-identical, so repeats would only repeat the same figure.
 */
class ScaleClaimsEmulatorTest {

    @TempDir
    Path out;

    static Path kernel() {
        String repo = System.getProperty("hartbench.repo");
        assertTrue(repo != null, "system property hartbench.repo (the repository root) is not set");
        Path elf = Path.of(repo, "kernel-sources", "build", "kernel.elf");
        assertTrue(Files.isRegularFile(elf), elf + " is missing: build the kernel first (make -C kernel-sources)");
        return elf;
    }

    @ParameterizedTest
    @EnumSource(ScaleDemo.class)
    void speedupOneToTwoMeetsTheThresholdInVirtualTime(ScaleDemo demo) throws Exception {
        ScaleOptions options = ScaleOptions.defaults(demo, kernel(), out).withCpus(List.of(1, 2, 4)).withRepeats(1);
        ScaleReport report = new ScaleHarness(options).run();
        for (ScaleRun run : report.runs()) {
            assertTrue(run.accepted(), run.label() + ": " + run.reasons());
            assertEquals(0, run.lostRecords(), run.label());
            for (Check c : run.checks()) {
                assertEquals(run.cpus() == 1 ? Verdict.NOT_APPLICABLE : Verdict.PASS, c.verdict(),
                        run.label() + " " + c.name() + ": " + c.message());
            }
            assertEquals(demo == ScaleDemo.THREAD ? 2 : 1, run.checks().size());
        }
        ScaleClaim oneToTwo = report.claims().get(1);
        assertEquals(demo.manifest + " 1→2 ≥ 1.6x (virtual time)", oneToTwo.name());
        assertTrue(oneToTwo.passed(), oneToTwo.message());
        assertTrue(oneToTwo.speedup() >= ScaleReport.THRESHOLD_1_TO_2, oneToTwo.message());
        assertTrue(report.passed(), ReportWriters.table(report));
        assertTrue(Files.isRegularFile(out.resolve(ReportWriters.junitFileName(demo))));
    }
}
