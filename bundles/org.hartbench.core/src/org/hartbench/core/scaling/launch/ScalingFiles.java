package org.hartbench.core.scaling.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Platform;
import org.hartbench.core.launch.KernelFiles;
import org.hartbench.core.launch.KernelLaunchSettings;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Turns the file settings of a scaling configuration into host paths: the kernel (empty means the
 * shipped one, as for "Hartbench Kernel") and the directory each session writes its artifacts to.
 */
public final class ScalingFiles {
    private ScalingFiles() {
    }

    private static final DateTimeFormatter SESSION_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** The kernel ELF, resolved the way the Kernel launch resolves its own. */
    public static Path kernel(ScalingLaunchSettings settings) throws CoreException {
        return KernelFiles.kernel(KernelLaunchSettings.defaults().withKernel(settings.kernel()));
    }

    /**
     * The directory under which a configuration's sessions go: the setting when there is one,
     * else {@code scaling/CONFIG} in core's state area of the workspace metadata, else (no
     * workspace, e.g. a headless run without -data) {@code hartbench-scaling/CONFIG} in the
     * system temporary directory.
     */
    public static Path outputRoot(ScalingLaunchSettings settings, String configName) throws CoreException {
        if (!settings.outputDir().isEmpty()) {
            return Path.of(KernelFiles.substitute(settings.outputDir(), "Output directory"));
        }
        String name = configName.replaceAll("[^A-Za-z0-9._-]", "_");
        return defaultBase().resolve(name.isEmpty() ? "session" : name);
    }

    /** Where sessions of configurations without an output directory go (see {@link #outputRoot}). */
    public static Path defaultBase() {
        Bundle core = FrameworkUtil.getBundle(ScalingFiles.class);
        try {
            if (core != null && Platform.getInstanceLocation() != null && Platform.getInstanceLocation().isSet()) {
                return Path.of(Platform.getStateLocation(core).toOSString(), "scaling");
            }
        } catch (IllegalStateException e) {
            // no instance location: fall through to the temporary directory
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "hartbench-scaling");
    }

    /**
     * A new, not yet existing directory for one session under the root, named by the start time,
     * so that a rerun never overwrites the artifacts a test-run view still points at.
     */
    public static Path newSessionDir(Path root) {
        String stamp = LocalDateTime.now().format(SESSION_STAMP);
        Path dir = root.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(stamp + "-" + i);
        }
        return dir;
    }
}
