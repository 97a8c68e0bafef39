package org.hartbench.emulator.api;

/** Told when harts stop for the debugger or continue. Called on an emulator thread; never block. */
public interface DebugListener {

    /** Why a hart stopped: WATCHPOINT means after an instruction that accessed a watched range. */
    enum Reason { BREAKPOINT, STEP, SUSPEND_REQUEST, WATCHPOINT }

    void onSuspended(int hart, Reason reason, long pc);

    /**
     * A hart's access touched a watchpoint: told just before {@code onSuspended(hart, WATCHPOINT, pc)}.
     *
     * @param address the physical address the access started at
     * @param size    its size in bytes
     * @param write   true for a store (or the write of an AMO or SC), false for a load
     */
    default void onWatchpointHit(int hart, long address, int size, boolean write) {
    }

    void onResumed(int hart);
}
