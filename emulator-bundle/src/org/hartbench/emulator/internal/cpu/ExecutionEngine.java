package org.hartbench.emulator.internal.cpu;

/**
 * Runs a hart's instructions. The interpreter is the only engine today; a JIT that compiles hot
 * pages to bytecode can be added as another implementation without touching the schedulers.
 *
 * <p>Contract: {@link #run} executes instructions from {@code hart.pc} until it has retired
 * {@code budget} of them, or an instruction raised an exception (which it hands to the trap
 * unit before returning, so the hart then stands at its handler), or an instruction asked for
 * the scheduler's attention ({@code hart.exitRun}: wfi, xRET, and CSR writes that can unmask an
 * interrupt or change translation). On return {@code hart.pc} and {@code hart.retired} are
 * exact. It never takes interrupts itself: the caller checks them between runs.
 */
public interface ExecutionEngine {

    /** Returns the number of instructions retired, 0 to budget. */
    long run(Hart hart, long budget);
}
