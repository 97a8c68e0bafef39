package org.hartbench.emulator.internal.cpu;

import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.internal.bus.Ram;

/**
 * Pre-decoded code of one 4 KiB physical page of RAM: a {@link Block} for every halfword slot
 * where execution has started, built on first use (null means "not decoded yet"). A 32-bit
 * instruction in the last halfword continues on the next page, whose translation may differ or
 * fault, so it becomes a {@link CrossPage} that fetches and decodes it on every run.
 *
 * <p>Shared by all harts. Slots are plain references to immutable blocks: a hart may race with
 * another hart's decode or with an invalidating store, and then runs either the old or the new
 * code, which is what the ISA allows a hart that has not yet executed fence.i.
 */
final class DecodedPage {
    static final int SLOTS = 2048;
    /** The most slots a block can span (MAX_INSTRUCTIONS 4-byte instructions). */
    private static final int MAX_SPAN = 2 * Block.MAX_INSTRUCTIONS;

    private final Ram ram;
    /** Index of the page's first byte in RAM. */
    final int ramOffset;
    final Block[] blocks = new Block[SLOTS];

    DecodedPage(Ram ram, int ramOffset) {
        this.ram = ram;
        this.ramOffset = ramOffset;
    }

    /** Decodes the block starting at a slot from RAM and caches it. */
    Block block(int slot) {
        List<Instruction> list = new ArrayList<>();
        int s = slot;
        while (s < SLOTS && list.size() < Block.MAX_INSTRUCTIONS) {
            Instruction in = decodeAt(s);
            list.add(in);
            s += in.len / 2;
            if (endsBlock(in)) {
                break;
            }
        }
        Block b = new Block(list.toArray(new Instruction[0]), s - slot);
        blocks[slot] = b;
        return b;
    }

    private Instruction decodeAt(int slot) {
        int offset = ramOffset + slot * 2;
        int low = ram.getShort(offset) & 0xFFFF;
        if ((low & 3) != 3) {
            return Decoder.instruction(Decoder.decode(low));
        }
        if (slot == SLOTS - 1) {
            return new CrossPage(ram, offset);
        }
        return Decoder.instruction(Decoder.decode(ram.getInt(offset)));
    }

    /** Instructions after which pc may not simply advance, or that must run alone. */
    private static boolean endsBlock(Instruction in) {
        int op = in.op;
        return (op >= Op.JAL && op <= Op.BGEU) || op == Op.ILLEGAL || in instanceof SystemInstruction;
    }

    /**
     * Forgets the blocks that overlap bytes [from, to) of this page. A block may start up to
     * MAX_SPAN slots before the first changed one.
     */
    void invalidate(int from, int to) {
        int firstChanged = from >> 1;
        int lastChanged = (to - 1) >> 1;
        for (int s = Math.max(0, firstChanged - MAX_SPAN); s <= lastChanged; s++) {
            Block b = blocks[s];
            if (b != null && s + b.slotSpan > firstChanged) {
                blocks[s] = null;
            }
        }
    }

    void invalidateAll() {
        java.util.Arrays.fill(blocks, null);
    }

    /** A 32-bit instruction whose upper half is the first halfword of the next virtual page. */
    private static final class CrossPage extends Instruction {
        private final Ram ram;
        private final int lowOffset;

        CrossPage(Ram ram, int lowOffset) {
            super(Op.ILLEGAL | 4L << 24);
            this.ram = ram;
            this.lowOffset = lowOffset;
        }

        /** Fetches the upper half through the MMU (it may fault, with tval = pc + 2) and decodes. */
        private Instruction resolve(Hart h, long pc) {
            int low = ram.getShort(lowOffset) & 0xFFFF;
            int high = h.mmu.fetchHalf(pc + 2);
            return Decoder.instruction(Decoder.decode(high << 16 | low));
        }

        @Override
        long execute(Hart h, long pc) {
            return resolve(h, pc).execute(h, pc);
        }

        @Override
        long executeSystem(Hart h) {
            return resolve(h, h.pc).executeSystem(h);
        }
    }
}
