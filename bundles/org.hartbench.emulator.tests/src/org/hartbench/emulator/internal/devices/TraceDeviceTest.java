package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.testsupport.ByteArrayGuestMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceDeviceTest {

    private static final long RAM = 0x8000_0000L;
    private static final long RING0 = RAM + 0x1_0000;
    private static final long RING1 = RAM + 0x2_0000;

    private final ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, 1 << 20);
    private final TraceDevice dev = new TraceDevice(ram, false);
    private final List<TraceRecord> records = new ArrayList<>();
    private final List<long[]> losses = new ArrayList<>();

    @BeforeEach
    void listen() {
        dev.addListener(new TraceListener() {
            @Override
            public void onRecord(TraceRecord record) {
                records.add(record);
            }

            @Override
            public void onLost(int cpu, long count) {
                losses.add(new long[] { cpu, count });
            }
        });
    }

    private void register(int cpu, long address, int entries) {
        dev.write(TraceDevice.ringAddrRegister(cpu), 8, address);
        dev.write(TraceDevice.ringSizeRegister(cpu), 4, entries);
    }

    /** What the kernel does: fill rec[head % entries], then publish head + 1 with release. */
    private static void kernelWrite(ByteArrayGuestMemory ram, long ring, int entries, TraceRecord r) {
        long head = ram.readLong(ring);
        byte[] b = new byte[TraceRecordDecoder.RECORD_SIZE];
        TraceRecordDecoder.encode(r, b, 0);
        ram.write(ring + TraceRecordDecoder.RING_HEADER_SIZE + (head % entries) * TraceRecordDecoder.RECORD_SIZE, b, 0,
                b.length);
        ram.writeLongRelease(ring, head + 1);
    }

    private static TraceRecord numbered(int cpu, long i) {
        return new TraceRecord(i, 1 + (int) (i % 14), cpu, (int) i, (int) (i >> 1), (int) ~i, ~i);
    }

    @Test
    void identificationRegisters() {
        assertEquals(TraceDevice.MAGIC_VALUE, dev.read(TraceDevice.MAGIC, 4));
        assertEquals(TraceRecordDecoder.VERSION, dev.read(TraceDevice.VERSION, 4));
        assertEquals(32, dev.read(TraceDevice.MAX_CPUS_REG, 4));
        assertEquals(32, dev.read(TraceDevice.RECORD_SIZE_REG, 4));
        dev.write(TraceDevice.MAGIC, 4, 0);
        assertEquals(TraceDevice.MAGIC_VALUE, dev.read(TraceDevice.MAGIC, 4), "read-only");
    }

    @Test
    void drainDeliversNewRecordsOnceInOrder() {
        register(0, RING0, 16);
        assertTrue(dev.ringLive(0));
        for (int i = 0; i < 5; i++) {
            kernelWrite(ram, RING0, 16, numbered(0, i));
        }
        assertEquals(5, dev.drain());
        assertEquals(0, dev.drain(), "nothing new");
        kernelWrite(ram, RING0, 16, numbered(0, 5));
        assertEquals(1, dev.drain());
        assertEquals(6, records.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(numbered(0, i), records.get(i));
        }
        assertTrue(losses.isEmpty());
    }

    @Test
    void ringsAreDrainedCpuByCpu() {
        register(3, RING1, 8);
        register(1, RING0, 8);
        kernelWrite(ram, RING1, 8, numbered(3, 0));
        kernelWrite(ram, RING0, 8, numbered(1, 0));
        kernelWrite(ram, RING1, 8, numbered(3, 1));
        dev.drain();
        assertEquals(List.of(numbered(1, 0), numbered(3, 0), numbered(3, 1)), records);
    }

    @Test
    void overrunCountsLostRecordsAndDeliversTheNewest() {
        register(2, RING0, 8);
        for (int i = 0; i < 13; i++) {
            kernelWrite(ram, RING0, 8, numbered(2, i));
        }
        assertEquals(8, dev.drain());
        assertEquals(1, losses.size());
        assertEquals(2, losses.get(0)[0]);
        assertEquals(5, losses.get(0)[1]);
        assertEquals(5, dev.lostRecords(2));
        assertEquals(numbered(2, 5), records.get(0));
        assertEquals(numbered(2, 12), records.get(7));
    }

    @Test
    void withConcurrentWritersTheSlotBeingOverwrittenCountsAsLost() {
        TraceDevice parallel = new TraceDevice(ram, true);
        List<TraceRecord> got = new ArrayList<>();
        parallel.addListener(got::add);
        parallel.write(TraceDevice.ringAddrRegister(0), 8, RING0);
        parallel.write(TraceDevice.ringSizeRegister(0), 4, 8);
        for (int i = 0; i < 13; i++) {
            kernelWrite(ram, RING0, 8, numbered(0, i));
        }
        // With head at 13 the kernel may be writing record 13 into record 5's slot.
        assertEquals(7, parallel.drain());
        assertEquals(6, parallel.lostRecords(0));
        assertEquals(numbered(0, 6), got.get(0));
        kernelWrite(ram, RING0, 8, numbered(0, 13));
        assertEquals(1, parallel.drain(), "below a full ring nothing more is lost");
        assertEquals(6, parallel.lostRecords(0));
    }

    @Test
    void thirtyTwoBitHalvesOfTheAddressWork() {
        dev.write(TraceDevice.ringAddrRegister(0), 4, RING0 & 0xffff_ffffL);
        dev.write(TraceDevice.ringAddrRegister(0) + 4, 4, RING0 >>> 32);
        dev.write(TraceDevice.ringSizeRegister(0), 4, 4);
        assertEquals(RING0, dev.read(TraceDevice.ringAddrRegister(0), 8));
        assertEquals(4, dev.read(TraceDevice.ringSizeRegister(0), 4));
        assertTrue(dev.ringLive(0));
    }

    @Test
    void unusableRegistrationsAreIgnored() {
        register(0, RING0, 12);
        assertFalse(dev.ringLive(0), "not a power of two");
        register(0, RING0 + 4, 8);
        assertFalse(dev.ringLive(0), "misaligned");
        register(0, RAM + (1 << 20) - 64, 8);
        assertFalse(dev.ringLive(0), "runs out of RAM");
        register(0, 0x1000, 8);
        assertFalse(dev.ringLive(0), "not RAM at all");
        register(0, RING0, 1 << 30);
        assertFalse(dev.ringLive(0), "absurdly large");
        register(0, 0, 8);
        assertFalse(dev.ringLive(0), "0 means none");
        assertEquals(0, dev.drain());
    }

    @Test
    void reRegisteringStartsFromRecordZero() {
        register(0, RING0, 8);
        kernelWrite(ram, RING0, 8, numbered(0, 0));
        dev.drain();
        register(0, RING0, 8);
        dev.drain();
        assertEquals(List.of(numbered(0, 0), numbered(0, 0)), records);
    }

    @Test
    void aRingWhoseHeadGoesBackwardsDeliversNothingOld() {
        register(0, RING0, 8);
        kernelWrite(ram, RING0, 8, numbered(0, 0));
        kernelWrite(ram, RING0, 8, numbered(0, 1));
        dev.drain();
        ram.writeLongRelease(RING0, 0);
        assertEquals(0, dev.drain());
        kernelWrite(ram, RING0, 8, numbered(0, 7));
        assertEquals(1, dev.drain());
        assertEquals(numbered(0, 7), records.get(2));
    }

    @Test
    void garbageRegisterAccessesAreHarmless() {
        for (int off = 0; off < 0x1000; off += 4) {
            dev.write(off, 4, -1);
            dev.read(off, 4);
        }
        assertFalse(dev.accepts(0, 1));
        assertFalse(dev.accepts(4, 8));
        assertFalse(dev.accepts(0x1000, 4));
        assertEquals(0, dev.drain(), "all-ones addresses and sizes make no ring live");
    }

    /**
     * A kernel thread writes records as fast as it can into a small ring while another thread
     * drains: every record delivered must be intact and in order, and delivered plus lost must
     * account for every record written.
     */
    @Test
    void concurrentWriterNeverProducesTornRecords() throws InterruptedException {
        int entries = 16;
        long total = 200_000;
        TraceDevice parallel = new TraceDevice(ram, true);
        parallel.addListener(records::add);
        parallel.write(TraceDevice.ringAddrRegister(0), 8, RING0);
        parallel.write(TraceDevice.ringSizeRegister(0), 4, entries);
        AtomicBoolean done = new AtomicBoolean();
        Thread kernel = Thread.ofPlatform().start(() -> {
            for (long i = 0; i < total; i++) {
                kernelWrite(ram, RING0, entries, numbered(0, i));
            }
            done.set(true);
        });
        while (!done.get()) {
            parallel.drain();
        }
        kernel.join();
        parallel.drain();
        long previous = -1;
        for (TraceRecord r : records) {
            assertEquals(numbered(0, r.time()), r, "record intact");
            assertTrue(r.time() > previous, "in order");
            previous = r.time();
        }
        assertEquals(total, records.size() + parallel.lostRecords(0));
        assertEquals(total - 1, records.get(records.size() - 1).time(), "the last record arrives");
    }
}
