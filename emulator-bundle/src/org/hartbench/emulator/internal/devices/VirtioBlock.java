package org.hartbench.emulator.internal.devices;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.hartbench.emulator.internal.bus.GuestMemory;
import org.hartbench.emulator.internal.bus.InterruptLine;
import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.internal.devices.SplitVirtqueue.Chain;
import org.hartbench.emulator.internal.devices.SplitVirtqueue.MalformedQueueException;

/**
 * A virtio block device on the virtio-mmio transport, version 2 (virtio 1.x; what QEMU gives with
 * {@code -global virtio-mmio.force-legacy=false}), backed by a host file.
 *
 * <p>Transport contract: the registers of {@link VirtioMmio}, 32-bit accesses below 0x100 and
 * 8- to 64-bit accesses to the configuration space above it. One request queue (queue 0) of up to
 * {@link #QUEUE_SIZE_MAX} entries. Offered features: VIRTIO_F_VERSION_1, SEG_MAX, BLK_SIZE, FLUSH
 * and, for a read-only disk, RO. FEATURES_OK sticks only if the driver accepted VERSION_1 and
 * nothing that was not offered.
 *
 * <p>Requests (header {type u32, reserved u32, sector u64}, data, one status byte) are served
 * synchronously when the driver writes QueueNotify, on the writing hart's thread, so a
 * deterministic run stays deterministic: IN, OUT, FLUSH and GET_ID. Data lengths must be whole
 * 512-byte sectors inside the disk; anything else, a write to a read-only disk, or a host I/O
 * error completes with VIRTIO_BLK_S_IOERR; unknown types with VIRTIO_BLK_S_UNSUPP. A broken
 * virtqueue (areas or buffers outside RAM, descriptor loops, bad indices, a request with no
 * header or status byte) does not throw: the device sets DEVICE_NEEDS_RESET, raises a
 * configuration-change interrupt and serves nothing until the driver resets it.
 *
 * <p>Locking: all state is guarded by {@code this}; the interrupt line is driven with the lock
 * held (lock order: device, then PLIC).
 */
public final class VirtioBlock implements MmioDevice, Closeable {

    public static final int DEVICE_ID_BLOCK = 2;
    public static final int QUEUE_SIZE_MAX = 256;
    public static final int SECTOR_SIZE = 512;

    public static final int F_SEG_MAX = 2;
    public static final int F_RO = 5;
    public static final int F_BLK_SIZE = 6;
    public static final int F_FLUSH = 9;
    public static final int F_VERSION_1 = 32;

    public static final int T_IN = 0;
    public static final int T_OUT = 1;
    public static final int T_FLUSH = 4;
    public static final int T_GET_ID = 8;

    public static final int S_OK = 0;
    public static final int S_IOERR = 1;
    public static final int S_UNSUPP = 2;

    /** Bytes GET_ID returns at most (VIRTIO_BLK_ID_BYTES); the string is zero-padded. */
    public static final int ID_BYTES = 20;
    public static final String ID = "hartbench-disk";

    /** Configuration space: capacity u64 @0, size_max u32 @8, seg_max u32 @12, geometry @16, blk_size u32 @20. */
    private static final int CONFIG_SIZE = 24;

    private static final int HEADER_SIZE = 16;
    private static final int COPY_CHUNK = 64 * 1024;

    private final GuestMemory ram;
    private final InterruptLine irq;
    private final Path file;
    private final boolean readOnly;
    /** The open image. Guarded by this; replaced when a machine reset reopens a closed image. */
    private FileChannel disk;
    private final long capacitySectors;
    private final long deviceFeatures;
    private final byte[] config = new byte[CONFIG_SIZE];

    // Guarded by this.
    private final SplitVirtqueue queue = new SplitVirtqueue(QUEUE_SIZE_MAX);
    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private long driverFeatures;
    private int queueSel;
    private int status;
    private boolean needsReset;
    private String needsResetReason;
    private int interruptStatus;
    private boolean lineHigh;

