package org.hartbench.emulator.internal.devices;

import java.util.function.IntFunction;

import org.hartbench.emulator.internal.bus.InterruptLine;
import org.hartbench.emulator.internal.bus.MemoryMap;
import org.hartbench.emulator.internal.bus.MmioDevice;

/**
 * The platform-level interrupt controller of QEMU's virt board (a SiFive PLIC).
 *
 * <p>Hardware contract, as the guest sees it (all registers 32 bits wide, 32-bit accesses only):
 * <pre>
 *   0x000000 + 4*src        priority of source src (1..95; 0 is reserved and reads 0), 0..7
 *   0x001000 + 4*word       pending bits, read-only (bit s%32 of word s/32)
 *   0x002000 + 0x80*ctx     enable bits of context ctx, one word per 32 sources
 *   0x200000 + 0x1000*ctx   priority threshold of context ctx, 0..7
 *   0x200004 + 0x1000*ctx   claim (read) / complete (write)
 * </pre>
 * Contexts are numbered as QEMU numbers them: context 2*hart is the hart's M-mode (mip.MEIP),
 * context 2*hart+1 its S-mode (mip.SEIP). A context's output is high while some source is
 * pending, not claimed, enabled for it and of priority above its threshold. Among those, a claim
 * returns the highest priority, the lowest source number on a tie, and 0 when there is none.
 *
 * <p>Sources are level-triggered, behind the gateway the PLIC specification describes: a high line
 * makes its source pending unless it is claimed; the request stays pending until a claim takes it,
 * even if the line drops meanwhile (as on QEMU 7.2); a claimed source sends no new request until
 * the context writes its number to complete, and if the line is still high then, the source is
 * pending again. (QEMU 7.2 also latches a rise that happens while the source is claimed and
 * delivers it after completion even if the line has dropped; the specification's gateway does
 * not, and neither does this one.) Completion of a source that is not enabled for the completing
 * context is ignored, as the specification says.
 *
 * <p>Locking: every field below is guarded by {@code this}. Context lines are driven while the
 * lock is held, so that their levels follow the order of state changes; an {@link InterruptLine}
 * handed to the constructor must therefore never call back into the PLIC. Lock order: a device
 * that drives a source line may hold its own lock while doing so (device, then PLIC, then hart).
 */
public final class Plic implements MmioDevice {

    /** Register layout offsets (also stated in kernel-sources/include/hartbench/board.h). */
    public static final long PRIORITY_BASE = 0x0;
    public static final long PENDING_BASE = 0x1000;
    public static final long ENABLE_BASE = 0x2000;
    public static final long ENABLE_STRIDE = 0x80;
    public static final long CONTEXT_BASE = 0x20_0000;
    public static final long CONTEXT_STRIDE = 0x1000;
    public static final long CLAIM_OFFSET = 4;

    /** Priorities and thresholds have three bits, as on QEMU virt (seven priority levels). */
    public static final int PRIORITY_MASK = 7;

    /** Highest source number; sources are 1..SOURCES, 0 means "no interrupt". */
    public static final int SOURCES = MemoryMap.PLIC_SOURCES;

    private static final int WORDS = (SOURCES + 1 + 31) / 32;

    private final int contexts;
    private final InterruptLine[] contextOutputs;

    // Guarded by this.
    private final int[] priority = new int[SOURCES + 1];
    private final int[] level = new int[WORDS]; // bit per source: its line is high
    private final int[] pending = new int[WORDS]; // bit per source: the gateway holds a request
    private final int[] claimed = new int[WORDS]; // bit per source: claimed, not yet completed
    private final int[][] enable;
    private final int[] threshold;
    private final boolean[] outputLevel;

    /**
     * @param harts        number of harts; the PLIC has 2*harts contexts
     * @param contextLine  the line for context c: c = 2*hart drives that hart's mip.MEIP, c = 2*hart+1
     *                     its mip.SEIP
     */
    public Plic(int harts, IntFunction<InterruptLine> contextLine) {
        if (harts < 1) {
            throw new IllegalArgumentException("a PLIC needs at least one hart, got " + harts);
        }
        this.contexts = 2 * harts;
        this.contextOutputs = new InterruptLine[contexts];
        for (int c = 0; c < contexts; c++) {
            InterruptLine line = contextLine.apply(c);
            contextOutputs[c] = line == null ? InterruptLine.NONE : line;
        }
        this.enable = new int[contexts][WORDS];
        this.threshold = new int[contexts];
        this.outputLevel = new boolean[contexts];
    }

    /**
     * Power-on state: every priority, enable bit and threshold zero, nothing pending or claimed,
     * every context output low (lowered through its line if it was high). Source levels are
     * forgotten too: the board resets the devices driving them in the same step.
     */
    public synchronized void reset() {
        java.util.Arrays.fill(priority, 0);
        java.util.Arrays.fill(level, 0);
        java.util.Arrays.fill(pending, 0);
        java.util.Arrays.fill(claimed, 0);
        for (int c = 0; c < contexts; c++) {
            java.util.Arrays.fill(enable[c], 0);
            threshold[c] = 0;
        }
        updateOutputs();
    }

