package org.hartbench.core.scaling.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.hartbench.core.launch.KernelLaunchSettings;
import org.hartbench.core.launch.KernelLaunchValidator;
import org.hartbench.core.scaling.ScaleHarness;
import org.hartbench.core.scaling.ScaleOptions;

/**
 * Checks scaling launch settings before anything runs, with messages a user can act on. The tab
 * shows them and the delegate refuses to launch with them. Ranges come from the harness itself
 * ({@link ScaleOptions#validate()}) and kernel checks from the Kernel launch's validator, so the
 * launch never accepts what the harness or the emulator would reject.
 */
public final class ScalingLaunchValidator {
    private ScalingLaunchValidator() {
    }

    /** The first problem of the settings, or empty when they can be launched. */
    public static Optional<String> problem(ScalingLaunchSettings settings) {
        Path kernel;
        try {
            kernel = ScalingFiles.kernel(settings);
        } catch (CoreException e) {
            return Optional.of(e.getStatus().getMessage());
        }
        try {
            ScaleHarness.bootArgs(settings.extraArgs());
            // The output directory is checked below; any path satisfies the harness here.
            settings.toOptions(kernel, Path.of("output")).validate();
        } catch (IllegalArgumentException e) {
            return Optional.of(KernelLaunchValidator.sentence(e.getMessage()));
        }
        Optional<String> elf = KernelLaunchValidator.kernelProblem(KernelLaunchSettings.defaults()
                .withKernel(settings.kernel()));
        if (elf.isPresent()) {
            return elf;
        }
        return outputProblem(settings);
    }

    private static Optional<String> outputProblem(ScalingLaunchSettings settings) {
        if (settings.outputDir().isEmpty()) {
            return Optional.empty();
        }
        Path dir;
        try {
            dir = ScalingFiles.outputRoot(settings, "");
        } catch (CoreException e) {
            return Optional.of(e.getStatus().getMessage());
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return Optional.of("Output directory is a file, not a directory: " + dir);
        }
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            return Optional.of("Output directory is not writable: " + dir);
        }
        return Optional.empty();
    }
}
