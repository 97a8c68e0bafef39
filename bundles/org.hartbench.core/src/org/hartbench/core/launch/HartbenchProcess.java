package org.hartbench.core.launch;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.PlatformObject;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.ISuspendResume;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.hartbench.emulator.api.ExitStatus;

/**
 * A running Hartbench machine as an Eclipse process: it gets a console (through its
 * {@link UartStreamsProxy}), shows in the Debug view, and can be paused, resumed and terminated
 * at any moment. Its exit value is the emulator command line's: 0 pass, the finisher code on
 * fail, 124 limit, 125 guest error, 130 stopped.
 */
public final class HartbenchProcess extends PlatformObject implements IProcess, ISuspendResume {

    private final ILaunch launch;
    private final MachineSession session;
    private final String label;
    private final UartStreamsProxy streams;
    private final Map<String, String> attributes = new HashMap<>();

    /** Adds itself to the launch and reports its creation; start the session afterwards. */
    public HartbenchProcess(ILaunch launch, MachineSession session, String label) {
        this.launch = launch;
        this.session = session;
        this.label = label;
        this.streams = new UartStreamsProxy(session);
        setAttribute(ATTR_PROCESS_TYPE, KernelLaunchAttributes.PROCESS_TYPE);
        setAttribute(DebugPlugin.ATTR_LAUNCH_TIMESTAMP, Long.toString(System.currentTimeMillis()));
        launch.addProcess(this);
        fire(DebugEvent.CREATE, DebugEvent.UNSPECIFIED);
        session.addEndListener(this::ended);
    }

    /** The session behind this process (a debug target wraps the same session). */
    public MachineSession session() {
        return session;
    }

    private void ended(ExitStatus status) {
        setAttribute(DebugPlugin.ATTR_TERMINATE_TIMESTAMP, Long.toString(System.currentTimeMillis()));
        fire(DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED);
    }

    private void fire(int kind, int detail) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, kind, detail) });
        }
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return streams;
    }

    @Override
    public synchronized void setAttribute(String key, String value) {
        attributes.put(key, value);
    }

    @Override
    public synchronized String getAttribute(String key) {
        return attributes.get(key);
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
    public boolean canTerminate() {
        return !isTerminated();
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

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter.isInstance(this)) {
            return adapter.cast(this);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        if (adapter == org.eclipse.debug.core.ILaunchConfiguration.class) {
            return adapter.cast(launch.getLaunchConfiguration());
        }
        return super.getAdapter(adapter);
    }
}
