package org.hartbench.emulator.internal.board;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.internal.devices.TraceDevice;

/**
 * The machine's timeout, and parallel mode's periodic trace drain. With {@link VirtMachine#start}
 * it runs as a thread of its own beside the runners and leaves when they have; with
 * {@link VirtMachine#runOnCallingThread} there is no such thread and the deterministic scheduler
 * calls {@link #checkTimeout} once per round instead.
 *
 * <p>The timeout counts host time since the start minus the time spent paused: a machine held
 * by the host is not running.
 */
final class Supervisor implements Runnable {

    /** Parallel mode drains trace rings this often (deterministic mode drains every round). */
    private static final long TRACE_DRAIN_NANOS = 1_000_000;
    /** How often the thread looks at the timeout when it has nothing else to do. */
    private static final long SUPERVISE_NANOS = 100_000_000;

    private final VirtMachine machine;
    private final RunControl control;
    /** Drained periodically, or null when nothing needs draining from here. */
    private final TraceDevice drained;
    private final long timeoutNanos;

    Supervisor(VirtMachine machine, RunControl control, TraceDevice drained, java.time.Duration timeout) {
        this.machine = machine;
        this.control = control;
        this.drained = drained;
        this.timeoutNanos = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
    }

    /** Host nanoseconds left before the timeout (0 or less: reached). */
    private long left() {
        return timeoutNanos - (System.nanoTime() - machine.startNanos() - control.pausedNanos());
    }

    /** Ends the machine with TIMEOUT when the timeout has been reached; true if it has. */
    boolean checkTimeout() {
        if (timeoutNanos == Long.MAX_VALUE || left() > 0) {
            return false;
        }
        machine.finish(new ExitStatus(ExitStatus.Kind.TIMEOUT, 0,
                String.format(Locale.ROOT, "timeout of %.3f s reached", timeoutNanos / 1e9)));
        return true;
    }

    @Override
    public void run() {
        try {
            while (!checkTimeout()) {
                // While paused the deadline moves; look again at least every SUPERVISE_NANOS.
                long wait = Math.min(left(), drained != null ? TRACE_DRAIN_NANOS : SUPERVISE_NANOS);
                if (machine.awaitRunEnd(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (drained != null) {
                    drained.drain();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            machine.internalError(t);
        }
    }
}
