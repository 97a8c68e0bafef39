package org.hartbench.core.launch;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.hartbench.core.debug.HartbenchDebugTarget;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.MachineConfig;

/**
 * Launches a "Hartbench Kernel" configuration: validates the settings, builds the machine, loads
 * the kernel, and adds a {@link HartbenchProcess} (console, terminate, pause) to the launch. The
 * machine runs on its own threads; this method returns as soon as it has started.
 *
 * <p>In debug mode a {@link HartbenchDebugTarget} wraps the same machine: a thread per hart,
 * registers, memory and address breakpoints.
 */
public class KernelLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        // The kernel is built by make, not by a workspace builder.
        return false;
    }

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "Booting the Hartbench kernel", 3);
        KernelLaunchSettings settings = KernelLaunchSettings.read(configuration);
        Optional<String> problem = KernelLaunchValidator.problem(settings);
        if (problem.isPresent()) {
            throw LaunchStatus.error(problem.get(), null);
        }
        Path elf = KernelFiles.kernel(settings);
        MachineConfig config = machineConfig(settings);
        progress.worked(1);
        if (progress.isCanceled()) {
            return;
        }

        MachineSession session = MachineSession.open(config, elf);
        progress.worked(1);
        HartbenchProcess process = new HartbenchProcess(launch, session, label(elf, config));
        if (ILaunchManager.DEBUG_MODE.equals(mode)) {
            // Before start, so that breakpoints in early boot are already installed.
            HartbenchDebugTarget.create(launch, process, session.machine(), session.image());
        }
        session.start();
        progress.worked(1);
    }

    /** The emulator configuration for valid settings. */
    public static MachineConfig machineConfig(KernelLaunchSettings settings) throws CoreException {
        Optional<Path> disk = KernelFiles.disk(settings);
        return MachineConfig.defaults()
                .withHarts(settings.harts())
                .withRamMiB(settings.memoryMiB())
                .withMode(ExecutionMode.parse(settings.mode()))
                .withBootArgs(settings.effectiveBootArgs())
                .withTrace(settings.trace())
                .withDisk(disk.orElse(null), settings.diskReadOnly());
    }

    private static String label(Path elf, MachineConfig config) {
        String args = config.bootArgs().isEmpty() ? "" : ", " + config.bootArgs();
        return elf.getFileName() + " (" + config.harts() + (config.harts() == 1 ? " hart, " : " harts, ")
                + KernelLaunchAttributes.modeName(config.mode()) + args + ")";
    }
}
