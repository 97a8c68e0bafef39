package org.hartbench.emulator.internal.cpu;

/**
 * The interpreter: runs {@link Block}s of {@link Instruction} objects out of {@link DecodedPage}s.
 *
 * <pre>
 *   outer loop: find the decoded page for pc through the fetch TLB (may fault)
 *     inner loop, while pc stays on that page and budget remains:
 *       block = the page's block starting at pc (decoded on first use)
 *       pc = block.run(...)                  RV64I inlined, the rest one virtual call (see Block)
 *     if the block ended in a system instruction it came back as pc | 1: write pc and the
 *     retired count into the hart, run its executeSystem, then fetch again (privilege or
 *     translation may have changed), or return if it set hart.exitRun
 * </pre>
 *
 * An instruction that faults throws {@link Trap} before changing state; the catch sets the
 * hart's pc to the faulting instruction and counts only the instructions before it. Why objects
 * and blocks: with one large switch in one method, the JIT's register allocator spills most of
 * the loop's state on every dispatch; small instruction classes compile to straight code, and
 * blocks take the per-dispatch bookkeeping out of the per-instruction path.
 *
 * <p>Stateless: one instance serves every hart.
 */
final class Interpreter implements ExecutionEngine {

    static final Interpreter INSTANCE = new Interpreter();

    /** Offsets within a page that keep the inner loop going: even and below 4096. */
    private static final long LEAVE_INNER_LOOP = ~0xFFEL;

    private Interpreter() {
    }

    @Override
    public long run(Hart h, long budget) {
        long pc = h.pc;
        long left = budget;
        try {
            while (left > 0) {
                h.fetchPage(pc);
                Block b;
                do {
                    // Only h, pc and left live across the calls; the page is re-read from h.
                    int slot = (int) (pc - h.pageBase) >>> 1;
                    b = h.pageBlocks[slot];
                    if (b == null) {
                        b = h.page.block(slot);
                    }
                    int count = (int) Math.min(b.size, left);
                    pc = b.run(h, pc, count);
                    left -= count;
                } while (left > 0 && ((pc - h.pageBase) & LEAVE_INNER_LOOP) == 0);

                if ((pc & 1) != 0) {
                    // The block's last instruction is a system instruction: counted, not yet run.
                    pc &= ~1L;
                    left++;
                    h.pc = pc;
                    h.retired = h.retiredAtRunStart + (budget - left);
                    pc = b.instructions[b.size - 1].executeSystem(h);
                    left--;
                    if (h.exitRun) {
                        break;
                    }
                }
            }
        } catch (Trap t) {
            // From inside a block, t says where; from the page fetch or a system instruction,
            // pc is the faulting instruction and nothing of it was counted.
            long done = budget - left + (t.inBlock ? t.completed : 0);
            h.pc = t.inBlock ? t.pc : pc;
            h.retired = h.retiredAtRunStart + done;
            TrapUnit.exception(h, t.cause, t.tval);
            return done;
        }
        h.pc = pc;
        h.retired = h.retiredAtRunStart + (budget - left);
        return budget - left;
    }
}
