package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.hartbench.core.debug.FrameWalker.Frame;
import org.junit.jupiter.api.Test;

/** The frame-pointer walk on hand-built stacks, including every way it must stop. */
class FrameWalkerTest {

    private static final long SP = 0x8002_0000L;
    private static final long FUNCTION = 0x8000_1000L;

    /** Doublewords at addresses, and code bytes at FUNCTION; anything else is unreadable. */
    private static final class FakeMemory implements FrameWalker.Memory {
        final Map<Long, Long> words = new HashMap<>();
        byte[] code = new byte[0];

        /** A frame record: the return address at fp-8 and the caller's fp at fp-16. */
        FakeMemory record(long fp, long returnAddress, long callerFp) {
            words.put(fp - 8, returnAddress);
            words.put(fp - 16, callerFp);
            return this;
        }

        @Override
        public OptionalLong readLong(long address) {
            Long v = words.get(address);
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        }

        @Override
        public byte[] readCode(long address, int length) {
            int from = (int) (address - FUNCTION);
            if (from < 0 || from >= code.length) {
                return new byte[0];
            }
            return java.util.Arrays.copyOfRange(code, from, Math.min(code.length, from + length));
        }
    }

    private static List<Frame> walkFromBody(FakeMemory memory, long s0) {
        return FrameWalker.walk(0x8000_2000L, 0x1234, SP, s0, OptionalLong.empty(), memory);
    }

    @Test
    void followsTheChainUntilANullFramePointer() {
        FakeMemory m = new FakeMemory().record(SP + 0x40, 0x8000_3010L, SP + 0x90)
                .record(SP + 0x90, 0x8000_4020L, SP + 0x100).record(SP + 0x100, 0x8000_5030L, 0);
        List<Frame> frames = walkFromBody(m, SP + 0x40);
        assertEquals(List.of(new Frame(0x8000_2000L, SP + 0x40), new Frame(0x8000_3010L, SP + 0x90),
                new Frame(0x8000_4020L, SP + 0x100), new Frame(0x8000_5030L, 0)), frames);
    }

    @Test
    void stopsAtAFramePointerThatDoesNotGrow() {
        FakeMemory m = new FakeMemory().record(SP + 0x40, 0x8000_3010L, SP + 0x40);
        assertEquals(List.of(new Frame(0x8000_2000L, SP + 0x40), new Frame(0x8000_3010L, 0)), walkFromBody(m, SP + 0x40));
        FakeMemory down = new FakeMemory().record(SP + 0x40, 0x8000_3010L, SP + 0x20);
        assertEquals(2, walkFromBody(down, SP + 0x40).size());
    }

    @Test
    void stopsAtAMisalignedOrFarOrUnreadableFramePointer() {
        FakeMemory odd = new FakeMemory().record(SP + 0x40, 0x8000_3010L, SP + 0x94);
        assertEquals(new Frame(0x8000_3010L, 0), walkFromBody(odd, SP + 0x40).get(1));
        FakeMemory far = new FakeMemory().record(SP + 0x40, 0x8000_3010L, 0x3f_ffff_0000L);
        assertEquals(new Frame(0x8000_3010L, 0), walkFromBody(far, SP + 0x40).get(1), "a user fp is not on this stack");
        FakeMemory beyond = new FakeMemory().record(SP + 0x40, 0x8000_3010L, SP + FrameWalker.STACK_WINDOW + 16);
        assertEquals(2, walkFromBody(beyond, SP + 0x40).size());
        FakeMemory unmapped = new FakeMemory().record(SP + 0x40, 0x8000_3010L, SP + 0x90);
        assertEquals(List.of(new Frame(0x8000_2000L, SP + 0x40), new Frame(0x8000_3010L, SP + 0x90)),
                walkFromBody(unmapped, SP + 0x40), "the caller's record cannot be read: its frame is the last");
    }

    @Test
    void aBadStartingFramePointerGivesOnlyTheCurrentFrame() {
        FakeMemory m = new FakeMemory();
        assertEquals(1, walkFromBody(m, 0).size());
        assertEquals(1, walkFromBody(m, SP - 0x10).size(), "fp below sp");
        assertEquals(1, walkFromBody(m, SP + 0x40).size(), "nothing readable at fp");
        assertEquals(1, FrameWalker.walk(0x8000_2000L, 0, SP, -8, OptionalLong.empty(), m).size());
    }

    @Test
    void stopsAtTheDepthLimit() {
        FakeMemory m = new FakeMemory();
        for (int i = 1; i <= 200; i++) {
            m.record(SP + 16L * i, 0x8000_3000L + 2 * i, SP + 16L * (i + 1));
        }
        assertEquals(FrameWalker.MAX_DEPTH, walkFromBody(m, SP + 16).size());
    }

    @Test
    void aNullReturnAddressEndsTheWalk() {
        FakeMemory m = new FakeMemory().record(SP + 0x40, 0, SP + 0x90);
        assertEquals(1, walkFromBody(m, SP + 0x40).size());
    }

    @Test
    void atAFunctionsFirstInstructionTheCallerComesFromRa() {
        FakeMemory m = new FakeMemory().record(SP + 0x90, 0x8000_4020L, 0);
        // s0 is still the caller's frame pointer; ra holds the return address into the caller.
        List<Frame> frames = FrameWalker.walk(FUNCTION, 0x8000_3010L, SP, SP + 0x90, OptionalLong.of(FUNCTION), m);
        assertEquals(List.of(new Frame(FUNCTION, 0), new Frame(0x8000_3010L, SP + 0x90), new Frame(0x8000_4020L, 0)),
                frames);
    }

    @Test
    void thePrologueScanFindsTheFramePointerSetup() {
        FakeMemory m = new FakeMemory();
        // addi sp,sp,-48 (c.addi16sp); sd ra,40(sp) (c.sdsp); sd s0,32(sp); addi s0,sp,48 (32-bit); nop
        m.code = bytes(0x79, 0x71, 0x06, 0xf4, 0x22, 0xf0, 0x13, 0x04, 0x01, 0x03, 0x01, 0x00);
        assertFalse(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION, m));
        assertFalse(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION + 6, m), "ra and s0 saved, s0 not yet moved");
        assertTrue(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION + 10, m));
        // The compressed form: c.addi4spn s0, sp, 16 (0x0800), as clang emits for small frames.
        m.code = bytes(0x41, 0x11, 0x06, 0xe4, 0x22, 0xe0, 0x00, 0x08, 0x01, 0x00);
        assertFalse(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION + 6, m));
        assertTrue(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION + 8, m));
        // addi s1, sp, 16 and c.addi4spn a0, sp, 16 are not the frame pointer.
        m.code = bytes(0x93, 0x04, 0x01, 0x01, 0x08, 0x08, 0x01, 0x00);
        assertFalse(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION + 6, m));
        assertTrue(FrameWalker.frameIsSetUp(FUNCTION, FUNCTION + FrameWalker.PROLOGUE_SCAN_BYTES + 2, m),
                "far into a function the prologue is over");
        assertTrue(FrameWalker.frameIsSetUp(FUNCTION + 0x100, FUNCTION + 0x104, m), "unreadable code counts as set up");
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
