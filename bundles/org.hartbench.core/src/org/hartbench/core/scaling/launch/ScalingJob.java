package org.hartbench.core.scaling.launch;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.hartbench.core.scaling.ScaleHarness;
import org.hartbench.core.scaling.ScaleListener;
import org.hartbench.core.scaling.ScaleOptions;
import org.hartbench.core.scaling.ScaleReport;
import org.hartbench.core.scaling.ScaleRun;

/**
 * Runs one harness session as an Eclipse Job, never on the UI thread, with one unit of progress
 * per boot. Cancelling interrupts the job's thread, which stops the machine that is running (the
 * harness's contract). The session's events go to its {@link ScaleTestRun}; a finished report
 * also becomes the {@link LastScaleReport}.
 */
public final class ScalingJob extends Job {

    /** The family of every scaling job, for {@code IJobManager.join} and {@code find}. */
    public static final Object FAMILY = ScalingJob.class;

    private final ScaleOptions options;
    private final ScaleTestRun testRun;
    private volatile ScaleReport report;

    public ScalingJob(String name, ScaleOptions options, ScaleTestRun testRun) {
        super(name);
        this.options = options;
        this.testRun = testRun;
        setUser(false);
        setPriority(LONG);
    }

    /** The report, once the job has finished normally. */
    public ScaleReport report() {
        return report;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        int total = options.cpus().size() * options.repeats();
        SubMonitor progress = SubMonitor.convert(monitor, getName(), total);
        ScaleHarness harness;
        try {
            harness = new ScaleHarness(options);
        } catch (IllegalArgumentException e) {
            testRun.aborted(e);
            return Status.error("Scaling test: " + e.getMessage());
        }
        harness.addListener(testRun);
        harness.addListener(new ScaleListener() {
            @Override
            public void runStarted(int index, int cpus, int repeat) {
                progress.subTask(String.format("run %d of %d: %d CPU%s, repeat %d", index + 1, total, cpus,
                        cpus == 1 ? "" : "s", repeat));
            }

            @Override
            public void runFinished(int index, ScaleRun run) {
                progress.worked(1);
            }
        });
        try {
            report = harness.run();
            LastScaleReport.set(report);
            return Status.OK_STATUS;
        } catch (InterruptedException e) {
            testRun.aborted(e);
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            testRun.aborted(e);
            return Status.error("Scaling test " + getName() + " stopped: " + e.getMessage(), e);
        } finally {
            // An interrupt meant for a machine that had already ended must not leak into the pool.
            Thread.interrupted();
        }
    }

    /** Interrupts the harness, which stops the running machine and ends the session. */
    @Override
    protected void canceling() {
        Thread thread = getThread();
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
