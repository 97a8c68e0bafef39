package org.hartbench.core.trace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.hartbench.emulator.api.Machine;

/**
 * Where views find the machine to show. Whoever starts a machine (the launch delegate, a test)
 * calls {@link #open} before {@link Machine#start()} so no record is missed, and closes the
 * session when the launch goes away; the CPUs and Ring Trace views follow {@link #current()}.
 * Headless and thread-safe: listeners are told on the caller's thread and must hand over to the
 * UI thread themselves.
 */
public final class TraceSessions {
    private TraceSessions() {
    }

    private static final List<TraceSession> sessions = new CopyOnWriteArrayList<>();
    private static final List<Consumer<TraceSession>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the models for a machine, attaches them as trace listeners and makes the session
     * current. The cpu count is the machine's hart count. Sessions of machines that have already
     * ended are closed first: a finished run stays on view until the next one opens, and the
     * registry never holds more than the running machines and the newest session.
     */
    public static TraceSession open(String name, Machine machine) {
        for (TraceSession old : sessions) {
            Machine m = old.machine();
            if (m != null && m.exitStatus().isPresent()) {
                old.close();
            }
        }
        TraceSession s = new TraceSession(name, machine, new CpuStateModel(machine.config().harts(),
                CpuStateModel.DEFAULT_WINDOW_TICKS), new RingEventStore());
        machine.addTraceListener(s.cpus());
        machine.addTraceListener(s.rings());
        register(s);
        return s;
    }

    /** Registers a session without a machine (e.g. models filled from a saved trace) and makes it current. */
    public static TraceSession open(String name, CpuStateModel cpus, RingEventStore rings) {
        TraceSession s = new TraceSession(name, null, cpus, rings);
        register(s);
        return s;
    }

    /** The newest open session, or null. */
    public static TraceSession current() {
        return sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    }

    /** Every open session, oldest first. */
    public static List<TraceSession> all() {
        return List.copyOf(sessions);
    }

    /** Called with the new current session (or null) whenever it changes. */
    public static void addListener(Consumer<TraceSession> listener) {
        listeners.add(listener);
    }

    public static void removeListener(Consumer<TraceSession> listener) {
        listeners.remove(listener);
    }

    private static void register(TraceSession s) {
        sessions.add(s);
        fire();
    }

    /** Called by {@link TraceSession#close()}. */
    static void unregister(TraceSession s) {
        if (sessions.remove(s)) {
            fire();
        }
    }

    private static void fire() {
        TraceSession now = current();
        for (Consumer<TraceSession> l : listeners) {
            l.accept(now);
        }
    }
}
