package org.hartbench.core.scaling.launch;

import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.scaling.ScaleBackend;
import org.hartbench.core.scaling.ScaleDemo;
import org.hartbench.core.scaling.ScaleOptions;
import org.hartbench.emulator.api.ExecutionMode;

/**
 * The "Hartbench Scaling Test" launch configuration type's id and attribute keys, with their
 * defaults.
 *
 * <p>These strings are persisted in users' workspaces (.launch files): they are chosen once and
 * never renamed or localised. Every own key starts with {@code org.hartbench.launch.scaling.}.
 */
public final class ScalingLaunchAttributes {
    private ScalingLaunchAttributes() {
    }

    /** The launch configuration type id, declared in core's plugin.xml. */
    public static final String TYPE_ID = "org.hartbench.launch.scaling";

    /** The value of {@code IProcess.ATTR_PROCESS_TYPE} for a running scaling session. */
    public static final String PROCESS_TYPE = "org.hartbench.launch.scaling.session";

    /** "process" or "thread" ({@link ScaleDemo#guestName}). */
    public static final String DEMO = "org.hartbench.launch.scaling.demo";

    /** CPU counts as comma-separated whole numbers, e.g. "1,2,4"; must include 1. */
    public static final String CPUS = "org.hartbench.launch.scaling.cpus";

    /** Runs per CPU count, an int. */
    public static final String REPEATS = "org.hartbench.launch.scaling.repeats";

    /** "deterministic" or "parallel" (lower-case {@link ExecutionMode} names). */
    public static final String MODE = "org.hartbench.launch.scaling.mode";

    /** "emulator" or "qemu" ({@link ScaleBackend#label()}). */
    public static final String BACKEND = "org.hartbench.launch.scaling.backend";

    /**
     * The kernel ELF: a file-system path or a variable expression such as
     * {@code ${workspace_loc:/project/kernel.elf}}; empty means the shipped kernel.
     */
    public static final String KERNEL = "org.hartbench.launch.scaling.kernel";

    /** Further boot arguments ({@code key=value} words, e.g. {@code hi=10000000}); no manifest=. */
    public static final String EXTRA_ARGS = "org.hartbench.launch.scaling.extraArgs";

    /**
     * Where sessions write their artifacts (path or variable expression). Each session writes to a
     * new subdirectory named by its start time. Empty: the workspace's metadata area
     * ({@code .metadata/.plugins/org.hartbench.core/scaling/CONFIG/}), or the system temporary
     * directory when there is no workspace.
     */
    public static final String OUTPUT_DIR = "org.hartbench.launch.scaling.outputDir";

    /**
     * The platform test-run view's attribute that names the view support for a launch
     * ({@code org.eclipse.unittest.ui}'s UnitTestLaunchConfigurationConstants, spelled with three
     * P's there). The launch listener of that bundle creates a test-run session for launches that
     * carry it. A UI test checks that this copy equals what ConfigureViewerSupport writes.
     */
    public static final String TEST_VIEW_SUPPORT_ATTRIBUTE = "org.eclipse.unittest.ui.TEST_VIEW_SUPPPORT";

    /** The id of Hartbench's view support, declared by org.hartbench.ui. */
    public static final String TEST_VIEW_SUPPORT_ID = "org.hartbench.ui.scaling.viewSupport";

    public static final String DEFAULT_DEMO = ScaleDemo.PROCESS.guestName;
    public static final String DEFAULT_CPUS = "1,2,4";
    public static final int DEFAULT_REPEATS = ScaleOptions.DEFAULT_REPEATS;
    public static final String DEFAULT_MODE = KernelLaunchAttributes.modeName(ExecutionMode.DETERMINISTIC);
    public static final String DEFAULT_BACKEND = ScaleBackend.EMULATOR.label();
    public static final String DEFAULT_KERNEL = "";
    public static final String DEFAULT_EXTRA_ARGS = "";
    public static final String DEFAULT_OUTPUT_DIR = "";
}
