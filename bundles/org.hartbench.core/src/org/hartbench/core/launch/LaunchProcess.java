package org.hartbench.core.launch;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.PlatformObject;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;

/**
 * What Hartbench's processes share as Eclipse {@link IProcess}es: a label, the launch they belong
 * to, the attribute map with the launch and terminate time stamps, and the debug events that keep
 * the Debug view current. Subclasses decide how they run, end and are terminated.
 */
public abstract class LaunchProcess extends PlatformObject implements IProcess {

    private final ILaunch launch;
    private final String label;
    private final Map<String, String> attributes = new HashMap<>(); // guarded by this

    protected LaunchProcess(ILaunch launch, String label, String processType) {
        this.launch = launch;
        this.label = label;
        setAttribute(ATTR_PROCESS_TYPE, processType);
        setAttribute(DebugPlugin.ATTR_LAUNCH_TIMESTAMP, Long.toString(System.currentTimeMillis()));
    }

    /** Adds the process to its launch and reports its creation; the end of a subclass's constructor. */
    protected final void register() {
        launch.addProcess(this);
        fire(DebugEvent.CREATE, DebugEvent.UNSPECIFIED);
    }

    /** Records the end time and reports the end; call once, when the process has ended. */
    protected final void reportEnded() {
        setAttribute(DebugPlugin.ATTR_TERMINATE_TIMESTAMP, Long.toString(System.currentTimeMillis()));
        fire(DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED);
    }

    protected final void fire(int kind, int detail) {
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
    public synchronized void setAttribute(String key, String value) {
        attributes.put(key, value);
    }

    @Override
    public synchronized String getAttribute(String key) {
        return attributes.get(key);
    }

    @Override
    public boolean canTerminate() {
        return !isTerminated();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter.isInstance(this)) {
            return adapter.cast(this);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        if (adapter == ILaunchConfiguration.class) {
            return adapter.cast(launch.getLaunchConfiguration());
        }
        return super.getAdapter(adapter);
    }
}
