package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.testsupport.ByteArrayGuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtioBlockTest {

    private static final long RAM = 0x8000_0000L;
    private static final long DESC = RAM + 0x1000;
    private static final long AVAIL = RAM + 0x2000;
    private static final long USED = RAM + 0x3000;
    private static final long HEADER = RAM + 0x4000;
    private static final long STATUS = RAM + 0x4100;
    private static final long DATA = RAM + 0x10000;
    private static final int QUEUE = 8;
    private static final int SECTORS = 64;

    @TempDir
    Path dir;

    private final ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, 1 << 20);
    private boolean irq;
    private Path image;
    private VirtioBlock dev;
    private int availIndex;

    /** One descriptor the test driver puts in a chain. */
    private record Buf(long address, int length, boolean writable) {
    }

    @BeforeEach
    void setUp() throws IOException {
        image = dir.resolve("disk.img");
        byte[] content = new byte[SECTORS * VirtioBlock.SECTOR_SIZE];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i / VirtioBlock.SECTOR_SIZE + i * 7);
        }
        Files.write(image, content);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (dev != null) {
            dev.close();
        }
    }

    private void open(boolean readOnly) throws IOException {
        dev = new VirtioBlock(ram, high -> irq = high, image, readOnly);
    }

    private long reg(int offset) {
        return dev.read(offset, 4);
    }

    private void set(int offset, long value) {
        dev.write(offset, 4, value);
    }

    private long deviceFeatures() {
        set(VirtioMmio.DEVICE_FEATURES_SEL, 0);
        long low = reg(VirtioMmio.DEVICE_FEATURES);
        set(VirtioMmio.DEVICE_FEATURES_SEL, 1);
        return low | reg(VirtioMmio.DEVICE_FEATURES) << 32;
    }

    /** The driver's side of initialisation (virtio 1.x 3.1.1); returns the status read back. */
    private long negotiate(long features) {
        set(VirtioMmio.STATUS, 0);
        set(VirtioMmio.STATUS, VirtioMmio.STATUS_ACKNOWLEDGE);
        set(VirtioMmio.STATUS, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER);
        set(VirtioMmio.DRIVER_FEATURES_SEL, 0);
        set(VirtioMmio.DRIVER_FEATURES, features & 0xffff_ffffL);
        set(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        set(VirtioMmio.DRIVER_FEATURES, features >>> 32);
        set(VirtioMmio.STATUS, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER | VirtioMmio.STATUS_FEATURES_OK);
        return reg(VirtioMmio.STATUS);
    }

    private void start() {
        long st = negotiate(1L << VirtioBlock.F_VERSION_1);
        assertEquals(VirtioMmio.STATUS_FEATURES_OK, st & VirtioMmio.STATUS_FEATURES_OK);
        set(VirtioMmio.QUEUE_SEL, 0);
        assertEquals(VirtioBlock.QUEUE_SIZE_MAX, reg(VirtioMmio.QUEUE_NUM_MAX));
        set(VirtioMmio.QUEUE_NUM, QUEUE);
        setQueue(DESC, AVAIL, USED);
        set(VirtioMmio.QUEUE_READY, 1);
        set(VirtioMmio.STATUS, st | VirtioMmio.STATUS_DRIVER_OK);
        availIndex = 0;
    }

    private void setQueue(long desc, long avail, long used) {
        set(VirtioMmio.QUEUE_DESC_LOW, desc & 0xffff_ffffL);
        set(VirtioMmio.QUEUE_DESC_HIGH, desc >>> 32);
        set(VirtioMmio.QUEUE_DRIVER_LOW, avail & 0xffff_ffffL);
        set(VirtioMmio.QUEUE_DRIVER_HIGH, avail >>> 32);
        set(VirtioMmio.QUEUE_DEVICE_LOW, used & 0xffff_ffffL);
        set(VirtioMmio.QUEUE_DEVICE_HIGH, used >>> 32);
    }

    /** Writes a chain into descriptors first.., makes it available and notifies. */
    private void submit(int first, Buf... bufs) {
        for (int i = 0; i < bufs.length; i++) {
            long d = DESC + 16L * (first + i);
            ram.writeLong(d, bufs[i].address());
            ram.writeInt(d + 8, bufs[i].length());
            int flags = (bufs[i].writable() ? SplitVirtqueue.DESC_F_WRITE : 0)
                    | (i + 1 < bufs.length ? SplitVirtqueue.DESC_F_NEXT : 0);
            ram.writeShort(d + 12, (short) flags);
            ram.writeShort(d + 14, (short) (first + i + 1));
        }
        ram.writeShort(AVAIL + 4 + 2L * (availIndex % QUEUE), (short) first);
        availIndex++;
        ram.writeShort(AVAIL + 2, (short) availIndex);
        set(VirtioMmio.QUEUE_NOTIFY, 0);
    }

    private void header(int type, long sector) {
        ram.writeInt(HEADER, type);
        ram.writeInt(HEADER + 4, 0);
        ram.writeLong(HEADER + 8, sector);
        ram.write(STATUS, new byte[] { (byte) 0xff }, 0, 1);
    }

    private int usedIndex() {
        return ram.readShort(USED + 2) & 0xffff;
    }

    private int usedLength(int i) {
        return ram.readInt(USED + 4 + 8L * i + 4);
    }

    private int status() {
        return ram.readByte(STATUS) & 0xff;
    }

    private byte[] guest(long address, int length) {
        byte[] b = new byte[length];
        ram.read(address, b, 0, length);
        return b;
    }

    private byte[] sector(long n) throws IOException {
        byte[] all = Files.readAllBytes(image);
        return Arrays.copyOfRange(all, (int) n * 512, (int) n * 512 + 512);
    }

    @Test
    void identifiesAsAModernBlockDevice() throws IOException {
        open(false);
        assertEquals(0x74726976, reg(VirtioMmio.MAGIC));
        assertEquals(2, reg(VirtioMmio.VERSION));
        assertEquals(2, reg(VirtioMmio.DEVICE_ID));
        assertEquals(0x554d4551, reg(VirtioMmio.VENDOR_ID));
        assertEquals(SECTORS, dev.read(VirtioMmio.CONFIG, 8), "capacity, 64-bit read");
        assertEquals(SECTORS, dev.read(VirtioMmio.CONFIG, 4), "capacity, low half");
        assertEquals(0, dev.read(VirtioMmio.CONFIG + 4, 4), "capacity, high half");
        assertEquals(512, dev.read(VirtioMmio.CONFIG + 20, 4), "blk_size");
        long f = deviceFeatures();
        assertTrue((f & 1L << VirtioBlock.F_VERSION_1) != 0);
        assertTrue((f & 1L << VirtioBlock.F_FLUSH) != 0);
        assertEquals(0, f & 1L << VirtioBlock.F_RO);
    }

    @Test
    void readOnlyDiskOffersRo() throws IOException {
        open(true);
        assertTrue((deviceFeatures() & 1L << VirtioBlock.F_RO) != 0);
    }

    @Test
    void featuresOkNeedsVersion1AndOnlyOfferedBits() throws IOException {
        open(false);
        assertEquals(0, negotiate(0) & VirtioMmio.STATUS_FEATURES_OK, "a legacy-only driver is refused");
        assertEquals(0, negotiate(1L << VirtioBlock.F_VERSION_1 | 1L << 28) & VirtioMmio.STATUS_FEATURES_OK,
                "indirect descriptors were not offered");
        assertEquals(VirtioMmio.STATUS_FEATURES_OK,
                negotiate(1L << VirtioBlock.F_VERSION_1 | 1L << VirtioBlock.F_FLUSH) & VirtioMmio.STATUS_FEATURES_OK);
    }

    @Test
    void readsASector() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_IN, 3);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 512, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_OK, status());
        assertArrayEquals(sector(3), guest(DATA, 512));
        assertEquals(1, usedIndex());
        assertEquals(0, ram.readInt(USED + 4), "used id is the chain head");
        assertEquals(513, usedLength(0));
        assertTrue(irq);
        assertEquals(VirtioMmio.INT_USED_BUFFER, reg(VirtioMmio.INTERRUPT_STATUS));
        set(VirtioMmio.INTERRUPT_ACK, VirtioMmio.INT_USED_BUFFER);
        assertFalse(irq);
    }

    @Test
    void requestFramingMayBeSplitAnywhere() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_IN, 5);
        // header in two pieces, data in three, status alone
        submit(2, new Buf(HEADER, 4, false), new Buf(HEADER + 4, 12, false), new Buf(DATA, 100, true),
                new Buf(DATA + 100, 400, true), new Buf(DATA + 500, 12, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_OK, status());
        assertArrayEquals(sector(5), guest(DATA, 512));
    }

    @Test
    void writesASectorToTheFile() throws IOException {
        open(false);
        start();
        byte[] data = new byte[1024];
        Arrays.fill(data, (byte) 0x5a);
        ram.write(DATA, data, 0, data.length);
        header(VirtioBlock.T_OUT, 10);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 1024, false), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_OK, status());
        assertEquals(1, usedLength(0));
        assertArrayEquals(Arrays.copyOf(data, 512), sector(10));
        assertArrayEquals(Arrays.copyOf(data, 512), sector(11));
        header(VirtioBlock.T_FLUSH, 0);
        submit(3, new Buf(HEADER, 16, false), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_OK, status());
        assertEquals(2, usedIndex());
    }

    @Test
    void writesToAReadOnlyDiskFailWithIoErr() throws IOException {
        open(true);
        start();
        byte[] before = Files.readAllBytes(image);
        header(VirtioBlock.T_OUT, 0);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 512, false), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_IOERR, status());
        assertArrayEquals(before, Files.readAllBytes(image));
        assertEquals(1, usedIndex(), "the request still completes");
    }

    @Test
    void outOfRangeAndPartialSectorTransfersFailWithIoErr() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_IN, SECTORS - 1);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 1024, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_IOERR, status(), "runs past the end");
        header(VirtioBlock.T_IN, 0);
        submit(3, new Buf(HEADER, 16, false), new Buf(DATA, 100, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_IOERR, status(), "not whole sectors");
        header(VirtioBlock.T_IN, -1);
        submit(5, new Buf(HEADER, 16, false), new Buf(DATA, 512, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_IOERR, status(), "sector 2^64-1");
        assertEquals(3, usedIndex());
        assertNull(dev.needsResetReason());
    }

    @Test
    void getIdAndUnknownTypes() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_GET_ID, 0);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 20, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_OK, status());
        assertEquals(VirtioBlock.ID, new String(guest(DATA, VirtioBlock.ID.length()), StandardCharsets.US_ASCII));
        assertEquals(21, usedLength(0));
        header(11, 0); // DISCARD, not offered
        submit(3, new Buf(HEADER, 16, false), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_UNSUPP, status());
    }

    @Test
    void nothingIsServedBeforeDriverOk() throws IOException {
        open(false);
        negotiate(1L << VirtioBlock.F_VERSION_1);
        set(VirtioMmio.QUEUE_NUM, QUEUE);
        setQueue(DESC, AVAIL, USED);
        set(VirtioMmio.QUEUE_READY, 1);
        header(VirtioBlock.T_IN, 0);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 512, true), new Buf(STATUS, 1, true));
        assertEquals(0, usedIndex());
        assertEquals(0xff, status());
    }

    @Test
    void noInterruptFlagSuppressesTheUsedBufferInterrupt() throws IOException {
        open(false);
        start();
        ram.writeShort(AVAIL, (short) SplitVirtqueue.AVAIL_F_NO_INTERRUPT);
        header(VirtioBlock.T_IN, 0);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 512, true), new Buf(STATUS, 1, true));
        assertEquals(1, usedIndex());
        assertFalse(irq);
    }

    private void assertNeedsReset(String reasonFragment) {
        assertEquals(VirtioMmio.STATUS_DEVICE_NEEDS_RESET, reg(VirtioMmio.STATUS) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
        assertTrue(dev.needsResetReason().contains(reasonFragment), dev.needsResetReason());
        assertEquals(VirtioMmio.INT_CONFIG_CHANGE, reg(VirtioMmio.INTERRUPT_STATUS) & VirtioMmio.INT_CONFIG_CHANGE);
        assertTrue(irq);
    }

    @Test
    void descriptorLoopNeedsReset() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_IN, 0);
        ram.writeLong(DESC, HEADER);
        ram.writeInt(DESC + 8, 16);
        ram.writeShort(DESC + 12, (short) SplitVirtqueue.DESC_F_NEXT);
        ram.writeShort(DESC + 14, (short) 0); // links to itself
        ram.writeShort(AVAIL + 4, (short) 0);
        ram.writeShort(AVAIL + 2, (short) 1);
        set(VirtioMmio.QUEUE_NOTIFY, 0);
        assertNeedsReset("loop");
        assertEquals(0, usedIndex());
    }

    @Test
    void bufferOutsideRamNeedsReset() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_IN, 0);
        submit(0, new Buf(HEADER, 16, false), new Buf(RAM + (1 << 20) - 256, 512, true), new Buf(STATUS, 1, true));
        assertNeedsReset("not in RAM");
        assertEquals(0xff, status(), "nothing was written");
    }

    @Test
    void queueOutsideRamNeedsResetAndResetRecovers() throws IOException {
        open(false);
        start();
        set(VirtioMmio.STATUS, 0);
        long st = negotiate(1L << VirtioBlock.F_VERSION_1);
        set(VirtioMmio.QUEUE_NUM, QUEUE);
        setQueue(0x1000, AVAIL, USED); // descriptors below RAM
        set(VirtioMmio.QUEUE_READY, 1);
        set(VirtioMmio.STATUS, st | VirtioMmio.STATUS_DRIVER_OK);
        set(VirtioMmio.QUEUE_NOTIFY, 0);
        assertNeedsReset("descriptor table");

        set(VirtioMmio.STATUS, 0);
        assertEquals(0, reg(VirtioMmio.STATUS));
        assertFalse(irq, "reset clears the interrupt");
        start();
        ram.writeShort(AVAIL + 2, (short) 0);
        header(VirtioBlock.T_IN, 1);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 512, true), new Buf(STATUS, 1, true));
        assertEquals(VirtioBlock.S_OK, status());
        assertArrayEquals(sector(1), guest(DATA, 512));
    }

    @Test
    void malformedRequestsNeedReset() throws IOException {
        open(false);
        start();
        submit(0, new Buf(HEADER, 8, false), new Buf(STATUS, 1, true));
        assertNeedsReset("header");
    }

    @Test
    void readableAfterWritableNeedsReset() throws IOException {
        open(false);
        start();
        header(VirtioBlock.T_IN, 0);
        submit(0, new Buf(HEADER, 16, false), new Buf(DATA, 512, true), new Buf(DATA + 512, 16, false),
                new Buf(STATUS, 1, true));
        assertNeedsReset("readable after");
    }

    @Test
    void driverIndexFarAheadNeedsReset() throws IOException {
        open(false);
        start();
        ram.writeShort(AVAIL + 2, (short) (QUEUE + 1));
        set(VirtioMmio.QUEUE_NOTIFY, 0);
        assertNeedsReset("ahead");
    }

    @Test
    void badQueueSizeNeedsReset() throws IOException {
        open(false);
        set(VirtioMmio.QUEUE_NUM, 3);
        long st = negotiate(1L << VirtioBlock.F_VERSION_1);
        set(VirtioMmio.QUEUE_NUM, 3);
        setQueue(DESC, AVAIL, USED);
        set(VirtioMmio.QUEUE_READY, 1);
        set(VirtioMmio.STATUS, st | VirtioMmio.STATUS_DRIVER_OK);
        set(VirtioMmio.QUEUE_NOTIFY, 0);
        assertNeedsReset("power of two");
    }

    @Test
    void garbageRegisterWritesAreHarmless() throws IOException {
        open(false);
        for (int off = 0; off < 0x100; off += 4) {
            dev.write(off, 4, 0xffff_ffffL);
        }
        for (int off = 0; off < 0x100; off += 4) {
            dev.read(off, 4);
        }
        assertEquals(VirtioMmio.MAGIC_VALUE, reg(VirtioMmio.MAGIC));
        assertFalse(dev.accepts(0x10, 8), "control registers are 32-bit only");
        assertFalse(dev.accepts(0x11, 1));
        assertTrue(dev.accepts(0x100, 8));
        assertFalse(dev.accepts(0x100 + 24, 1), "past the configuration space");
    }

    @Test
    void missingFileIsAClearIoException() {
        Path missing = dir.resolve("nope.img");
        IOException e = assertThrows(IOException.class, () -> new VirtioBlock(ram, null, missing, false));
        assertEquals("no such file: " + missing, e.getMessage());
    }

    @Test
    void emptySlotSaysNoDevice() {
        MmioDevice slot = VirtioMmio.emptySlot();
        assertEquals(VirtioMmio.MAGIC_VALUE, slot.read(VirtioMmio.MAGIC, 4));
        assertEquals(2, slot.read(VirtioMmio.VERSION, 4));
        assertEquals(0, slot.read(VirtioMmio.DEVICE_ID, 4));
        slot.write(VirtioMmio.STATUS, 4, 1);
        assertEquals(0, slot.read(VirtioMmio.STATUS, 4));
    }
}
