package org.hartbench.emulator.internal.devices;

import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.internal.bus.GuestMemory;
import org.hartbench.emulator.internal.bus.MmioDevice;

/**
 * The {@code hartbench,trace} device: the kernel registers one trace ring per cpu here, and the
 * board calls {@link #drain()} to read what the kernel wrote since the last call. Registers and
 * ring layout are defined in kernel-sources/include/hartbench/trace.h (a test checks the offsets
 * below against it):
 * <pre>
 *   0x000 MAGIC        RO u32  0x48425452 ("HBTR")
 *   0x004 VERSION      RO u32  TRACE_VERSION
 *   0x008 MAX_CPUS     RO u32  32 ring slots, one per cpu index
 *   0x00c RECORD_SIZE  RO u32  TRACE_RECORD_SIZE
 *   0x100 + 16c        RW u64  physical address of cpu c's ring (0: none); 32-bit halves allowed
 *   0x108 + 16c        RW u32  its number of entries (a power of two)
 * </pre>
 * A ring is live while its address is 8-byte aligned, its size a power of two up to
 * {@link #MAX_RING_ENTRIES} and the whole ring in RAM; otherwise the slot is ignored. Writing
 * either register of a slot starts reading that ring from record 0 again.
 *
 * <p>Reading a ring: the kernel publishes head (records ever written) with a release store after
 * filling the record; drain reads head with acquire and copies the records it has not delivered.
 * Records that fell out of the ring before the copy are counted as lost. When the harts may run
 * during a drain (parallel mode), drain also reads head again after the copy: the kernel writes
 * record j while head is still j, into the slot of record j - entries, so every record the kernel
 * may have been overwriting meanwhile is counted as lost rather than delivered torn. With the
 * harts held (deterministic mode) every slot is intact and a full ring loses nothing. Losses are
 * reported per cpu through {@link TraceListener#onLost} and {@link #lostRecords}.
 *
 * <p>Locking: all state is guarded by {@code this}, and listeners are called with it held so that
 * concurrent drains (the periodic thread and the exit path in parallel mode) deliver each record
 * once and in order. Records go out cpu by cpu, oldest first, so deterministic runs deliver them
 * in a reproducible order.
 */
public final class TraceDevice implements MmioDevice {

    public static final int MAGIC = 0x000;
    public static final int VERSION = 0x004;
    public static final int MAX_CPUS_REG = 0x008;
    public static final int RECORD_SIZE_REG = 0x00c;
    public static final int RING_BASE = 0x100;
    public static final int RING_STRIDE = 16;
    public static final int RING_ADDR = 0x0;
    public static final int RING_SIZE = 0x8;

    public static final int MAGIC_VALUE = 0x4842_5452;
    public static final int MAX_CPUS = 32;
    /** Largest ring accepted (8 MiB of records), so a bad size cannot make drain copy gigabytes. */
    public static final int MAX_RING_ENTRIES = 1 << 18;

    private static final int REGION_SIZE = 0x1000;

    /** Offset of cpu c's RING_ADDR register (TRACEDEV_RING_ADDR(c)). */
    public static int ringAddrRegister(int cpu) {
        return RING_BASE + RING_STRIDE * cpu + RING_ADDR;
    }

    /** Offset of cpu c's RING_SIZE register (TRACEDEV_RING_SIZE(c)). */
    public static int ringSizeRegister(int cpu) {
        return RING_BASE + RING_STRIDE * cpu + RING_SIZE;
    }

    private final GuestMemory ram;
    private final boolean concurrentWriters;
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private final long[] ringAddress = new long[MAX_CPUS];
    private final int[] ringEntries = new int[MAX_CPUS];
    private final boolean[] live = new boolean[MAX_CPUS];
    private final long[] tail = new long[MAX_CPUS]; // next record index to deliver
    private final long[] lost = new long[MAX_CPUS];

    /**
     * @param ram               guest RAM, where the kernel's rings live
     * @param concurrentWriters true when harts may write records while drain runs (parallel mode);
     *                          false when the board drains only with every hart held (deterministic)
     */
    public TraceDevice(GuestMemory ram, boolean concurrentWriters) {
        this.ram = ram;
        this.concurrentWriters = concurrentWriters;
    }

    public void addListener(TraceListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TraceListener listener) {
        listeners.remove(listener);
    }

    /**
     * Power-on state: no ring registered, loss counts zero. Listeners stay attached: they belong
     * to the host, not to the machine's state.
     */
    public synchronized void reset() {
        java.util.Arrays.fill(ringAddress, 0);
        java.util.Arrays.fill(ringEntries, 0);
        java.util.Arrays.fill(live, false);
        java.util.Arrays.fill(tail, 0);
        java.util.Arrays.fill(lost, 0);
    }

    /** True while cpu's registered ring is usable. */
    public synchronized boolean ringLive(int cpu) {
        return live[cpu];
    }

    /** Records of cpu's ring lost to overrun since the machine started. */
    public synchronized long lostRecords(int cpu) {
        return lost[cpu];
    }

