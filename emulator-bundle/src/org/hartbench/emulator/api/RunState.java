package org.hartbench.emulator.api;

/** What a hart is doing, as seen by the host. */
public enum RunState {
    /** Executing instructions. */
    RUNNING,
    /** Waiting in wfi for an interrupt. */
    WAITING,
    /** Held by the host (pause, debugger suspend, breakpoint). */
    SUSPENDED,
    /** The machine has exited or was stopped; the hart will not run again. */
    HALTED
}
