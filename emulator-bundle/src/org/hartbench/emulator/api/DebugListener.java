package org.hartbench.emulator.api;

/** Told when harts stop for the debugger or continue. Called on an emulator thread; never block. */
public interface DebugListener {

    enum Reason { BREAKPOINT, STEP, SUSPEND_REQUEST }

    void onSuspended(int hart, Reason reason, long pc);

    void onResumed(int hart);
}
