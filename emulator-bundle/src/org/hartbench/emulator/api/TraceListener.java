package org.hartbench.emulator.api;

/**
 * Receives decoded trace records. Called on an emulator thread: return quickly and never block,
 * or the machine slows down. In deterministic mode records arrive in a reproducible order.
 */
@FunctionalInterface
public interface TraceListener {
    void onRecord(TraceRecord record);

    /** Records the kernel wrote but the device could not read in time (ring overrun) on a cpu. */
    default void onLost(int cpu, long count) {
    }
}
