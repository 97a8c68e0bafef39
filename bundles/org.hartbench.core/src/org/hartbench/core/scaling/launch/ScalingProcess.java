package org.hartbench.core.scaling.launch;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.hartbench.core.launch.LaunchProcess;

/**
 * A scaling session as an Eclipse process: it shows in the Debug view while the harness job runs,
 * Terminate cancels the job, and the launch ends when the job does. Adding it to the launch is
 * also what makes the platform's test-run view create its session for the launch. Exit value:
 * 0 when every gating claim passed, 1 when one failed, 2 when the harness stopped with an error,
 * 130 when cancelled.
 */
public final class ScalingProcess extends LaunchProcess {

    private final ScalingJob job;
    private final ScaleTestRun testRun;
    private volatile Integer exitValue;

    /** Adds itself to the launch; schedule the job afterwards. */
    public ScalingProcess(ILaunch launch, ScalingJob job, ScaleTestRun testRun, String label) {
        super(launch, label, ScalingLaunchAttributes.PROCESS_TYPE);
        this.job = job;
        this.testRun = testRun;
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                ended(event.getResult());
            }
        });
        register();
    }

    /** The session's test-run events, which the test-run view's client replays. */
    public ScaleTestRun testRun() {
        return testRun;
    }

    /** The harness job. */
    public ScalingJob job() {
        return job;
    }

    private void ended(IStatus result) {
        if (result.getSeverity() == IStatus.CANCEL) {
            exitValue = 130;
        } else if (!result.isOK() || job.report() == null) {
            exitValue = 2;
        } else {
            exitValue = job.report().passed() ? 0 : 1;
        }
        reportEnded();
    }

    /** No console: the session's results go to the test-run view and the artifact directory. */
    @Override
    public IStreamsProxy getStreamsProxy() {
        return null;
    }

    @Override
    public int getExitValue() throws DebugException {
        Integer value = exitValue;
        if (value == null) {
            throw new DebugException(new Status(IStatus.ERROR, "org.hartbench.core", DebugException.TARGET_REQUEST_FAILED,
                    "the scaling session is still running", null));
        }
        return value;
    }

    @Override
    public boolean isTerminated() {
        return exitValue != null;
    }

    /** Cancels the harness job; the process ends when the job has stopped its machine. */
    @Override
    public void terminate() {
        job.cancel();
    }
}
