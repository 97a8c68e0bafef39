package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hartbench.emulator.internal.bus.InterruptLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlicTest {

    private static final int HARTS = 2;

    private final boolean[] lines = new boolean[2 * HARTS];
    private final int[] edges = new int[2 * HARTS];
    private Plic plic;

    @BeforeEach
    void setUp() {
        plic = new Plic(HARTS, ctx -> high -> {
            lines[ctx] = high;
            edges[ctx]++;
        });
    }

    private static long priority(int src) {
        return Plic.PRIORITY_BASE + 4L * src;
    }

    private static long enable(int ctx, int word) {
        return Plic.ENABLE_BASE + Plic.ENABLE_STRIDE * ctx + 4L * word;
    }

    private static long threshold(int ctx) {
        return Plic.CONTEXT_BASE + Plic.CONTEXT_STRIDE * ctx;
    }

    private static long claim(int ctx) {
        return threshold(ctx) + Plic.CLAIM_OFFSET;
    }

    private void enableSource(int ctx, int src) {
        long reg = enable(ctx, src / 32);
        plic.write(reg, 4, plic.read(reg, 4) | 1L << (src % 32));
    }

    @Test
    void contextsFollowQemuNumbering() {
        assertEquals(4, plic.contextCount());
        assertEquals(0, Plic.machineContext(0));
        assertEquals(1, Plic.supervisorContext(0));
        assertEquals(2, Plic.machineContext(1));
        assertEquals(3, Plic.supervisorContext(1));
    }

    @Test
    void prioritiesHaveThreeBitsAndSourceZeroIsReserved() {
        plic.write(priority(10), 4, 0xffff_ffffL);
        assertEquals(7, plic.read(priority(10), 4));
        plic.write(priority(0), 4, 5);
        assertEquals(0, plic.read(priority(0), 4));
        plic.write(threshold(1), 4, 0x1f);
        assertEquals(7, plic.read(threshold(1), 4));
    }

    @Test
    void enableBitOfSourceZeroAndBitsPastTheLastSourceAreHardwiredToZero() {
        plic.write(enable(0, 0), 4, 0xffff_ffffL);
        assertEquals(0xffff_fffeL, plic.read(enable(0, 0), 4));
        plic.write(enable(0, 2), 4, 0xffff_ffffL);
        assertEquals(0xffff_ffffL, plic.read(enable(0, 2), 4), "sources 64..95 all exist");
        plic.write(enable(0, 3), 4, 0xffff_ffffL);
        assertEquals(0, plic.read(enable(0, 3), 4), "there is no source 96");
    }

    @Test
    void anEnabledSourceAboveThresholdRaisesOnlyItsContext() {
        plic.write(priority(10), 4, 1);
        enableSource(Plic.supervisorContext(1), 10);
        plic.source(10).setLevel(true);
        assertTrue(lines[3]);
        assertFalse(lines[0] || lines[1] || lines[2]);
        assertEquals(1L << 10, plic.read(Plic.PENDING_BASE, 4));
    }

    @Test
    void priorityZeroOrAtThresholdNeverInterrupts() {
        enableSource(0, 5);
        plic.source(5).setLevel(true);
        assertFalse(lines[0], "priority 0 means never");
        plic.write(priority(5), 4, 3);
        plic.write(threshold(0), 4, 3);
        assertFalse(lines[0], "priority must exceed the threshold");
        plic.write(threshold(0), 4, 2);
        assertTrue(lines[0]);
        assertEquals(5, plic.read(claim(0), 4));
    }

    @Test
    void claimTakesHighestPriorityThenLowestNumber() {
        for (int src : new int[] { 3, 7, 9 }) {
            enableSource(0, src);
            plic.source(src).setLevel(true);
        }
        plic.write(priority(3), 4, 2);
        plic.write(priority(7), 4, 5);
        plic.write(priority(9), 4, 5);
        assertEquals(7, plic.read(claim(0), 4), "7 and 9 tie at 5; lower number wins");
        assertEquals(9, plic.read(claim(0), 4));
        assertEquals(3, plic.read(claim(0), 4));
        assertEquals(0, plic.read(claim(0), 4), "nothing left");
        assertFalse(lines[0]);
    }

    @Test
    void levelTriggeredGatewayHoldsClaimedSourceUntilComplete() {
        plic.write(priority(10), 4, 1);
        enableSource(0, 10);
        InterruptLine uart = plic.source(10);
        uart.setLevel(true);
        assertEquals(10, plic.read(claim(0), 4));
        assertFalse(lines[0], "claimed: no longer presented");
        assertEquals(0, plic.read(Plic.PENDING_BASE, 4), "claim clears pending");
        assertEquals(0, plic.read(claim(0), 4), "a claimed source is not claimable again");
        plic.write(claim(0), 4, 10);
        assertTrue(lines[0], "line still high at completion: pending again");
        assertEquals(10, plic.read(claim(0), 4));
        uart.setLevel(false);
        plic.write(claim(0), 4, 10);
        assertFalse(lines[0], "line low at completion: nothing pending");
        assertEquals(0, plic.read(Plic.PENDING_BASE, 4));
    }

    @Test
    void aRequestStaysPendingUntilClaimedEvenIfTheLineDrops() {
        plic.write(priority(1), 4, 1);
        enableSource(0, 1);
        plic.source(1).setLevel(true);
        plic.source(1).setLevel(false);
        assertTrue(lines[0]);
        assertEquals(1, plic.read(claim(0), 4));
        plic.write(claim(0), 4, 1);
        assertFalse(lines[0], "line low at completion: no new request");
    }

    @Test
    void aRiseWhileClaimedThatDropsBeforeCompletionIsNotDelivered() {
        plic.write(priority(1), 4, 1);
        enableSource(0, 1);
        InterruptLine line = plic.source(1);
        line.setLevel(true);
        assertEquals(1, plic.read(claim(0), 4));
        line.setLevel(false);
        line.setLevel(true);
        line.setLevel(false);
        plic.write(claim(0), 4, 1);
        assertFalse(lines[0]);
        assertEquals(0, plic.read(claim(0), 4));
    }

    @Test
    void completionFromAContextWithoutTheSourceEnabledIsIgnored() {
        plic.write(priority(2), 4, 1);
        enableSource(0, 2);
        plic.source(2).setLevel(true);
        assertEquals(2, plic.read(claim(0), 4));
        plic.write(claim(1), 4, 2); // context 1 does not have source 2 enabled
        assertFalse(lines[0], "still claimed");
        plic.write(claim(0), 4, 2);
        assertTrue(lines[0]);
    }

    @Test
    void oneSourceEnabledInTwoContextsIsClaimedOnce() {
        plic.write(priority(4), 4, 1);
        enableSource(0, 4);
        enableSource(2, 4);
        plic.source(4).setLevel(true);
        assertTrue(lines[0] && lines[2]);
        assertEquals(4, plic.read(claim(2), 4));
        assertFalse(lines[0] || lines[2], "claimed by hart 1: hart 0 loses it too");
        assertEquals(0, plic.read(claim(0), 4));
    }

    @Test
    void pendingRegistersAreReadOnly() {
        plic.write(Plic.PENDING_BASE, 4, 0xffff_ffffL);
        assertEquals(0, plic.read(Plic.PENDING_BASE, 4));
    }

    @Test
    void linesAreDrivenOnlyOnChange() {
        plic.write(priority(1), 4, 1);
        enableSource(0, 1);
        plic.source(1).setLevel(true);
        plic.source(1).setLevel(true);
        plic.write(priority(1), 4, 2);
        assertEquals(1, edges[0]);
    }

    @Test
    void garbageOffsetsAndSizesAreHarmless() {
        assertFalse(plic.accepts(0, 1));
        assertFalse(plic.accepts(0, 8));
        assertFalse(plic.accepts(2, 4));
        assertFalse(plic.accepts(0x60_0000, 4));
        assertTrue(plic.accepts(0x5f_fffc, 4));
        assertEquals(0, plic.read(0x5f_fffc, 4), "context 1023 does not exist");
        plic.write(0x5f_fffc, 4, 1);
        plic.write(threshold(7), 4, 1);
        plic.write(claim(0), 4, 0xdead);
        plic.write(claim(0), 4, -1);
        assertEquals(0, plic.read(0x1ffc, 4));
        assertThrows(IllegalArgumentException.class, () -> plic.source(0));
        assertThrows(IllegalArgumentException.class, () -> plic.source(96));
    }
}
