package org.hartbench.core.scaling.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.hartbench.core.scaling.ScaleBackend;
import org.hartbench.core.scaling.ScaleDemo;
import org.hartbench.core.scaling.ScaleOptions;
import org.hartbench.emulator.api.ExecutionMode;

/**
 * The settings of one "Hartbench Scaling Test" launch configuration, as stored (variables not yet
 * resolved). Missing attributes take the defaults of {@link ScalingLaunchAttributes}.
 *
 * @param demo      "process" or "thread"
 * @param cpus      comma-separated CPU counts, e.g. "1,2,4"
 * @param repeats   runs per CPU count
 * @param mode      "deterministic" or "parallel"
 * @param backend   "emulator" or "qemu"
 * @param kernel    ELF path or variable expression; empty for the shipped kernel
 * @param extraArgs further boot arguments
 * @param outputDir artifact directory (path or variable expression); empty for the default
 */
public record ScalingLaunchSettings(String demo, String cpus, int repeats, String mode, String backend, String kernel,
        String extraArgs, String outputDir) {

    public ScalingLaunchSettings {
        demo = demo == null ? "" : demo.trim();
        cpus = cpus == null ? "" : cpus.trim();
        mode = mode == null ? "" : mode.trim();
        backend = backend == null ? "" : backend.trim();
        kernel = kernel == null ? "" : kernel.trim();
        extraArgs = extraArgs == null ? "" : extraArgs.trim();
        outputDir = outputDir == null ? "" : outputDir.trim();
    }

    /** A new configuration: process demo, CPUs 1,2,4, five repeats, deterministic emulator, shipped kernel. */
    public static ScalingLaunchSettings defaults() {
        return new ScalingLaunchSettings(ScalingLaunchAttributes.DEFAULT_DEMO, ScalingLaunchAttributes.DEFAULT_CPUS,
                ScalingLaunchAttributes.DEFAULT_REPEATS, ScalingLaunchAttributes.DEFAULT_MODE,
                ScalingLaunchAttributes.DEFAULT_BACKEND, ScalingLaunchAttributes.DEFAULT_KERNEL,
                ScalingLaunchAttributes.DEFAULT_EXTRA_ARGS, ScalingLaunchAttributes.DEFAULT_OUTPUT_DIR);
    }

    /** Reads a configuration; absent attributes take their defaults. */
    public static ScalingLaunchSettings read(ILaunchConfiguration config) throws CoreException {
        ScalingLaunchSettings d = defaults();
        return new ScalingLaunchSettings(
                config.getAttribute(ScalingLaunchAttributes.DEMO, d.demo()),
                config.getAttribute(ScalingLaunchAttributes.CPUS, d.cpus()),
                config.getAttribute(ScalingLaunchAttributes.REPEATS, d.repeats()),
                config.getAttribute(ScalingLaunchAttributes.MODE, d.mode()),
                config.getAttribute(ScalingLaunchAttributes.BACKEND, d.backend()),
                config.getAttribute(ScalingLaunchAttributes.KERNEL, d.kernel()),
                config.getAttribute(ScalingLaunchAttributes.EXTRA_ARGS, d.extraArgs()),
                config.getAttribute(ScalingLaunchAttributes.OUTPUT_DIR, d.outputDir()));
    }

    /**
     * Writes every attribute, and ties the configuration to Hartbench's test-run view support so
     * that its launches report into the platform's test-run view.
     */
    public void write(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(ScalingLaunchAttributes.DEMO, demo);
        config.setAttribute(ScalingLaunchAttributes.CPUS, cpus);
        config.setAttribute(ScalingLaunchAttributes.REPEATS, repeats);
        config.setAttribute(ScalingLaunchAttributes.MODE, mode);
        config.setAttribute(ScalingLaunchAttributes.BACKEND, backend);
        config.setAttribute(ScalingLaunchAttributes.KERNEL, kernel);
        config.setAttribute(ScalingLaunchAttributes.EXTRA_ARGS, extraArgs);
        config.setAttribute(ScalingLaunchAttributes.OUTPUT_DIR, outputDir);
        config.setAttribute(ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ATTRIBUTE,
                ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ID);
    }

    /**
     * The CPU counts, in the order given.
     *
     * @throws IllegalArgumentException naming the word that is not a whole number
     */
    public List<Integer> cpuList() {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPU counts given (for example 1,2,4)");
        }
        List<Integer> list = new ArrayList<>();
        for (String word : cpus.split("[,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            try {
                list.add(Integer.parseInt(word));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CPU count '" + word + "' is not a whole number");
            }
        }
        return list;
    }

    /**
     * The harness options for these settings, once the kernel and output directory are resolved.
     *
     * @throws IllegalArgumentException for a setting that cannot be parsed (not yet range-checked:
     *                                  {@link ScaleOptions#validate()} does that)
     */
    public ScaleOptions toOptions(Path kernelElf, Path outDir) {
        return new ScaleOptions(ScaleDemo.parse(demo), cpuList(), repeats, ExecutionMode.parse(mode),
                ScaleBackend.parse(backend), kernelElf, outDir, extraArgs, null, null);
    }

    /** The same settings with other CPU counts and repeats (tests and quick runs use this). */
    public ScalingLaunchSettings withCpusAndRepeats(String c, int r) {
        return new ScalingLaunchSettings(demo, c, r, mode, backend, kernel, extraArgs, outputDir);
    }

    /** The same settings with another output directory. */
    public ScalingLaunchSettings withOutputDir(String dir) {
        return new ScalingLaunchSettings(demo, cpus, repeats, mode, backend, kernel, extraArgs, dir);
    }
}
