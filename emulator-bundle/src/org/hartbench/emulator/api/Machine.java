package org.hartbench.emulator.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A QEMU-virt-compatible RV64 machine. Typical use:
 *
 * <pre>
 * try (Machine m = Machine.create(MachineConfig.defaults().withHarts(4))) {
 *     m.addConsoleListener((b, off, len) -> System.out.write(b, off, len));
 *     m.load(Path.of("kernel.elf"));
 *     m.start();
 *     ExitStatus status = m.awaitExit();
 * }
 * </pre>
 *
 * Every hart starts in M-mode at 0x8000_0000 with a0 = hart id and a1 = the device tree's
 * address, as QEMU does with {@code -bios none}. Control methods may be called from any thread
 * at any moment; they never leave emulator threads behind.
 */
public interface Machine extends AutoCloseable {

    /** Builds a machine; the config is validated first (IllegalArgumentException names the bad setting). */
    static Machine create(MachineConfig config) {
        return MachineFactory.create(config.validate());
    }

    MachineConfig config();

    /** Parses an ELF file and places its PT_LOAD segments in RAM. Call before start. */
    ElfImage load(Path elf) throws IOException, ElfFormatException;

    /** Starts all harts. May be called once, and once more after each {@link #reset()}. */
    void start();

    /** Holds every hart and the clock; returns when they are all held. */
    void pause();

    /** Undoes pause (and any per-hart suspend). */
    void resume();

    boolean isPaused();

    /** Ends the machine if it has not ended, and waits until all its threads are gone. */
    void stop();

    /** Waits for the machine to end. */
    ExitStatus awaitExit() throws InterruptedException;

    /** Waits at most timeout; empty if it is still running. */
    Optional<ExitStatus> awaitExit(Duration timeout) throws InterruptedException;

    /** The exit status once ended, else empty. */
    Optional<ExitStatus> exitStatus();

    void addConsoleListener(ConsoleListener listener);

    void removeConsoleListener(ConsoleListener listener);

    /** Queues bytes for the UART's receiver, as if typed. */
    void sendConsoleInput(byte[] data);

    void addTraceListener(TraceListener listener);

    void removeTraceListener(TraceListener listener);

    Inspector inspector();

    // Debug control: per-hart suspend, step and address breakpoints (physical or virtual pc as the
    // hart sees it).

    void suspendHart(int hart);

    void resumeHart(int hart);

    /** Runs one instruction (or takes one trap) on a suspended hart, then suspends it again. */
    void stepHart(int hart);

    /**
     * Writes general register x1 to x31 of a hart the debugger holds (suspended by
     * {@link #suspendHart}, a breakpoint or a step). The hart continues with the new value.
     *
     * @throws IllegalArgumentException for no such hart, or a register outside 1 to 31 (x0 is
     *         hard-wired to zero)
     * @throws IllegalStateException when the hart is not suspended for the debugger (running,
     *         only paused, or the machine has ended)
     */
    void writeRegister(int hart, int register, long value);

    /**
     * Moves the pc of a hart the debugger holds; it resumes or steps from there.
     *
     * @throws IllegalArgumentException for no such hart or an odd pc (instructions are 2-byte aligned)
     * @throws IllegalStateException as for {@link #writeRegister}
     */
    void writePc(int hart, long pc);

    void addBreakpoint(long pc);

    void removeBreakpoint(long pc);

    /**
     * Watches [physicalAddress, physicalAddress + length) for loads (onRead) and stores
     * (onWrite) by any hart, including LR, SC and AMOs (an AMO counts as both). A hart that makes
     * such an access stops right after that instruction, reported as
     * {@link DebugListener.Reason#WATCHPOINT} after {@link DebugListener#onWatchpointHit}.
     * Instruction fetches are not watched. While any watchpoint is set, harts run one
     * instruction at a time (as with breakpoints); with none set, nothing is slower.
     *
     * @throws IllegalArgumentException for a length outside 1 to 2^30 or neither kind chosen
     */
    void addWatchpoint(long physicalAddress, long length, boolean onRead, boolean onWrite);

    /** Removes one watchpoint added with the same arguments; does nothing when there is none. */
    void removeWatchpoint(long physicalAddress, long length, boolean onRead, boolean onWrite);

    void addDebugListener(DebugListener listener);

    void removeDebugListener(DebugListener listener);

    /**
     * Power-cycles the machine, as QEMU's {@code system_reset} does, so that {@link #start()} runs
     * it again from the beginning. A running or paused machine is stopped first (as by
     * {@link #stop()}). Afterwards the machine is as it was after {@link #create} and the
     * {@code load} calls made so far:
     * <ul>
     * <li>every hart in the {@code -bios none} reset state: M-mode, pc 0x8000_0000, a0 = hart id,
     * a1 = the device tree's address, other registers and every CSR at their reset values,
     * instruction counters zero, TLBs and the LR reservation dropped;</li>
     * <li>RAM zero except the device tree and the images loaded so far, placed again; decoded
     * instructions dropped;</li>
     * <li>mtime 0, every mtimecmp 0 and msip clear; the PLIC, UART, virtio disk (its image
     * reopened) and trace device at their power-on state, console input not yet read dropped;</li>
     * <li>no exit status; not paused, no hart suspended.</li>
     * </ul>
     * Listeners and breakpoints stay. Must not be called from a listener (one of the machine's
     * own threads): IllegalStateException.
     *
     * @throws IOException when the disk image cannot be opened again; the machine then stays ended
     */
    void reset() throws IOException;

    /** Same as stop. */
    @Override
    void close();
}
