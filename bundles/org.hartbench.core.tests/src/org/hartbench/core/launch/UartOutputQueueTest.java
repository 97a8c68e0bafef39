package org.hartbench.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The hand-over from the emulator's UART to the console pump. */
class UartOutputQueueTest {

    @Test
    void aCharacterSplitAcrossWritesIsDecodedWhole() throws Exception {
        UartOutputQueue queue = new UartOutputQueue(1024);
        byte[] text = "hart ü\n".getBytes(StandardCharsets.UTF_8);
        int split = text.length - 2; // between the two bytes of ü
        queue.offer(text, 0, split);
        assertEquals("hart ", queue.take(0, TimeUnit.MILLISECONDS));
        queue.offer(text, split, text.length - split);
        assertEquals("ü\n", queue.take(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void takeWaitsAtMostItsTimeoutWhenNothingCame() throws Exception {
        UartOutputQueue queue = new UartOutputQueue(1024);
        long start = System.nanoTime();
        assertEquals("", queue.take(30, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(25));
    }

    @Test
    void overflowIsDroppedAndReportedNotBlocked() throws Exception {
        UartOutputQueue queue = new UartOutputQueue(8);
        byte[] data = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        queue.offer(data, 0, data.length); // returns at once although only 8 bytes fit
        String text = queue.take(0, TimeUnit.MILLISECONDS);
        assertTrue(text.startsWith("01234567\n[hartbench: 8 bytes of console output dropped"), text);
    }

    @Test
    void anIncompleteSequenceAtTheEndBecomesAReplacementCharacter() throws Exception {
        UartOutputQueue queue = new UartOutputQueue(16);
        queue.offer(new byte[] { 'a', (byte) 0xc3 }, 0, 2);
        assertEquals("a", queue.take(0, TimeUnit.MILLISECONDS));
        assertEquals("\uFFFD", queue.finish());
    }
}
