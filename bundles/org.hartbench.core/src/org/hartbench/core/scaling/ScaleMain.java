package org.hartbench.core.scaling;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hartbench.emulator.api.ExecutionMode;

/**
 * The harness's command line, run by {@code ./hartbench scale}. Prints progress per run to
 * stderr, then the table and the artifact directory to stdout. Exit status: 0 when every gating
 * claim passed, 1 when one failed, 2 for bad usage or a run that could not be started.
 */
public final class ScaleMain {

    private static final String USAGE = """
            usage: ScaleMain process|thread [--cpus 1,2,4] [--repeats 5] [--mode deterministic|parallel]
                   [--backend emulator|qemu] [--out DIR] [--kernel ELF] [--args "hi=10000000 ..."]
                   [--timeout SECONDS]
              --cpus      CPU counts, comma-separated; must include 1 (default 1,2,4)
              --repeats   runs per CPU count (default 5)
              --mode      emulator mode: deterministic (virtual time) or parallel (wall clock)
              --backend   emulator (default; traced) or qemu (qemu-system-riscv64, MTTCG; no trace)
              --out       artifact directory (default .hartbench/scale/DEMO-TIME under the
                          repository named by -Dhartbench.repo, else the current directory)
              --kernel    kernel image (default kernel-sources/build/kernel.elf)
              --args      extra boot arguments for the demo: workers=, lo=, hi=
              --timeout   host seconds one run may take (default 600)
            """;

    private ScaleMain() {
    }

    public static void main(String[] argv) {
        System.exit(exitStatus(argv, Path.of("kernel-sources", "build", "kernel.elf")));
    }

    /**
     * Runs the command line and returns its exit status; errors are printed, never thrown.
     *
     * @param defaultKernel the kernel image when there is no --kernel option (may be null, and
     *                      then --kernel is required)
     */
    public static int exitStatus(String[] argv, Path defaultKernel) {
        try {
            return run(argv, defaultKernel);
        } catch (IllegalArgumentException e) {
            System.err.println("scale: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (Exception e) {
            System.err.println("scale: " + e.getMessage());
            return 2;
        }
    }

    static int run(String[] argv, Path defaultKernel) throws Exception {
        ScaleDemo demo = null;
        List<Integer> cpus = ScaleOptions.DEFAULT_CPUS;
        int repeats = ScaleOptions.DEFAULT_REPEATS;
        ExecutionMode mode = ExecutionMode.DETERMINISTIC;
        ScaleBackend backend = ScaleBackend.EMULATOR;
        Path out = null;
        Path kernel = defaultKernel;
        String extra = "";
        Duration timeout = ScaleOptions.DEFAULT_RUN_TIMEOUT;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                case "--cpus" -> cpus = cpuList(value(argv, ++i, a));
                case "--repeats" -> repeats = integer(value(argv, ++i, a), a);
                case "--mode" -> mode = ExecutionMode.parse(value(argv, ++i, a));
                case "--backend" -> backend = ScaleBackend.parse(value(argv, ++i, a));
                case "--out" -> out = Path.of(value(argv, ++i, a));
                case "--kernel" -> kernel = Path.of(value(argv, ++i, a));
                case "--args" -> extra = value(argv, ++i, a);
                case "--timeout" -> timeout = Duration.ofSeconds(integer(value(argv, ++i, a), a));
                default -> {
                    if (a.startsWith("-") || demo != null) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    demo = ScaleDemo.parse(a);
                }
            }
        }
        if (demo == null) {
            throw new IllegalArgumentException("name a demo: process or thread");
        }
        if (kernel == null) {
            throw new IllegalArgumentException("name the kernel image with --kernel");
        }
        if (out == null) {
            String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            // Under the repository when the launcher names it, so that /.hartbench/ in .gitignore covers it.
            String repo = System.getProperty("hartbench.repo", ".");
            out = Path.of(repo, ".hartbench", "scale", demo.guestName + "-" + time);
        }
        ScaleOptions options = new ScaleOptions(demo, cpus, repeats, mode, backend, kernel.toAbsolutePath(),
                out.toAbsolutePath(), extra, timeout, null).validate();
        ScaleHarness harness = new ScaleHarness(options);
        harness.addListener(new ScaleListener() {
            private int total;

            @Override
            public void sessionStarted(ScaleOptions o, int totalRuns) {
                total = totalRuns;
                System.err.printf("scale: %s, %d runs on %s (%s), artifacts in %s%n", o.demo().manifest, totalRuns,
                        o.backend().label(), o.timeBase(), o.outDir());
            }

            @Override
            public void runFinished(int index, ScaleRun r) {
                System.err.printf(Locale.ROOT, "scale: [%d/%d] %s: ticks %d, wall %.1f s, %s%n", index + 1, total,
                        r.label(), r.ticks(), r.wallNanos() / 1e9,
                        r.accepted() ? "ok" : "rejected: " + String.join("; ", r.reasons()));
            }
        });
        ScaleReport report = harness.run();
        System.out.print(ReportWriters.table(report));
        System.out.println();
        System.out.println("artifacts: " + options.outDir() + " (per run: cpus-N/run-R/console.log"
                + (backend == ScaleBackend.EMULATOR ? ", trace.bin" : "") + "; " + ReportWriters.SUMMARY_JSON + ", "
                + ReportWriters.junitFileName(demo) + ", " + ReportWriters.TABLE_TXT + ")");
        return report.passed() ? 0 : 1;
    }

    private static String value(String[] argv, int i, String option) {
        if (i >= argv.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv[i];
    }

    private static int integer(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
        }
    }

    /** Parses "1,2,4"; IllegalArgumentException for anything else. */
    static List<Integer> cpuList(String text) {
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",")) {
            list.add(integer(part, "--cpus"));
        }
        return list;
    }
}
