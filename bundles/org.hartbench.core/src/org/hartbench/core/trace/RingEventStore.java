package org.hartbench.core.trace;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;

/**
 * The ring events of one machine: the headless model behind the Ring Trace view. Register it as
 * a {@link TraceListener}; it keeps TR_SQE_CONSUMED and TR_CQE_POSTED records and ignores the
 * rest. Emulator threads never wait for it (see {@link RecordInbox}).
 *
 * <p>Bounded: it holds the newest {@code capacity} events in primitive arrays (about 50 bytes an
 * event, allocated in chunks as the store fills) and counts the older ones it dropped.
 *
 * <p>Latency: a completion is matched to the oldest unmatched submission with the same ring owner
 * process and user_data; its latency is the difference of their times. At most
 * {@link #MAX_PENDING} submissions wait for a match; beyond that the oldest are forgotten and
 * their completions show no latency.
 */
public final class RingEventStore implements TraceListener {

    /** The default capacity: a million events. */
    public static final int DEFAULT_CAPACITY = 1_000_000;
    /** Submissions remembered for latency matching. */
    public static final int MAX_PENDING = 65_536;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;

    /** The matching events, by seq, as of one instant. */
    public record Selection(long[] seqs, long captured, long dropped) {
        /** Number of events selected. */
        public int size() {
            return seqs.length;
        }
    }

    /** Parallel arrays for CHUNK events. */
    private static final class Chunk {
        final long[] time = new long[CHUNK];
        final long[] userData = new long[CHUNK];
        final long[] latency = new long[CHUNK];
        final int[] pid = new int[CHUNK];
        final int[] tid = new int[CHUNK];
        final int[] result = new int[CHUNK];
        final int[] opCap = new int[CHUNK]; // op << 24 | cap slot, as in the record; cap 0xffff: none
        final short[] cpu = new short[CHUNK];
        final boolean[] completion = new boolean[CHUNK];
    }

    private record PendingKey(int pid, long userData) {
    }

    private final int capacity;
    private final Chunk[] chunks;
    private final RecordInbox inbox = new RecordInbox(this::apply);
    private final Map<PendingKey, ArrayDeque<long[]>> pending = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PendingKey, ArrayDeque<long[]>> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong skippedWhilePaused = new AtomicLong();
    private volatile boolean capturing = true;
    private long captured; // events ever stored; the next event's seq

    /** A store of {@link #DEFAULT_CAPACITY} events. */
    public RingEventStore() {
        this(DEFAULT_CAPACITY);
    }

    /** A store that keeps the newest capacity events (at least 1, at most 2^30). */
    public RingEventStore(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("ring event capacity " + capacity + " is out of range (1 to 2^30)");
        }
        this.capacity = capacity;
        this.chunks = new Chunk[(capacity + CHUNK - 1) / CHUNK];
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void onRecord(TraceRecord record) {
        int type = record.type();
        if (type != TraceType.SQE_CONSUMED.number && type != TraceType.CQE_POSTED.number) {
            return;
        }
        if (!capturing) {
            skippedWhilePaused.incrementAndGet();
            return;
        }
        inbox.offer(record);
    }

    @Override
    public void onLost(int cpu, long count) {
        lost.addAndGet(count);
    }

    /** Pause (false) or resume (true) capture. While paused, ring records are counted, not kept. */
    public void setCapturing(boolean on) {
        capturing = on;
    }

    public boolean isCapturing() {
        return capturing;
    }

    /** Ring records that arrived while capture was paused. */
    public long skippedWhilePaused() {
        return skippedWhilePaused.get();
    }

    /** Records of any type the trace device reported lost (ring overruns in the guest). */
    public long lost() {
        return lost.get();
    }

    /** Events ever stored (including dropped ones); changes whenever a new event is stored. */
    public long captured() {
        return inbox.read(() -> captured);
    }

    /** Events dropped because the store was full. */
    public long dropped() {
        return inbox.read(this::droppedLocked);
    }

    /** Events held now. */
    public int size() {
        return inbox.read(() -> (int) (captured - droppedLocked()));
    }

    /** Forgets all events and pending submissions; counters restart. */
    public void clear() {
        inbox.write(() -> {
            Arrays.fill(chunks, null);
            pending.clear();
            captured = 0;
        });
        lost.set(0);
        skippedWhilePaused.set(0);
    }

