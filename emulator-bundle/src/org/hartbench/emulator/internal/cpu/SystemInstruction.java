package org.hartbench.emulator.internal.cpu;

/**
 * An instruction the interpreter runs with the hart's pc and retired count written back first:
 * the Zicsr instructions (counters, interrupt enables, satp), the privileged ones and fence.i.
 * They may change privilege, translation or interrupt state, so after one the interpreter
 * fetches its page again, and returns to the scheduler if {@code hart.exitRun} was set.
 */
abstract class SystemInstruction extends Instruction {

    SystemInstruction(long d) {
        super(d);
    }

    @Override
    final long execute(Hart h, long pc) {
        return pc | 1;
    }

    @Override
    abstract long executeSystem(Hart h);
}
