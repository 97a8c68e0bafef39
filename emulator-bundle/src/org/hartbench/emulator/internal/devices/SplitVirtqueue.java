package org.hartbench.emulator.internal.devices;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.internal.bus.GuestMemory;

/**
 * The device's side of one split virtqueue (virtio 1.x, section "Split Virtqueues") in guest RAM:
 * <pre>
 *   descriptor table  num x 16 bytes: addr u64, len u32, flags u16 (NEXT 1, WRITE 2, INDIRECT 4), next u16
 *   driver area       flags u16 (bit 0: no interrupt), idx u16, ring[num] u16
 *   device area       flags u16, idx u16, ring[num] { id u32, len u32 }
 * </pre>
 * Everything the driver controls is checked before use: the queue size, the areas' alignment and
 * place in RAM, descriptor indices, buffer ranges, chain length (a chain longer than the queue is
 * a loop) and a device-readable buffer after a device-writable one. A violation raises
 * {@link MalformedQueueException}, which the transport turns into DEVICE_NEEDS_RESET.
 *
 * <p>Not thread-safe: the owning device guards it with its own lock.
 */
final class SplitVirtqueue {

    static final int DESC_F_NEXT = 1;
    static final int DESC_F_WRITE = 2;
    static final int DESC_F_INDIRECT = 4;
    static final int AVAIL_F_NO_INTERRUPT = 1;

    private static final int DESC_SIZE = 16;