    /** The held events that pass the filter, oldest first. */
    public Selection select(RingFilter filter) {
        return inbox.read(() -> {
            long first = droppedLocked();
            long[] out = new long[(int) (captured - first)];
            int n = 0;
            for (long seq = first; seq < captured; seq++) {
                int slot = (int) (seq % capacity);
                Chunk c = chunks[slot >>> CHUNK_BITS];
                int i = slot & (CHUNK - 1);
                if ((filter.pid() < 0 || c.pid[i] == filter.pid()) && (filter.tid() < 0 || c.tid[i] == filter.tid())
                        && (filter.cpu() < 0 || c.cpu[i] == filter.cpu())
                        && (filter.op() < 0 || (c.opCap[i] >>> 24) == filter.op())) {
                    out[n++] = seq;
                }
            }
            return new Selection(n == out.length ? out : Arrays.copyOf(out, n), captured, first);
        });
    }

    /** The event with this seq, or null if it was dropped or not yet captured. */
    public RingEvent get(long seq) {
        return inbox.read(() -> getLocked(seq));
    }

    /**
     * Hands each selected event still held to the consumer, oldest first, in batches so that
     * writers are never locked out for long.
     */
    public void forEach(Selection selection, Consumer<RingEvent> consumer) {
        long[] seqs = selection.seqs();
        RingEvent[] batch = new RingEvent[4096];
        for (int from = 0; from < seqs.length; from += batch.length) {
            int start = from;
            int n = inbox.read(() -> {
                int k = 0;
                for (int j = start; j < Math.min(seqs.length, start + batch.length); j++) {
                    RingEvent e = getLocked(seqs[j]);
                    if (e != null) {
                        batch[k++] = e;
                    }
                }
                return k;
            });
            for (int j = 0; j < n; j++) {
                consumer.accept(batch[j]);
            }
        }
    }

    // ---- inbox lock held -------------------------------------------------------------------

    private long droppedLocked() {
        return Math.max(0, captured - capacity);
    }

    private RingEvent getLocked(long seq) {
        if (seq < droppedLocked() || seq >= captured) {
            return null;
        }
        int slot = (int) (seq % capacity);
        Chunk c = chunks[slot >>> CHUNK_BITS];
        int i = slot & (CHUNK - 1);
        int op = c.opCap[i] >>> 24;
        int cap = c.opCap[i] & 0xffff;
        return new RingEvent(seq, c.time[i], c.completion[i] ? RingEvent.Kind.CQE : RingEvent.Kind.SQE, c.cpu[i],
                c.pid[i], c.tid[i], op, cap == 0xffff ? -1 : cap, c.userData[i], c.result[i], c.latency[i]);
    }

    private void apply(TraceRecord r) {
        int slot = (int) (captured % capacity);
        Chunk c = chunks[slot >>> CHUNK_BITS];
        if (c == null) {
            c = chunks[slot >>> CHUNK_BITS] = new Chunk();
        }
        int i = slot & (CHUNK - 1);
        boolean completion = r.type() == TraceType.CQE_POSTED.number;
        PendingKey key = new PendingKey(r.pid(), r.arg1());
        int opCap;
        long latency = -1;
        if (completion) {
            opCap = 0xffff;
            ArrayDeque<long[]> waiting = pending.get(key);
            if (waiting != null) {
                long[] sqe = waiting.removeFirst();
                if (waiting.isEmpty()) {
                    pending.remove(key);
                }
                latency = r.time() - sqe[0];
                opCap = (int) sqe[1];
            }
        } else {
            opCap = r.arg0();
            pending.computeIfAbsent(key, k -> new ArrayDeque<>(1)).addLast(new long[] { r.time(), opCap });
        }
        c.time[i] = r.time();
        c.userData[i] = r.arg1();
        c.latency[i] = latency;
        c.pid[i] = r.pid();
        c.tid[i] = r.tid();
        c.result[i] = completion ? r.arg0() : 0;
        c.opCap[i] = opCap;
        c.cpu[i] = (short) r.cpu();
        c.completion[i] = completion;
        captured++;
    }
}
