package org.hartbench.core.launch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over between the emulator's UART and the console: the emulator thread
 * {@link #offer}s bytes and returns at once; the session's pump thread {@link #take}s them as
 * text. The queue is bounded: if the console falls behind by more than its capacity, further
 * output is counted and dropped (and the loss reported in the text) rather than making the
 * emulator wait or the IDE run out of memory.
 */
final class UartOutputQueue {

    /** Bytes kept while the pump is behind; 4 MiB is minutes of boot chatter. */
    static final int DEFAULT_CAPACITY = 4 << 20;

    private final int capacity;
    /** Guarded by this. Bytes from the UART not yet taken. */
    private byte[] pending = new byte[8192];
    /** Guarded by this. */
    private int length;
    /** Guarded by this. Bytes dropped since the last take. */
    private long dropped;

    /** Used only by the pump thread; keeps a multi-byte UTF-8 sequence split across takes. */
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);

    UartOutputQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Called on an emulator thread: copies the bytes and never blocks beyond a short lock. */
    synchronized void offer(byte[] data, int offset, int count) {
        int room = capacity - length;
        int kept = Math.min(room, count);
        if (kept > 0) {
            if (length + kept > pending.length) {
                byte[] bigger = new byte[Math.min(capacity, Math.max(pending.length * 2, length + kept))];
                System.arraycopy(pending, 0, bigger, 0, length);
                pending = bigger;
            }
            System.arraycopy(data, offset, pending, length, kept);
            length += kept;
        }
        dropped += count - kept;
        notifyAll();
    }

    /**
     * Waits up to timeout for output and returns it decoded; "" when none came. An incomplete
     * UTF-8 sequence at the end is held back until its remaining bytes arrive.
     */
    String take(long timeout, TimeUnit unit) throws InterruptedException {
        byte[] bytes;
        long lost;
        synchronized (this) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (length == 0 && dropped == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return "";
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            bytes = java.util.Arrays.copyOf(pending, length);
            length = 0;
            lost = dropped;
            dropped = 0;
        }
        String text = decode(bytes, false);
        return lost == 0 ? text : text + "\n[hartbench: " + lost + " bytes of console output dropped: the console fell behind]\n";
    }

    /** Decodes whatever is held back, replacing an incomplete sequence; call once at the end. */
    String finish() {
        return decode(new byte[0], true);
    }

    private String decode(byte[] bytes, boolean endOfInput) {
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + bytes.length);
        in.put(carry).put(bytes).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, endOfInput);
        if (endOfInput) {
            decoder.flush(out);
            decoder.reset();
        }
        carry = in.slice();
        return out.flip().toString();
    }
}
