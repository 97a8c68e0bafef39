package org.hartbench.ui.views;

import java.util.function.Consumer;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.hartbench.core.trace.TraceSession;
import org.hartbench.core.trace.TraceSessions;

/**
 * The plumbing both live views share: follow {@link TraceSessions#current()} and run a tick on
 * the UI thread every period while the control lives. The tick reads a model snapshot; nothing
 * here ever runs on, or waits for, an emulator thread. Stops by itself when the control is
 * disposed.
 */
final class LiveRefresh {

    private final Control owner;
    private final int periodMs;
    private final Consumer<TraceSession> onSession;
    private final Runnable tick;
    private final Consumer<TraceSession> sessionListener;
    private final Runnable timer = this::timerFired;

    /**
     * @param owner     the view's top control; its display runs everything
     * @param periodMs  refresh period (100 to 200 ms gives the 5 to 10 Hz the views aim for)
     * @param onSession called on the UI thread with the new current session (or null)
     * @param tick      called on the UI thread every period
     */
    LiveRefresh(Control owner, int periodMs, Consumer<TraceSession> onSession, Runnable tick) {
        this.owner = owner;
        this.periodMs = periodMs;
        this.onSession = onSession;
        this.tick = tick;
        Display display = owner.getDisplay();
        // Sessions change on whatever thread launches or ends a machine.
        this.sessionListener = s -> display.asyncExec(() -> {
            if (!owner.isDisposed()) {
                onSession.accept(s);
                tick.run();
            }
        });
    }

    private void timerFired() {
        if (!owner.isDisposed()) {
            tick.run();
            owner.getDisplay().timerExec(periodMs, timer);
        }
    }

    /** Shows the current session and starts the timer. Call once, on the UI thread. */
    void start() {
        TraceSessions.addListener(sessionListener);
        owner.addDisposeListener(e -> {
            TraceSessions.removeListener(sessionListener);
            owner.getDisplay().timerExec(-1, timer);
        });
        onSession.accept(TraceSessions.current());
        owner.getDisplay().timerExec(periodMs, timer);
    }
}