    /**
     * Opens the backing file: read and write, or read only when asked (then the guest's writes
     * fail with IOERR and the RO feature is offered).
     *
     * @param ram      guest RAM, where the virtqueue and buffers live
     * @param irq      the device's interrupt wire (PLIC source 1 on the virt board)
     * @param file     the disk image; its size, rounded down to whole sectors, is the capacity
     * @param readOnly open read-only
     * @throws IOException "no such file: PATH" when it does not exist, or the host's reason
     */
    public VirtioBlock(GuestMemory ram, InterruptLine irq, Path file, boolean readOnly) throws IOException {
        if (!Files.exists(file)) {
            throw new FileNotFoundException("no such file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("disk image is not a regular file: " + file);
        }
        this.ram = ram;
        this.irq = irq == null ? InterruptLine.NONE : irq;
        this.file = file;
        this.readOnly = readOnly;
        this.disk = open(file, readOnly);
        this.capacitySectors = disk.size() / SECTOR_SIZE;
        this.deviceFeatures = bit(F_VERSION_1) | bit(F_SEG_MAX) | bit(F_BLK_SIZE) | bit(F_FLUSH)
                | (readOnly ? bit(F_RO) : 0);
        ByteBuffer c = ByteBuffer.wrap(config).order(ByteOrder.LITTLE_ENDIAN);
        c.putLong(0, capacitySectors);
        c.putInt(12, QUEUE_SIZE_MAX - 2); // seg_max: the header and status take two descriptors
        c.putInt(20, SECTOR_SIZE);
    }

    private static FileChannel open(Path file, boolean readOnly) throws IOException {
        return readOnly ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static long bit(int n) {
        return 1L << n;
    }

    public long capacitySectors() {
        return capacitySectors;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Why the device asked for a reset, or null while it is healthy. For logs and tests. */
    public synchronized String needsResetReason() {
        return needsResetReason;
    }

    /** Closes the image; the board does so when the machine ends. */
    @Override
    public synchronized void close() throws IOException {
        disk.close();
    }

    /**
     * Machine reset: the device's power-on state (as a driver's write of 0 to Status gives),
     * interrupt line low, and the image opened again if the end of the last run closed it. The
     * capacity stays what it was when the machine was built.
     *
     * @throws IOException when the image cannot be opened again (moved, deleted, no permission)
     */
    public synchronized void powerOnReset() throws IOException {
        resetDevice();
        updateInterrupt();
        if (!disk.isOpen()) {
            try {
                disk = open(file, readOnly);
            } catch (IOException e) {
                throw new IOException("cannot reopen disk image " + file + ": " + e, e);
            }
        }
    }

    @Override
    public boolean accepts(long offset, int size) {
        return VirtioMmio.accepts(offset, size, CONFIG_SIZE);
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset >= VirtioMmio.CONFIG) {
            return VirtioMmio.readConfig(config, (int) (offset - VirtioMmio.CONFIG), size);
        }
        return switch ((int) offset) {
            case VirtioMmio.MAGIC -> VirtioMmio.MAGIC_VALUE;
            case VirtioMmio.VERSION -> VirtioMmio.VERSION_MODERN;
            case VirtioMmio.DEVICE_ID -> DEVICE_ID_BLOCK;
            case VirtioMmio.VENDOR_ID -> VirtioMmio.VENDOR_QEMU;
            case VirtioMmio.DEVICE_FEATURES -> deviceFeaturesSel < 2 ? (deviceFeatures >>> (32 * deviceFeaturesSel)) & 0xffff_ffffL : 0;
            case VirtioMmio.QUEUE_NUM_MAX -> queueSel == 0 ? queue.maxSize() : 0;
            case VirtioMmio.QUEUE_READY -> queueSel == 0 && queue.ready() ? 1 : 0;
            case VirtioMmio.INTERRUPT_STATUS -> interruptStatus;
            case VirtioMmio.STATUS -> status | (needsReset ? VirtioMmio.STATUS_DEVICE_NEEDS_RESET : 0);
            case VirtioMmio.QUEUE_NUM -> queueSel == 0 ? queue.size() : 0;
            case VirtioMmio.QUEUE_DESC_LOW -> queueSel == 0 ? queue.descAddress() & 0xffff_ffffL : 0;
            case VirtioMmio.QUEUE_DESC_HIGH -> queueSel == 0 ? queue.descAddress() >>> 32 : 0;
            case VirtioMmio.QUEUE_DRIVER_LOW -> queueSel == 0 ? queue.driverAddress() & 0xffff_ffffL : 0;
            case VirtioMmio.QUEUE_DRIVER_HIGH -> queueSel == 0 ? queue.driverAddress() >>> 32 : 0;
            case VirtioMmio.QUEUE_DEVICE_LOW -> queueSel == 0 ? queue.deviceAddress() & 0xffff_ffffL : 0;
            case VirtioMmio.QUEUE_DEVICE_HIGH -> queueSel == 0 ? queue.deviceAddress() >>> 32 : 0;
            case VirtioMmio.CONFIG_GENERATION -> 0; // the configuration never changes
            default -> 0;
        };
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset >= VirtioMmio.CONFIG) {
            return; // no writable configuration field is offered
        }
        int v = (int) value;
        switch ((int) offset) {
            case VirtioMmio.DEVICE_FEATURES_SEL -> deviceFeaturesSel = v;
            case VirtioMmio.DRIVER_FEATURES -> {
                if ((status & VirtioMmio.STATUS_FEATURES_OK) == 0 && (driverFeaturesSel == 0 || driverFeaturesSel == 1)) {
                    int shift = 32 * driverFeaturesSel;
                    driverFeatures = (driverFeatures & ~(0xffff_ffffL << shift)) | (Integer.toUnsignedLong(v) << shift);
                }
            }
            case VirtioMmio.DRIVER_FEATURES_SEL -> driverFeaturesSel = v;
            case VirtioMmio.QUEUE_SEL -> queueSel = v;
            case VirtioMmio.QUEUE_NUM -> {
                if (queueSel == 0 && !queue.ready()) {
                    queue.setSize(v);
                }
            }
            case VirtioMmio.QUEUE_READY -> {
                if (queueSel == 0) {
                    queue.setReady((v & 1) != 0);
                }
            }
            case VirtioMmio.QUEUE_NOTIFY -> {
                if (v == 0) {
                    serveQueue();
                }
            }
            case VirtioMmio.INTERRUPT_ACK -> interruptStatus &= ~v;
            case VirtioMmio.STATUS -> writeStatus(v & 0xff);
            case VirtioMmio.QUEUE_DESC_LOW -> setQueueAddress(0, false, v);
            case VirtioMmio.QUEUE_DESC_HIGH -> setQueueAddress(0, true, v);
            case VirtioMmio.QUEUE_DRIVER_LOW -> setQueueAddress(1, false, v);
            case VirtioMmio.QUEUE_DRIVER_HIGH -> setQueueAddress(1, true, v);
            case VirtioMmio.QUEUE_DEVICE_LOW -> setQueueAddress(2, false, v);
            case VirtioMmio.QUEUE_DEVICE_HIGH -> setQueueAddress(2, true, v);
            default -> {
                // read-only or unassigned: ignored
            }
        }
        updateInterrupt();
    }

    /** area 0: descriptors, 1: driver area, 2: device area. Ignored once the queue is ready. */
    private void setQueueAddress(int area, boolean high, int v) {
        if (queueSel != 0 || queue.ready()) {
            return;
        }
        long old = switch (area) {
            case 0 -> queue.descAddress();
            case 1 -> queue.driverAddress();
            default -> queue.deviceAddress();
        };
        long updated = high ? (old & 0xffff_ffffL) | ((long) v << 32) : (old & ~0xffff_ffffL) | Integer.toUnsignedLong(v);
        switch (area) {
            case 0 -> queue.setDescAddress(updated);
            case 1 -> queue.setDriverAddress(updated);
            default -> queue.setDeviceAddress(updated);
        }
    }

    private void writeStatus(int v) {
        if (v == 0) {
            resetDevice();
            return;
        }
        boolean featuresOkNow = (v & VirtioMmio.STATUS_FEATURES_OK) != 0 && (status & VirtioMmio.STATUS_FEATURES_OK) == 0;
        if (featuresOkNow && !acceptableFeatures()) {
            v &= ~VirtioMmio.STATUS_FEATURES_OK; // the driver reads it back and gives up
        }
        status = v & ~VirtioMmio.STATUS_DEVICE_NEEDS_RESET;
    }

    private boolean acceptableFeatures() {
        return (driverFeatures & bit(F_VERSION_1)) != 0 && (driverFeatures & ~deviceFeatures) == 0;
    }

    /** The driver's device reset (Status written 0). */
    private void resetDevice() {
        queue.reset();
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        driverFeatures = 0;
        queueSel = 0;
        status = 0;
        needsReset = false;
        needsResetReason = null;
        interruptStatus = 0;
    }

    private void serveQueue() {
        if (needsReset || (status & VirtioMmio.STATUS_DRIVER_OK) == 0 || !queue.ready()) {
            return;
        }
        boolean served = false;
        try {
            queue.checkLayout(ram);
            for (int head = queue.nextAvailable(ram); head >= 0; head = queue.nextAvailable(ram)) {
                Chain chain = queue.readChain(ram, head);
                queue.putUsed(ram, head, serve(chain));
                served = true;
            }
        } catch (MalformedQueueException e) {
            needsReset = true;
            needsResetReason = e.getMessage();
            interruptStatus |= VirtioMmio.INT_CONFIG_CHANGE;
        }
        if (served && !queue.interruptSuppressed(ram)) {
            interruptStatus |= VirtioMmio.INT_USED_BUFFER;
        }
    }

    /** Serves one request and returns the number of bytes written into the guest's buffers. */
    private int serve(Chain chain) throws MalformedQueueException {
        long readable = chain.readableBytes();
        long writable = chain.writableBytes();
        if (readable < HEADER_SIZE || writable < 1) {
            throw new MalformedQueueException("request " + chain.head() + " lacks a " + HEADER_SIZE
                    + "-byte header or a status byte");
        }
        byte[] header = new byte[HEADER_SIZE];
        chain.copyFromReadable(ram, 0, header, 0, HEADER_SIZE);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = h.getInt(0);
        long sector = h.getLong(8);
        long dataIn = writable - 1;
        long dataOut = readable - HEADER_SIZE;
        int st;
        int written = 1;
        switch (type) {
            case T_IN -> {
                st = transfer(chain, sector, dataIn, true);
                if (st == S_OK) {
                    written += (int) dataIn;
                }
            }
            case T_OUT -> st = readOnly ? S_IOERR : transfer(chain, sector, dataOut, false);
            case T_FLUSH -> st = flush();
            case T_GET_ID -> {
                byte[] id = new byte[ID_BYTES];
                byte[] text = ID.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, id, 0, Math.min(text.length, ID_BYTES));
                int n = (int) Math.min(ID_BYTES, dataIn);
                chain.copyToWritable(ram, 0, id, 0, n);
                written += n;
                st = S_OK;
            }
            default -> st = S_UNSUPP;
        }
        chain.copyToWritable(ram, writable - 1, new byte[] { (byte) st }, 0, 1);
        return written;
    }

