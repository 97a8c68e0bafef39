package org.hartbench.core.launch;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.ISuspendResume;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.hartbench.emulator.api.ExitStatus;

/**
 * A running Hartbench machine as an Eclipse process: it gets a console (through its
 * {@link UartStreamsProxy}), shows in the Debug view, and can be paused, resumed and terminated
 * at any moment. Its exit value is the emulator command line's: 0 pass, the finisher code on
 * fail, 124 limit, 125 guest error, 130 stopped.
 */
public final class HartbenchProcess extends LaunchProcess implements ISuspendResume {

    private final MachineSession session;
    private final UartStreamsProxy streams;

    /** Adds itself to the launch and reports its creation; start the session afterwards. */
    public HartbenchProcess(ILaunch launch, MachineSession session, String label) {
        super(launch, label, KernelLaunchAttributes.PROCESS_TYPE);
        this.session = session;
        this.streams = new UartStreamsProxy(session);
        register();
        session.addEndListener(status -> reportEnded());
    }

    /** The session behind this process (a debug target wraps the same session). */
    public MachineSession session() {
        return session;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return streams;
    }

    /** The exit value as the command line reports it; see the class comment. */
    @Override
    public int getExitValue() throws DebugException {
        ExitStatus status = session.exitStatus().orElseThrow(() -> new DebugException(
                new Status(IStatus.ERROR, LaunchStatus.BUNDLE, DebugException.TARGET_REQUEST_FAILED,
                        "the machine is still running", null)));
        return status.processExitCode();
    }

    /** How the machine ended (empty while it runs). */
    public java.util.Optional<ExitStatus> exitStatus() {
        return session.exitStatus();
    }

    @Override
    public boolean isTerminated() {
        return session.isEnded();
    }

    /** Stops the machine; returns when its threads are gone and the console has every byte. */
    @Override
    public void terminate() {
        session.terminate();
    }

    @Override
    public boolean canResume() {
        return !isTerminated() && session.isPaused();
    }

    @Override
    public boolean canSuspend() {
        return !isTerminated() && !session.isPaused();
    }

    @Override
    public boolean isSuspended() {
        return !isTerminated() && session.isPaused();
    }

    /** Pauses every hart and the machine's clock. */
    @Override
    public void suspend() {
        session.pause();
        fire(DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST);
    }

    @Override
    public void resume() {
        session.resume();
        fire(DebugEvent.RESUME, DebugEvent.CLIENT_REQUEST);
    }
}
