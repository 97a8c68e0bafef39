package org.hartbench.core.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy2;

/**
 * Connects the process console to the machine's UART: output through a
 * {@link UartOutputMonitor}, and what the user types (UTF-8) into the UART's receiver. The UART
 * has no error stream.
 */
public final class UartStreamsProxy implements IStreamsProxy2 {

    private final MachineSession session;
    private volatile boolean inputClosed;

    UartStreamsProxy(MachineSession session) {
        this.session = session;
    }

    @Override
    public IStreamMonitor getOutputStreamMonitor() {
        return session.output();
    }

    @Override
    public IStreamMonitor getErrorStreamMonitor() {
        return null;
    }

    @Override
    public void write(String input) throws IOException {
        if (inputClosed) {
            throw new IOException("console input to the UART is closed");
        }
        if (session.isEnded()) {
            throw new IOException("the machine has ended");
        }
        session.sendInput(input.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void closeInputStream() {
        inputClosed = true;
    }
}
