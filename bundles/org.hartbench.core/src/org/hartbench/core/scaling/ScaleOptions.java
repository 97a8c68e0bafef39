package org.hartbench.core.scaling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.hartbench.emulator.api.ExecutionMode;

/**
 * What one harness session runs. Immutable; {@link #validate()} throws IllegalArgumentException
 * with a message fit to show a user.
 *
 * @param demo       the workload
 * @param cpus       CPU counts, each run {@code repeats} times; must include 1, the baseline
 * @param repeats    runs per CPU count
 * @param mode       emulator execution mode (ignored by the QEMU backend, which is always wall clock)
 * @param backend    emulator or QEMU
 * @param kernelElf  the kernel image carrying the demos
 * @param outDir     where every run's raw console log and trace, summary.json and the JUnit XML go
 * @param extraArgs  further boot arguments, e.g. {@code hi=10000000} (may be empty)
 * @param runTimeout host time one run may take before it is stopped and rejected
 * @param qemuCommand the QEMU binary to start
 */
public record ScaleOptions(ScaleDemo demo, List<Integer> cpus, int repeats, ExecutionMode mode, ScaleBackend backend,
        Path kernelElf, Path outDir, String extraArgs, Duration runTimeout, String qemuCommand) {

    public static final List<Integer> DEFAULT_CPUS = List.of(1, 2, 4);
    public static final int DEFAULT_REPEATS = 5;
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(10);

    public ScaleOptions {
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(backend, "backend");
        cpus = List.copyOf(cpus);
        extraArgs = extraArgs == null ? "" : extraArgs.trim();
        runTimeout = runTimeout == null ? DEFAULT_RUN_TIMEOUT : runTimeout;
        qemuCommand = qemuCommand == null ? "qemu-system-riscv64" : qemuCommand;
    }

    /** The defaults of issue 5: CPUs 1, 2, 4; five repeats; deterministic emulator. */
    public static ScaleOptions defaults(ScaleDemo demo, Path kernelElf, Path outDir) {
        return new ScaleOptions(demo, DEFAULT_CPUS, DEFAULT_REPEATS, ExecutionMode.DETERMINISTIC, ScaleBackend.EMULATOR,
                kernelElf, outDir, "", DEFAULT_RUN_TIMEOUT, null);
    }

    public ScaleOptions withCpus(List<Integer> c) {
        return new ScaleOptions(demo, c, repeats, mode, backend, kernelElf, outDir, extraArgs, runTimeout, qemuCommand);
    }

    public ScaleOptions withRepeats(int r) {
        return new ScaleOptions(demo, cpus, r, mode, backend, kernelElf, outDir, extraArgs, runTimeout, qemuCommand);
    }

    public ScaleOptions withMode(ExecutionMode m) {
        return new ScaleOptions(demo, cpus, repeats, m, backend, kernelElf, outDir, extraArgs, runTimeout, qemuCommand);
    }

    public ScaleOptions withBackend(ScaleBackend b) {
        return new ScaleOptions(demo, cpus, repeats, mode, b, kernelElf, outDir, extraArgs, runTimeout, qemuCommand);
    }

    public ScaleOptions withExtraArgs(String a) {
        return new ScaleOptions(demo, cpus, repeats, mode, backend, kernelElf, outDir, a, runTimeout, qemuCommand);
    }

    public ScaleOptions withRunTimeout(Duration t) {
        return new ScaleOptions(demo, cpus, repeats, mode, backend, kernelElf, outDir, extraArgs, t, qemuCommand);
    }

    /**
     * The time base the speedups are measured in, named as reports name it. In deterministic mode
     * the guest's rdtime follows instructions retired; otherwise it follows the host clock.
     */
    public String timeBase() {
        if (backend == ScaleBackend.QEMU) {
            return "wall clock, QEMU";
        }
        return mode == ExecutionMode.DETERMINISTIC ? "virtual time" : "wall clock";
    }

    /** Throws IllegalArgumentException naming the first bad setting; returns this otherwise. */
    public ScaleOptions validate() {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPU counts given");
        }
        if (!cpus.contains(1)) {
            throw new IllegalArgumentException("CPU counts " + cpus + " must include 1: speedups are measured against 1 CPU");
        }
        for (int c : cpus) {
            if (c < 1 || c > 32) {
                throw new IllegalArgumentException("CPU count " + c + " is out of range (1 to 32)");
            }
        }
        if (cpus.stream().distinct().count() != cpus.size()) {
            throw new IllegalArgumentException("CPU counts " + cpus + " repeat a value");
        }
        if (repeats < 1 || repeats > 1000) {
            throw new IllegalArgumentException("repeats " + repeats + " is out of range (1 to 1000)");
        }
        if (kernelElf == null || !java.nio.file.Files.isRegularFile(kernelElf)) {
            throw new IllegalArgumentException("kernel image " + kernelElf + " does not exist (build it with make -C kernel-sources)");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("no output directory given");
        }
        if (extraArgs.contains("manifest=")) {
            throw new IllegalArgumentException("extra boot arguments must not set manifest= (the demo chooses it)");
        }
        if (runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("run timeout must be positive");
        }
        return this;
    }
}
