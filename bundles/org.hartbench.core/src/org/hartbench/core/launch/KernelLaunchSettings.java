package org.hartbench.core.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * The settings of one "Hartbench Kernel" launch configuration, as stored (variables not yet
 * resolved). Missing attributes take the defaults of {@link KernelLaunchAttributes}.
 *
 * @param kernel       ELF path or variable expression; empty for the shipped kernel
 * @param manifest     manifest name; empty for the kernel's default
 * @param bootArgs     further boot arguments
 * @param harts        hart count
 * @param mode         "deterministic" or "parallel"
 * @param memoryMiB    guest RAM in MiB
 * @param disk         disk image path or variable expression; empty for none
 * @param diskReadOnly whether the guest may not write the disk
 * @param trace        whether the trace device is present
 */
public record KernelLaunchSettings(String kernel, String manifest, String bootArgs, int harts, String mode,
        int memoryMiB, String disk, boolean diskReadOnly, boolean trace) {

    public KernelLaunchSettings {
        kernel = kernel == null ? "" : kernel.trim();
        manifest = manifest == null ? "" : manifest.trim();
        bootArgs = bootArgs == null ? "" : bootArgs.trim();
        mode = mode == null ? "" : mode.trim();
        disk = disk == null ? "" : disk.trim();
    }

    /** The settings a new configuration starts with: shipped kernel, default manifest, two harts. */
    public static KernelLaunchSettings defaults() {
        return new KernelLaunchSettings(KernelLaunchAttributes.DEFAULT_KERNEL, KernelLaunchAttributes.DEFAULT_MANIFEST,
                KernelLaunchAttributes.DEFAULT_BOOT_ARGS, KernelLaunchAttributes.DEFAULT_HARTS,
                KernelLaunchAttributes.DEFAULT_MODE, KernelLaunchAttributes.DEFAULT_MEMORY_MIB,
                KernelLaunchAttributes.DEFAULT_DISK, KernelLaunchAttributes.DEFAULT_DISK_READ_ONLY,
                KernelLaunchAttributes.DEFAULT_TRACE);
    }

    /** Reads a configuration; absent attributes take their defaults. */
    public static KernelLaunchSettings read(ILaunchConfiguration config) throws CoreException {
        KernelLaunchSettings d = defaults();
        return new KernelLaunchSettings(
                config.getAttribute(KernelLaunchAttributes.KERNEL, d.kernel()),
                config.getAttribute(KernelLaunchAttributes.MANIFEST, d.manifest()),
                config.getAttribute(KernelLaunchAttributes.BOOT_ARGS, d.bootArgs()),
                config.getAttribute(KernelLaunchAttributes.HARTS, d.harts()),
                config.getAttribute(KernelLaunchAttributes.MODE, d.mode()),
                config.getAttribute(KernelLaunchAttributes.MEMORY_MIB, d.memoryMiB()),
                config.getAttribute(KernelLaunchAttributes.DISK, d.disk()),
                config.getAttribute(KernelLaunchAttributes.DISK_READ_ONLY, d.diskReadOnly()),
                config.getAttribute(KernelLaunchAttributes.TRACE, d.trace()));
    }

    /** Writes every attribute (tabs' setDefaults and the launch shortcut use this). */
    public void write(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(KernelLaunchAttributes.KERNEL, kernel);
        config.setAttribute(KernelLaunchAttributes.MANIFEST, manifest);
        config.setAttribute(KernelLaunchAttributes.BOOT_ARGS, bootArgs);
        config.setAttribute(KernelLaunchAttributes.HARTS, harts);
        config.setAttribute(KernelLaunchAttributes.MODE, mode);
        config.setAttribute(KernelLaunchAttributes.MEMORY_MIB, memoryMiB);
        config.setAttribute(KernelLaunchAttributes.DISK, disk);
        config.setAttribute(KernelLaunchAttributes.DISK_READ_ONLY, diskReadOnly);
        config.setAttribute(KernelLaunchAttributes.TRACE, trace);
    }

    /** The same settings with another kernel. */
    public KernelLaunchSettings withKernel(String elf) {
        return new KernelLaunchSettings(elf, manifest, bootArgs, harts, mode, memoryMiB, disk, diskReadOnly, trace);
    }

    /**
     * The device tree's /chosen/bootargs: {@code manifest=NAME} first (when a manifest is named),
     * then the free-form arguments, as {@code hartbench emu --append} would pass them.
     */
    public String effectiveBootArgs() {
        if (manifest.isEmpty()) {
            return bootArgs;
        }
        return bootArgs.isEmpty() ? "manifest=" + manifest : "manifest=" + manifest + " " + bootArgs;
    }
}
