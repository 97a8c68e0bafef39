package org.hartbench.core.trace;

import java.util.Objects;

import org.hartbench.emulator.api.Machine;

/**
 * One running (or finished) machine as the views see it: its name, the machine itself for live
 * state, and the two models fed by its trace records. Made by {@link TraceSessions#open}.
 */
public final class TraceSession implements AutoCloseable {

    private final String name;
    private final Machine machine;
    private final CpuStateModel cpus;
    private final RingEventStore rings;
    private volatile boolean closed;

    TraceSession(String name, Machine machine, CpuStateModel cpus, RingEventStore rings) {
        this.name = Objects.requireNonNull(name, "name");
        this.machine = machine;
        this.cpus = cpus;
        this.rings = rings;
    }

    /** What the views show as the session's title, e.g. the launch configuration's name. */
    public String name() {
        return name;
    }

    /** The machine, for live state (pause, privilege mode); null for a session made from a saved trace. */
    public Machine machine() {
        return closed ? null : machine;
    }

    /** The CPUs view's model. */
    public CpuStateModel cpus() {
        return cpus;
    }

    /** The Ring Trace view's model. */
    public RingEventStore rings() {
        return rings;
    }

    /**
     * Detaches the models from the machine and unregisters the session. The models keep what
     * they collected; the machine is not stopped (its owner does that).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (machine != null) {
            machine.removeTraceListener(cpus);
            machine.removeTraceListener(rings);
        }
        TraceSessions.unregister(this);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return name;
    }
}
