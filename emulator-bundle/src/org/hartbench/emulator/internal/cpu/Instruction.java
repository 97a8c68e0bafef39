package org.hartbench.emulator.internal.cpu;

/**
 * A pre-decoded instruction: the operand fields are decoded once into final fields, and the
 * instruction executes itself. Each kind of instruction is its own small class, so the JIT
 * compiles each one into straight code; the {@link Interpreter} switches on {@link #op} and calls
 * the frequent ones through their exact class, so they are inlined into its loop, and calls the
 * rest virtually.
 *
 * <p>Contract of {@link #execute}: perform the instruction for the hart and return the next pc,
 * or throw {@link Trap} before changing any architectural state. An instruction that needs the
 * hart's pc and retired count to be exact (see {@link SystemInstruction}) does nothing in
 * execute and returns its pc with bit 0 set; the interpreter then writes them into the hart and
 * calls {@link #executeSystem}. Bit 0 is free because instructions are 2-byte aligned.
 */
abstract class Instruction {
    /** The {@link Op} number, for the interpreter's dispatch. */
    final int op;
    /** Destination register; x0 is the write-only sink 32. */
    final int rd;
    final int rs1;
    final int rs2;
    /** Immediate, sign-extended; for SYSTEM-format and illegal instructions, the raw bits. */
    final long imm;
    /** 2 or 4 bytes. */
    final int len;

    /** From the {@link Decoder}'s packed form. */
    Instruction(long d) {
        this.op = Decoder.op(d);
        this.rd = Decoder.rd(d);
        this.rs1 = Decoder.rs1(d);
        this.rs2 = Decoder.rs2(d);
        this.imm = Decoder.imm(d);
        this.len = Decoder.length(d);
    }

    /** Executes and returns the next pc (or this pc | 1 to ask for {@link #executeSystem}). */
    abstract long execute(Hart h, long pc);

    /** For instructions that returned pc | 1: executes with hart.pc and hart.retired exact; returns the next pc. */
    long executeSystem(Hart h) {
        throw new IllegalStateException(getClass().getName() + " is not a system instruction");
    }

    /** The raw instruction bits that SYSTEM-format instructions keep in imm (mtval on a fault). */
    final int raw() {
        return (int) imm;
    }

    @Override
    public String toString() {
        return String.format("%s rd=%d rs1=%d rs2=%d imm=%d", InstructionTable.name(op), rd, rs1, rs2, imm);
    }
}
