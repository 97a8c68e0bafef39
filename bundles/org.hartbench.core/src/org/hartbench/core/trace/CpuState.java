package org.hartbench.core.trace;

/**
 * What a cpu is doing, as the CPUs view shows it. From trace records alone the model knows
 * {@link #USER} (a thread of a user process is current; it may be in a system call),
 * {@link #KERNEL} (a kernel thread, e.g. the idle thread outside wfi or an sqpoll thread) and
 * {@link #IDLE} (between TR_IDLE_ENTER and TR_IDLE_EXIT, i.e. in wfi). A live machine refines
 * this with the hart's privilege mode and adds {@link #PAUSED}.
 */
public enum CpuState {
    USER("user"), KERNEL("kernel"), IDLE("idle"), PAUSED("paused"), UNKNOWN("-");

    /** Lower-case label for tables and exports. */
    public final String label;

    CpuState(String label) {
        this.label = label;
    }

    /** Counts toward utilisation: everything but idle (and the time before the first record). */
    public boolean busy() {
        return this == USER || this == KERNEL;
    }
}
