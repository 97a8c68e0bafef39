package org.hartbench.emulator.internal.bus;

/**
 * A level-triggered interrupt wire, handed to a device when the board is wired. The device drives
 * it; it never looks up who listens (the PLIC, or a hart's mip bit).
 */
@FunctionalInterface
public interface InterruptLine {
    void setLevel(boolean high);

    InterruptLine NONE = high -> {
    };
}