    /** Context number of a hart's M-mode. */
    public static int machineContext(int hart) {
        return 2 * hart;
    }

    /** Context number of a hart's S-mode. */
    public static int supervisorContext(int hart) {
        return 2 * hart + 1;
    }

    public int contextCount() {
        return contexts;
    }

    /** The input wire of source n (1..95), for a device to drive. */
    public InterruptLine source(int n) {
        if (n < 1 || n > SOURCES) {
            throw new IllegalArgumentException("PLIC source " + n + " is out of range (1 to " + SOURCES + ")");
        }
        return high -> setSourceLevel(n, high);
    }

    private synchronized void setSourceLevel(int src, boolean high) {
        int w = src >>> 5;
        int bit = 1 << (src & 31);
        level[w] = high ? level[w] | bit : level[w] & ~bit;
        if (high && (claimed[w] & bit) == 0) {
            pending[w] |= bit;
        }
        updateOutputs();
    }

    @Override
    public boolean accepts(long offset, int size) {
        return size == 4 && (offset & 3) == 0 && offset >= 0 && offset < MemoryMap.PLIC.size();
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset < PENDING_BASE) {
            int src = (int) (offset / 4);
            return src >= 1 && src <= SOURCES ? priority[src] : 0;
        }
        if (offset < ENABLE_BASE) {
            int word = (int) ((offset - PENDING_BASE) / 4);
            return word < WORDS ? Integer.toUnsignedLong(pending[word]) : 0;
        }
        if (offset < CONTEXT_BASE) {
            int ctx = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int word = (int) ((offset - ENABLE_BASE) % ENABLE_STRIDE / 4);
            return ctx < contexts && word < WORDS ? Integer.toUnsignedLong(enable[ctx][word]) : 0;
        }
        int ctx = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
        long reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
        if (ctx >= contexts) {
            return 0;
        }
        if (reg == 0) {
            return threshold[ctx];
        }
        if (reg == CLAIM_OFFSET) {
            return claim(ctx);
        }
        return 0;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        int v = (int) value;
        if (offset < PENDING_BASE) {
            int src = (int) (offset / 4);
            if (src >= 1 && src <= SOURCES) {
                priority[src] = v & PRIORITY_MASK;
            }
        } else if (offset < ENABLE_BASE) {
            return; // pending bits are read-only: only the gateways set them
        } else if (offset < CONTEXT_BASE) {
            int ctx = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int word = (int) ((offset - ENABLE_BASE) % ENABLE_STRIDE / 4);
            if (ctx < contexts && word < WORDS) {
                enable[ctx][word] = word == 0 ? v & ~1 : v; // source 0 does not exist
                if (word == WORDS - 1) {
                    enable[ctx][word] &= lastWordMask();
                }
            }
        } else {
            int ctx = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            long reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
            if (ctx >= contexts) {
                return;
            }
            if (reg == 0) {
                threshold[ctx] = v & PRIORITY_MASK;
            } else if (reg == CLAIM_OFFSET) {
                complete(ctx, v);
            }
        }
        updateOutputs();
    }

    private static int lastWordMask() {
        int bitsInLastWord = (SOURCES + 1) - 32 * (WORDS - 1);
        return bitsInLastWord == 32 ? -1 : (1 << bitsInLastWord) - 1;
    }

    /**
     * The source a claim by ctx would return now, or 0: the highest priority above the threshold
     * among sources pending, unclaimed and enabled; ascending order keeps the lowest on a tie.
     */
    private int best(int ctx) {
        int bestSrc = 0;
        int bestPriority = threshold[ctx];
        for (int w = 0; w < WORDS; w++) {
            int candidates = pending[w] & ~claimed[w] & enable[ctx][w];
            while (candidates != 0) {
                int src = w * 32 + Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (priority[src] > bestPriority) {
                    bestSrc = src;
                    bestPriority = priority[src];
                }
            }
        }
        return bestSrc;
    }

    private int claim(int ctx) {
        int src = best(ctx);
        if (src != 0) {
            int bit = 1 << (src & 31);
            pending[src >>> 5] &= ~bit;
            claimed[src >>> 5] |= bit;
            updateOutputs();
        }
        return src;
    }

    private void complete(int ctx, int src) {
        if (src < 1 || src > SOURCES) {
            return;
        }
        int w = src >>> 5;
        int bit = 1 << (src & 31);
        if ((enable[ctx][w] & bit) == 0 || (claimed[w] & bit) == 0) {
            return;
        }
        claimed[w] &= ~bit;
        pending[w] |= level[w] & bit; // still asserted: the gateway sends a new request
    }

    private void updateOutputs() {
        for (int ctx = 0; ctx < contexts; ctx++) {
            boolean high = best(ctx) != 0;
            if (high != outputLevel[ctx]) {
                outputLevel[ctx] = high;
                contextOutputs[ctx].setLevel(high);
            }
        }
    }
}
