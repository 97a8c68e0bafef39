package org.hartbench.core.scaling.launch;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.hartbench.core.launch.KernelFiles;
import org.hartbench.core.scaling.ScaleMain;

/**
 * The scaling harness's command line inside an installed Eclipse, for headless use (CI jobs that
 * have Eclipse but not the Hartbench repository):
 *
 * <pre>
 * eclipse -nosplash -application org.hartbench.core.scale process|thread [options]
 * </pre>
 *
 * The options and the exit status are those of {@code ./hartbench scale} ({@link ScaleMain});
 * the kernel image defaults to the one shipped in the {@code org.hartbench.kernel} bundle.
 */
public final class ScaleApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Object args = context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        String[] argv = args instanceof String[] a ? a : new String[0];
        return ScaleMain.exitStatus(argv, KernelFiles.shippedKernel().orElse(null));
    }

    @Override
    public void stop() {
        // Runs finish or time out on their own (--timeout); nothing to interrupt here.
    }
}