    private boolean inDisk(long sector, long bytes) {
        if (bytes % SECTOR_SIZE != 0 || sector < 0 || sector > capacitySectors) {
            return false;
        }
        return bytes / SECTOR_SIZE <= capacitySectors - sector;
    }

    /**
     * Moves whole sectors between the disk and the request's data buffers, in bounded chunks:
     * into the writable buffers for IN, out of the readable ones (after the header) for OUT.
     */
    private int transfer(Chain chain, long sector, long bytes, boolean toGuest) {
        if (!inDisk(sector, bytes)) {
            return S_IOERR;
        }
        try {
            byte[] buf = new byte[(int) Math.min(COPY_CHUNK, Math.max(bytes, 1))];
            for (long done = 0; done < bytes;) {
                int n = (int) Math.min(buf.length, bytes - done);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                long at = sector * SECTOR_SIZE + done;
                if (toGuest) {
                    while (bb.hasRemaining()) {
                        if (disk.read(bb, at + bb.position()) < 0) {
                            return S_IOERR; // the file shrank under us
                        }
                    }
                    chain.copyToWritable(ram, done, buf, 0, n);
                } else {
                    chain.copyFromReadable(ram, HEADER_SIZE + done, buf, 0, n);
                    while (bb.hasRemaining()) {
                        disk.write(bb, at + bb.position());
                    }
                }
                done += n;
            }
            return S_OK;
        } catch (IOException e) {
            return S_IOERR;
        }
    }

    private int flush() {
        if (readOnly) {
            return S_OK;
        }
        try {
            disk.force(false);
            return S_OK;
        } catch (IOException e) {
            return S_IOERR;
        }
    }

    private void updateInterrupt() {
        boolean high = interruptStatus != 0;
        if (high != lineHigh) {
            lineHigh = high;
            irq.setLevel(high);
        }
    }
}
