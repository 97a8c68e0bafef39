package org.hartbench.emulator.internal.cpu;

/**
 * The board's mtime as a hart sees it (rdtime, the timer comparisons behind mip.MTIP and
 * mip.STIP). In deterministic mode it follows instructions retired, in parallel mode the host
 * clock; either way it never goes backwards.
 */
@FunctionalInterface
public interface TimeSource {
    long mtime();
}