    @Override
    public boolean accepts(long offset, int size) {
        return (size == 4 || size == 8) && offset >= 0 && offset + size <= REGION_SIZE && offset % size == 0;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset >= RING_BASE && offset < RING_BASE + RING_STRIDE * MAX_CPUS) {
            int cpu = (int) ((offset - RING_BASE) / RING_STRIDE);
            int reg = (int) ((offset - RING_BASE) % RING_STRIDE);
            return switch (reg) {
                case RING_ADDR -> size == 8 ? ringAddress[cpu] : ringAddress[cpu] & 0xffff_ffffL;
                case RING_ADDR + 4 -> ringAddress[cpu] >>> 32;
                case RING_SIZE -> Integer.toUnsignedLong(ringEntries[cpu]);
                default -> 0;
            };
        }
        return switch ((int) offset) {
            case MAGIC -> MAGIC_VALUE;
            case VERSION -> TraceRecordDecoder.VERSION;
            case MAX_CPUS_REG -> MAX_CPUS;
            case RECORD_SIZE_REG -> TraceRecordDecoder.RECORD_SIZE;
            default -> 0;
        };
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset < RING_BASE || offset >= RING_BASE + RING_STRIDE * MAX_CPUS) {
            return; // the identification registers are read-only
        }
        int cpu = (int) ((offset - RING_BASE) / RING_STRIDE);
        int reg = (int) ((offset - RING_BASE) % RING_STRIDE);
        switch (reg) {
            case RING_ADDR -> ringAddress[cpu] = size == 8 ? value
                    : (ringAddress[cpu] & ~0xffff_ffffL) | (value & 0xffff_ffffL);
            case RING_ADDR + 4 -> ringAddress[cpu] = (ringAddress[cpu] & 0xffff_ffffL) | (value << 32);
            case RING_SIZE -> ringEntries[cpu] = (int) value;
            default -> {
                return;
            }
        }
        tail[cpu] = 0;
        live[cpu] = usable(ringAddress[cpu], ringEntries[cpu]);
    }

    private boolean usable(long address, int entries) {
        if (address == 0 || address % 8 != 0) {
            return false;
        }
        if (entries < 1 || entries > MAX_RING_ENTRIES || Integer.bitCount(entries) != 1) {
            return false;
        }
        return ram.contains(address, TraceRecordDecoder.RING_HEADER_SIZE + (long) entries * TraceRecordDecoder.RECORD_SIZE);
    }

    /**
     * Delivers every record written since the last drain to the listeners, and reports losses.
     *
     * @return the number of records delivered
     */
    public synchronized int drain() {
        int delivered = 0;
        for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
            if (live[cpu]) {
                delivered += drainRing(cpu);
            }
        }
        return delivered;
    }

    private int drainRing(int cpu) {
        long base = ringAddress[cpu];
        long entries = ringEntries[cpu];
        // Indices are unsigned 64-bit counts written by the guest: all arithmetic below is
        // unsigned-safe, so a garbage head costs lost records, never an exception.
        long head = ram.readLongAcquire(base + TraceRecordDecoder.RING_HEAD_OFFSET);
        if (Long.compareUnsigned(head, tail[cpu]) < 0) {
            tail[cpu] = head; // the kernel restarted its ring: nothing old is left to read
            return 0;
        }
        long first = Long.compareUnsigned(head - tail[cpu], entries) > 0 ? head - entries : tail[cpu];
        int count = (int) (head - first); // at most entries
        byte[] copy = new byte[count * TraceRecordDecoder.RECORD_SIZE];
        for (int i = 0; i < count; i++) {
            long slot = (first + i) & (entries - 1);
            ram.read(base + TraceRecordDecoder.RING_HEADER_SIZE + slot * TraceRecordDecoder.RECORD_SIZE, copy,
                    i * TraceRecordDecoder.RECORD_SIZE, TraceRecordDecoder.RECORD_SIZE);
        }
        int torn = 0;
        if (concurrentWriters) {
            // The copies above must be done before head is read again: the check relies on it.
            VarHandle.acquireFence();
            long headAfter = ram.readLongAcquire(base + TraceRecordDecoder.RING_HEAD_OFFSET);
            if (Long.compareUnsigned(headAfter, head) < 0) {
                torn = count; // restarted during the copy: trust nothing of it
            } else {
                // Record j is written while head == j, into the slot of record j - entries: record
                // first + k may have been overwritten during the copy when headAfter - (first + k)
                // >= entries.
                long gap = headAfter - first;
                if (Long.compareUnsigned(gap, entries) >= 0) {
                    long overwritten = gap - entries + 1;
                    torn = Long.compareUnsigned(overwritten, count) >= 0 ? count : (int) overwritten;
                }
            }
        }
        long dropped = first + torn - tail[cpu];
        tail[cpu] = head;
        if (dropped != 0) {
            lost[cpu] += dropped;
            for (TraceListener l : listeners) {
                l.onLost(cpu, dropped);
            }
        }
        for (int k = torn; k < count; k++) {
            TraceRecord r = TraceRecordDecoder.decode(copy, k * TraceRecordDecoder.RECORD_SIZE);
            for (TraceListener l : listeners) {
                l.onRecord(r);
            }
        }
        return count - torn;
    }
}
