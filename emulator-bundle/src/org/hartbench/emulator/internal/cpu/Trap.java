package org.hartbench.emulator.internal.cpu;

/**
 * A synchronous exception raised while executing an instruction. It unwinds to the
 * interpreter, which hands it to {@link TrapUnit}. It carries no stack trace (exceptions are
 * control flow here, not errors), so throwing one costs little.
 */
final class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exception code (mcause without the interrupt bit). */
    final int cause;
    /** The value for mtval/stval. */
    final long tval;
    /** Filled in by {@link Block#run}: the faulting instruction's pc, and how many before it completed. */
    boolean inBlock;
    long pc;
    int completed;

    Trap(int cause, long tval) {
        super(null, null, false, false);
        this.cause = cause;
        this.tval = tval;
    }

    @Override
    public String getMessage() {
        return Cause.name(cause, false) + String.format(" (tval 0x%x)", tval);
    }
}
