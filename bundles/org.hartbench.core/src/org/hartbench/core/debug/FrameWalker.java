package org.hartbench.core.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds a stopped hart's callers by following the frame-pointer chain, the way xv6's backtrace()
 * does. The kernel is built with {@code -fno-omit-frame-pointer}, so every C function keeps the
 * RISC-V psABI frame record: with fp = s0 pointing just above the frame, the return address is
 * stored at fp-8 and the caller's fp at fp-16.
 *
 * <p>The walk reads guest memory only through a {@link Memory} (the inspector in practice, which
 * never perturbs the machine), and it never throws: it stops quietly at the first frame pointer
 * that is null, not 8-byte aligned, unreadable, not above the previous one, or outside the stack
 * window above sp, and after {@link #MAX_DEPTH} frames.
 *
 * <p>Where the walk can be wrong, and why it is accepted:
 * <ul>
 * <li><b>Prologue.</b> Until a function has run its {@code addi s0, sp, N}, s0 is still the
 * caller's frame pointer and the return address is only in ra. The walker finds this by scanning
 * the function's code from its symbol up to pc for that instruction; if it has not run, the first
 * caller comes from ra and the chain continues from s0. This also covers a breakpoint on a
 * function's first instruction.</li>
 * <li><b>Epilogue.</b> Between the instruction that reloads s0 and the {@code ret}, s0 is already
 * the caller's again while the frame still looks set up, so the first caller is skipped. Telling
 * this apart would need DWARF call-frame info, which Hartbench does not read.</li>
 * <li><b>Assembly.</b> Code without a frame record (the trap vector, the context switch) is
 * treated like a prologue: ra and s0 as they are. A trap vector entered from user mode leaves
 * the user's s0 behind, which lies outside the kernel stack window and ends the walk; one taken
 * in the kernel leaves the interrupted function's s0, so the walk goes on into that function's
 * callers while the interrupted function itself (its pc is in sepc) is missing.</li>
 * <li><b>Inlining.</b> At -O2, a function inlined into its caller has no frame of its own and
 * does not appear (the chain shows where the code was placed, not how the source nests).</li>
 * </ul>
 */
public final class FrameWalker {

    /** The most frames a walk returns, the current one included. */
    public static final int MAX_DEPTH = 64;

    /**
     * How far above sp a frame pointer may lie and still be on the current stack. Kernel stacks
     * and boot stacks are 16 KiB (kernel-sources/kernel/param.h); twice that lets a walk that
     * started near the bottom of a full stack reach its top, while a jump to another stack or to
     * user memory ends the walk.
     */
    public static final long STACK_WINDOW = 32 * 1024;

    /** How far into a function the prologue scan looks; clang's prologues are a few instructions. */
    static final int PROLOGUE_SCAN_BYTES = 256;

    /** Guest memory as the stopped hart sees it. */
    public interface Memory {
        /** The 8-byte little-endian value at a virtual address, or empty when it cannot be read. */
        OptionalLong readLong(long address);

        /** Up to length bytes of code at a virtual address; fewer (or none) where it cannot be read. */
        byte[] readCode(long address, int length);
    }

    /**
     * One frame of the chain.
     *
     * @param pc the frame's pc: the stop pc for the current frame, a return address for callers
     * @param fp the frame's frame pointer (s0) as far as the walk knows it, 0 when unknown
     */
    public record Frame(long pc, long fp) {
    }

    private FrameWalker() {
    }

    /**
     * The current frame followed by its callers, innermost first.
     *
     * @param pc            where the hart stopped
     * @param ra            x1 at the stop
     * @param sp            x2 at the stop
     * @param s0            x8 (fp) at the stop
     * @param functionStart the address of the function symbol that covers pc, or empty when none
     *                      does (then the frame is taken as set up)
     * @param memory        guest memory through the hart's translation
     */
    public static List<Frame> walk(long pc, long ra, long sp, long s0, OptionalLong functionStart, Memory memory) {
        List<Frame> frames = new ArrayList<>();
        boolean setUp = functionStart.isEmpty() || frameIsSetUp(functionStart.getAsLong(), pc, memory);
        frames.add(new Frame(pc, setUp ? s0 : 0));
        long lowest = sp;
        long returnAddress;
        long fp;
        if (setUp) {
            if (!plausibleFrame(s0, lowest, sp)) {
                return frames;
            }
            OptionalLong saved = memory.readLong(s0 - 8);
            OptionalLong callerFp = memory.readLong(s0 - 16);
            if (saved.isEmpty() || callerFp.isEmpty()) {
                return frames;
            }
            returnAddress = saved.getAsLong();
            lowest = s0;
            fp = callerFp.getAsLong();
        } else {
            returnAddress = ra;
            fp = s0;
        }
        while (frames.size() < MAX_DEPTH && plausibleReturn(returnAddress)) {
            boolean fpUsable = plausibleFrame(fp, lowest, sp);
            frames.add(new Frame(returnAddress, fpUsable ? fp : 0));
            if (!fpUsable) {
                break;
            }
            OptionalLong saved = memory.readLong(fp - 8);
            OptionalLong callerFp = memory.readLong(fp - 16);
            if (saved.isEmpty() || callerFp.isEmpty()) {
                break;
            }
            returnAddress = saved.getAsLong();
            lowest = fp;
            fp = callerFp.getAsLong();
        }
        return frames;
    }

    /**
     * A frame pointer the walk may follow: non-null, 8-byte aligned (the frame record holds two
     * doublewords), strictly above the previous frame (stacks grow down, so callers sit higher)
     * and within {@link #STACK_WINDOW} of sp. Comparisons are unsigned: kernel addresses have the
     * top bit clear here, but a garbage value must not wrap into range.
     */
    static boolean plausibleFrame(long fp, long previous, long sp) {
        return fp != 0 && (fp & 7) == 0 && Long.compareUnsigned(fp, previous) > 0
                && Long.compareUnsigned(fp - sp, STACK_WINDOW) <= 0 && Long.compareUnsigned(fp, sp) > 0;
    }

    /** A return address worth showing: non-null and 2-byte aligned (instructions may be compressed). */
    private static boolean plausibleReturn(long address) {
        return address != 0 && (address & 1) == 0;
    }

    /**
     * True when the code from the function's start up to (not including) pc contains the
     * prologue's {@code addi s0, sp, N}, so s0 is this function's frame pointer. A pc further
     * than {@link #PROLOGUE_SCAN_BYTES} into the function is past any prologue. Unreadable code
     * counts as set up, the common case.
     */
    static boolean frameIsSetUp(long functionStart, long pc, FrameWalker.Memory memory) {
        long distance = pc - functionStart;
        if (distance < 0 || distance > PROLOGUE_SCAN_BYTES) {
            return true;
        }
        if (distance == 0) {
            return false; // stopped on the first instruction: nothing of the prologue has run
        }
        byte[] code = memory.readCode(functionStart, (int) distance);
        if (code.length < distance) {
            return true;
        }
        int i = 0;
        while (i + 1 < code.length) {
            int half = (code[i] & 0xFF) | (code[i + 1] & 0xFF) << 8;
            if ((half & 3) != 3) {
                // c.addi4spn rd', sp, nzuimm with rd' = 0 (x8 = s0); the all-zero half is illegal
                if (half != 0 && (half & 0xE003) == 0 && ((half >> 2) & 7) == 0) {
                    return true;
                }
                i += 2;
                continue;
            }
            if (i + 3 >= code.length) {
                break;
            }
            int word = half | (code[i + 2] & 0xFF) << 16 | (code[i + 3] & 0xFF) << 24;
            // addi s0, sp, imm: opcode 0x13, rd 8, funct3 0, rs1 2 (bits 0 to 19)
            if ((word & 0xFFFFF) == 0x10413) {
                return true;
            }
            i += 4;
        }
        return false;
    }
}
