package org.hartbench.emulator.api;

/**
 * Receives what the guest writes to the UART. Called on an emulator thread with a buffer that is
 * only valid during the call: copy what you keep, and never block.
 */
@FunctionalInterface
public interface ConsoleListener {
    void onOutput(byte[] data, int offset, int length);
}
