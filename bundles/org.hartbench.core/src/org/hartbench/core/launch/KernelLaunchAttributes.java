package org.hartbench.core.launch;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.MachineConfig;

/**
 * The "Hartbench Kernel" launch configuration type's id and attribute keys, with their defaults.
 *
 * <p>These strings are persisted in users' workspaces (.launch files): they are chosen once and
 * never renamed or localised. Every key starts with {@code org.hartbench.launch.}.
 */
public final class KernelLaunchAttributes {
    private KernelLaunchAttributes() {
    }

    /** The launch configuration type id, declared in core's plugin.xml. */
    public static final String TYPE_ID = "org.hartbench.launch.kernel";

    /** The value of {@code IProcess.ATTR_PROCESS_TYPE} for a running Hartbench machine. */
    public static final String PROCESS_TYPE = "org.hartbench.launch.machine";

    /**
     * The kernel ELF: a file-system path, or a {@code ${workspace_loc:/project/file.elf}}
     * expression for a workspace file. Empty means the kernel shipped in the
     * {@code org.hartbench.kernel} bundle.
     */
    public static final String KERNEL = "org.hartbench.launch.kernel.elf";

    /** The boot manifest's name (boot argument {@code manifest=NAME}); empty: the kernel's default. */
    public static final String MANIFEST = "org.hartbench.launch.manifest";

    /** Further boot arguments (device tree /chosen/bootargs), appended after the manifest. */
    public static final String BOOT_ARGS = "org.hartbench.launch.bootArgs";

    /** Number of harts, an int from 1 to {@link MachineConfig#MAX_HARTS}. */
    public static final String HARTS = "org.hartbench.launch.harts";

    /** "deterministic" or "parallel" (lower-case {@link ExecutionMode} names). */
    public static final String MODE = "org.hartbench.launch.mode";

    /** Guest RAM in MiB, an int. */
    public static final String MEMORY_MIB = "org.hartbench.launch.memoryMiB";

    /** Host file behind the virtio block device (path or variable expression); empty for none. */
    public static final String DISK = "org.hartbench.launch.disk";

    /** Whether the disk is read-only for the guest. */
    public static final String DISK_READ_ONLY = "org.hartbench.launch.diskReadOnly";

    /** Whether the board announces the hartbench,trace device (the kernel then writes trace records). */
    public static final String TRACE = "org.hartbench.launch.trace";

    public static final String DEFAULT_KERNEL = "";
    public static final String DEFAULT_MANIFEST = "";
    public static final String DEFAULT_BOOT_ARGS = "";
    /** Two harts: the smallest machine on which SMP behaviour shows. */
    public static final int DEFAULT_HARTS = 2;
    public static final String DEFAULT_MODE = modeName(ExecutionMode.DETERMINISTIC);
    public static final int DEFAULT_MEMORY_MIB = MachineConfig.DEFAULT_RAM_MIB;
    public static final String DEFAULT_DISK = "";
    public static final boolean DEFAULT_DISK_READ_ONLY = false;
    public static final boolean DEFAULT_TRACE = true;

    /** The persisted spelling of a mode. */
    public static String modeName(ExecutionMode mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