    /** The driver broke the virtqueue contract; the message says how. */
    static final class MalformedQueueException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedQueueException(String message) {
            super(message);
        }
    }

    /** One guest buffer of a descriptor chain. */
    record Buffer(long address, int length) {
    }

    /** A request: the device-readable buffers, then the device-writable ones. */
    record Chain(int head, List<Buffer> readable, List<Buffer> writable) {

        long readableBytes() {
            return total(readable);
        }

        long writableBytes() {
            return total(writable);
        }

        private static long total(List<Buffer> buffers) {
            long sum = 0;
            for (Buffer b : buffers) {
                sum += Integer.toUnsignedLong(b.length());
            }
            return sum;
        }

        /** Copies len bytes starting at byte pos of the readable buffers, taken as one stream. */
        void copyFromReadable(GuestMemory ram, long pos, byte[] dst, int off, int len) {
            copy(ram, readable, pos, dst, off, len, false);
        }

        /** Copies len bytes into the writable buffers, taken as one stream, starting at byte pos. */
        void copyToWritable(GuestMemory ram, long pos, byte[] src, int off, int len) {
            copy(ram, writable, pos, src, off, len, true);
        }

        private static void copy(GuestMemory ram, List<Buffer> buffers, long pos, byte[] data, int off, int len,
                boolean toGuest) {
            long skip = pos;
            for (Buffer b : buffers) {
                long size = Integer.toUnsignedLong(b.length());
                if (skip >= size) {
                    skip -= size;
                    continue;
                }
                int n = (int) Math.min(size - skip, len);
                boolean ok = toGuest ? ram.write(b.address() + skip, data, off, n)
                        : ram.read(b.address() + skip, data, off, n);
                if (!ok) {
                    throw new IllegalStateException("buffer checked in RAM but not copyable at 0x"
                            + Long.toHexString(b.address()));
                }
                off += n;
                len -= n;
                skip = 0;
                if (len == 0) {
                    return;
                }
            }
            if (len > 0) {
                throw new IllegalArgumentException("copy runs past the chain's buffers");
            }
        }
    }

    private final int maxSize;

    private int size;
    private boolean ready;
    private long descAddress;
    private long driverAddress;
    private long deviceAddress;
    private int lastAvailIndex; // u16: the next driver-ring slot the device consumes
    private int usedIndex; // u16: the device ring's idx; the device's own count, never read back from RAM

    SplitVirtqueue(int maxSize) {
        this.maxSize = maxSize;
        reset();
    }

    void reset() {
        size = maxSize;
        ready = false;
        descAddress = 0;
        driverAddress = 0;
        deviceAddress = 0;
        lastAvailIndex = 0;
        usedIndex = 0;
    }

    int maxSize() {
        return maxSize;
    }

    int size() {
        return size;
    }

    void setSize(int n) {
        size = n;
    }

    boolean ready() {
        return ready;
    }

    void setReady(boolean on) {
        ready = on;
    }

    long descAddress() {
        return descAddress;
    }

    long driverAddress() {
        return driverAddress;
    }

    long deviceAddress() {
        return deviceAddress;
    }

    void setDescAddress(long a) {
        descAddress = a;
    }

    void setDriverAddress(long a) {
        driverAddress = a;
    }

    void setDeviceAddress(long a) {
        deviceAddress = a;
    }

    /** Checks the layout the driver configured; called before each use, as it is guest-controlled. */
    void checkLayout(GuestMemory ram) throws MalformedQueueException {
        if (size < 1 || size > maxSize || Integer.bitCount(size) != 1) {
            throw new MalformedQueueException("queue size " + size + " is not a power of two up to " + maxSize);
        }
        checkArea(ram, "descriptor table", descAddress, 16, (long) DESC_SIZE * size);
        checkArea(ram, "driver area", driverAddress, 2, 6 + 2L * size);
        checkArea(ram, "device area", deviceAddress, 4, 6 + 8L * size);
    }

    private static void checkArea(GuestMemory ram, String what, long address, int alignment, long length)
            throws MalformedQueueException {
        if (address % alignment != 0) {
            throw new MalformedQueueException(what + " at 0x" + Long.toHexString(address) + " is not "
                    + alignment + "-byte aligned");
        }
        if (!ram.contains(address, length)) {
            throw new MalformedQueueException(what + " at 0x" + Long.toHexString(address) + " (" + length
                    + " bytes) is not in RAM");
        }
    }

    /** The head of the next chain the driver made available, or -1 when there is none. */
    int nextAvailable(GuestMemory ram) throws MalformedQueueException {
        int availIndex = ram.readShort(driverAddress + 2) & 0xffff;
        // The idx read above must not be reordered with the ring and descriptor reads that follow.
        VarHandle.acquireFence();
        int outstanding = (availIndex - lastAvailIndex) & 0xffff;
        if (outstanding == 0) {
            return -1;
        }
        if (outstanding > size) {
            throw new MalformedQueueException("driver index " + availIndex + " is " + outstanding
                    + " ahead of the device, more than the queue size " + size);
        }
        int head = ram.readShort(driverAddress + 4 + 2L * (lastAvailIndex % size)) & 0xffff;
        lastAvailIndex = (lastAvailIndex + 1) & 0xffff;
        if (head >= size) {
            throw new MalformedQueueException("driver ring names descriptor " + head + " of " + size);
        }
        return head;
    }

    /** Walks the chain that starts at head, checking every descriptor. */
    Chain readChain(GuestMemory ram, int head) throws MalformedQueueException {
        List<Buffer> readable = new ArrayList<>();
        List<Buffer> writable = new ArrayList<>();
        int index = head;
        for (int count = 0;; count++) {
            if (count == size) {
                throw new MalformedQueueException("descriptor chain from " + head + " is longer than the queue (a loop)");
            }
            long d = descAddress + (long) DESC_SIZE * index;
            long address = ram.readLong(d);
            int length = ram.readInt(d + 8);
            int flags = ram.readShort(d + 12) & 0xffff;
            int next = ram.readShort(d + 14) & 0xffff;
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw new MalformedQueueException("descriptor " + index + " is indirect, a feature not offered");
            }
            if (!ram.contains(address, Integer.toUnsignedLong(length))) {
                throw new MalformedQueueException("descriptor " + index + " buffer at 0x" + Long.toHexString(address)
                        + " (" + Integer.toUnsignedString(length) + " bytes) is not in RAM");
            }
            if ((flags & DESC_F_WRITE) != 0) {
                writable.add(new Buffer(address, length));
            } else if (!writable.isEmpty()) {
                throw new MalformedQueueException("descriptor " + index + " is device-readable after a writable one");
            } else {
                readable.add(new Buffer(address, length));
            }
            if ((flags & DESC_F_NEXT) == 0) {
                return new Chain(head, readable, writable);
            }
            if (next >= size) {
                throw new MalformedQueueException("descriptor " + index + " links to " + next + " of " + size);
            }
            index = next;
        }
    }

    /** Returns a chain to the driver: a device-ring entry, then the index published with release. */
    void putUsed(GuestMemory ram, int head, int bytesWritten) {
        long entry = deviceAddress + 4 + 8L * (usedIndex % size);
        ram.writeInt(entry, head);
        ram.writeInt(entry + 4, bytesWritten);
        usedIndex = (usedIndex + 1) & 0xffff;
        ram.writeShortRelease(deviceAddress + 2, (short) usedIndex);
    }

    /** True when the driver asked for no interrupt on used buffers (VIRTQ_AVAIL_F_NO_INTERRUPT). */
    boolean interruptSuppressed(GuestMemory ram) {
        return (ram.readShort(driverAddress) & AVAIL_F_NO_INTERRUPT) != 0;
    }
}
