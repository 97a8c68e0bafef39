package org.hartbench.core.scaling.launch;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.hartbench.core.scaling.ScaleOptions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Launches a "Hartbench Scaling Test" configuration: validates the settings, picks a fresh
 * artifact directory, adds a {@link ScalingProcess} to the launch and schedules the harness as a
 * {@link ScalingJob}. Returns at once; the session reports into the platform's test-run view
 * through the view support that {@link ScalingLaunchSettings#write} names in the configuration.
 */
public class ScalingLaunchDelegate extends LaunchConfigurationDelegate {

    /** The bundle of the platform's test-run view. */
    static final String TEST_VIEW_BUNDLE = "org.eclipse.unittest.ui";

    /**
     * Called before the launch is registered. The test-run view's bundle starts lazily and
     * registers its launch listener only when it starts; a launch registered before that is never
     * tracked, and its results would be lost. So the bundle is started here, if it is installed
     * (headless installations have no test-run view, and need none).
     */
    @Override
    public ILaunch getLaunch(ILaunchConfiguration configuration, String mode) throws CoreException {
        Bundle testView = Platform.getBundle(TEST_VIEW_BUNDLE);
        if (testView != null && testView.getState() != Bundle.ACTIVE) {
            try {
                testView.start(Bundle.START_TRANSIENT);
            } catch (BundleException | IllegalStateException e) {
                Platform.getLog(ScalingLaunchDelegate.class).log(new Status(IStatus.WARNING, "org.hartbench.core",
                        "The test-run view could not be started; results are in the artifact directory only", e));
            }
        }
        return super.getLaunch(configuration, mode);
    }

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        // The kernel is built by make, not by a workspace builder.
        return false;
    }

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        ScalingLaunchSettings settings = ScalingLaunchSettings.read(configuration);
        Optional<String> problem = ScalingLaunchValidator.problem(settings);
        if (problem.isPresent()) {
            throw new CoreException(Status.error(problem.get()));
        }
        Path kernel = ScalingFiles.kernel(settings);
        Path out = ScalingFiles.newSessionDir(ScalingFiles.outputRoot(settings, configuration.getName()));
        ScaleOptions options;
        try {
            options = settings.toOptions(kernel, out).validate();
        } catch (IllegalArgumentException e) {
            throw new CoreException(Status.error(e.getMessage()));
        }
        ScaleTestRun testRun = new ScaleTestRun();
        ScalingJob job = new ScalingJob("Scaling test " + configuration.getName(), options, testRun);
        new ScalingProcess(launch, job, testRun, label(options));
        job.schedule();
    }

    private static String label(ScaleOptions o) {
        return ScaleTestRun.suiteName(o) + ", CPUs " + o.cpus() + ", " + o.repeats()
                + (o.repeats() == 1 ? " repeat" : " repeats") + " -> " + o.outDir();
    }
}
