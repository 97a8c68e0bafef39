package org.hartbench.core.launch;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IFlushableStreamMonitor;

/**
 * The UART's output as an Eclipse stream: what the process console shows. Appends come from
 * the session's pump thread, never from an emulator thread.
 *
 * <p>Until a console connects, output is buffered (the console then takes it with
 * {@link #getContents()} and turns buffering off, holding this monitor's lock so that nothing is
 * lost or shown twice). The buffer keeps at most the last {@link #MAX_BUFFERED} characters.
 */
public final class UartOutputMonitor implements IFlushableStreamMonitor {

    static final int MAX_BUFFERED = 1 << 20;

    private final ListenerList<IStreamListener> listeners = new ListenerList<>();
    /** Guarded by this. */
    private final StringBuilder contents = new StringBuilder();
    /** Guarded by this. */
    private boolean buffered = true;

    /** Adds text and tells the listeners; called on the pump thread. */
    synchronized void append(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (buffered) {
            contents.append(text);
            if (contents.length() > MAX_BUFFERED) {
                contents.delete(0, contents.length() - MAX_BUFFERED);
            }
        }
        for (IStreamListener listener : listeners) {
            listener.streamAppended(text, this);
        }
    }

    @Override
    public void addListener(IStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(IStreamListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized String getContents() {
        return contents.toString();
    }

    @Override
    public synchronized void flushContents() {
        contents.setLength(0);
    }

    @Override
    public synchronized void setBuffered(boolean buffer) {
        buffered = buffer;
    }

    @Override
    public synchronized boolean isBuffered() {
        return buffered;
    }
}
