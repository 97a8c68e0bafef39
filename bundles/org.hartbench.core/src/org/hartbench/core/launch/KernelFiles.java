package org.hartbench.core.launch;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.variables.VariablesPlugin;
import org.osgi.framework.Bundle;

/**
 * Turns the file settings of a launch configuration into host paths: variable expressions such
 * as {@code ${workspace_loc:/project/kernel.elf}} are substituted, and an empty kernel setting
 * means the image shipped in the {@code org.hartbench.kernel} bundle.
 */
public final class KernelFiles {
    private KernelFiles() {
    }

    /** The bundle that carries the kernel built with this release. */
    public static final String SHIPPED_KERNEL_BUNDLE = "org.hartbench.kernel";
    /** Where the image sits inside that bundle. */
    public static final String SHIPPED_KERNEL_ENTRY = "kernel/kernel.elf";

    /**
     * The shipped kernel as a host file, or empty when the bundle is not installed. A bundle
     * installed as a jar has the entry extracted to the platform's cache by FileLocator.
     */
    public static Optional<Path> shippedKernel() {
        Bundle bundle = Platform.getBundle(SHIPPED_KERNEL_BUNDLE);
        if (bundle == null) {
            return Optional.empty();
        }
        URL entry = bundle.getEntry(SHIPPED_KERNEL_ENTRY);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            // toFileURL leaves spaces unencoded, so the URL is not a valid URI: use its path part.
            return Optional.of(Path.of(FileLocator.toFileURL(entry).getPath()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The kernel ELF to boot.
     *
     * @throws CoreException when a variable cannot be resolved or the shipped kernel is missing;
     *                       the message is fit to show a user
     */
    public static Path kernel(KernelLaunchSettings settings) throws CoreException {
        if (settings.kernel().isEmpty()) {
            return shippedKernel().orElseThrow(() -> LaunchStatus.error("The shipped kernel (bundle "
                    + SHIPPED_KERNEL_BUNDLE + ") is not installed; choose a kernel ELF file.", null));
        }
        return Path.of(substitute(settings.kernel(), "Kernel ELF"));
    }

    /** The disk image, or empty for none. */
    public static Optional<Path> disk(KernelLaunchSettings settings) throws CoreException {
        if (settings.disk().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(substitute(settings.disk(), "Disk image")));
    }

    /**
     * Substitutes the variables of a path setting ({@code ${workspace_loc:...}}, ...).
     *
     * @param what the setting's name for messages, e.g. "Kernel ELF"
     * @throws CoreException with a message fit to show a user when a variable is undefined or the
     *                       result is empty or not a valid path
     */
    public static String substitute(String expression, String what) throws CoreException {
        String resolved;
        try {
            resolved = VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(expression);
        } catch (CoreException e) {
            throw LaunchStatus.error(what + ": " + e.getStatus().getMessage(), e);
        }
        if (resolved.isBlank()) {
            throw LaunchStatus.error(what + ": '" + expression + "' resolves to an empty path.", null);
        }
        try {
            Path.of(resolved);
        } catch (java.nio.file.InvalidPathException e) {
            throw LaunchStatus.error(what + ": '" + resolved + "' is not a valid path (" + e.getReason() + ").", e);
        }
        return resolved;
    }
}
