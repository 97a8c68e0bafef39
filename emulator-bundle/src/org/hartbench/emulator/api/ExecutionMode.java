package org.hartbench.emulator.api;

/** How the harts of a machine share the host. */
public enum ExecutionMode {
    /**
     * All harts on one host thread, round-robin with a fixed quantum; time is derived from
     * instructions retired. Two runs of the same inputs are bit-identical.
     */
    DETERMINISTIC,
    /** One host thread per hart; time follows the host clock at the board's timebase. */
    PARALLEL;

    /** Parses "deterministic" or "parallel" (any case); the message names the valid values. */
    public static ExecutionMode parse(String text) {
        for (ExecutionMode m : values()) {
            if (m.name().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "' (expected deterministic or parallel)");
    }
}
