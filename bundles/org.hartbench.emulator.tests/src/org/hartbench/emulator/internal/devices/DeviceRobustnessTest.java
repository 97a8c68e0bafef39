package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.hartbench.emulator.internal.bus.MemoryMap;
import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.testsupport.ByteArrayGuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage from a guest never escapes a device as a host exception: random accesses of every size
 * at every offset the device accepts, with random values, and for the DMA devices random guest
 * RAM under them. Seeded, so a failure reproduces.
 */
class DeviceRobustnessTest {

    private static final long RAM = 0x8000_0000L;
    private static final int[] SIZES = { 1, 2, 4, 8 };

    @TempDir
    Path dir;

    /** Hammers a device; returns how many accesses it accepted (so the test knows it did something). */
    private static int hammer(MmioDevice dev, long regionSize, Random random, int rounds, Runnable between) {
        int accepted = 0;
        for (int i = 0; i < rounds; i++) {
            // half the time near the registers that matter, half anywhere in the region
            long offset = random.nextBoolean() ? random.nextInt((int) Math.min(regionSize, 0x200))
                    : (random.nextLong() & Long.MAX_VALUE) % regionSize;
            int size = SIZES[random.nextInt(SIZES.length)];
            offset -= offset % size;
            if (!dev.accepts(offset, size)) {
                continue;
            }
            accepted++;
            if (random.nextBoolean()) {
                dev.read(offset, size);
            } else {
                long value = random.nextInt(4) == 0 ? random.nextInt(16) : random.nextLong();
                dev.write(offset, size, size == 8 ? value : value & ((1L << (8 * size)) - 1));
            }
            if (between != null && i % 64 == 0) {
                between.run();
            }
        }
        return accepted;
    }

    @Test
    void plicUartFinisherAndEmptySlot() {
        Random random = new Random(42);
        Plic plic = new Plic(4, ctx -> high -> {
        });
        assertTrue(hammer(plic, MemoryMap.PLIC.size(), random, 200_000, null) > 10_000, "plic");
        Uart16550 uart = new Uart16550(plic.source(10), (b, off, len) -> {
        });
        assertTrue(hammer(uart, MemoryMap.UART0.size(), random, 50_000, () -> uart.receive(new byte[] { 1, 2 })) > 200,
                "uart");
        int[] finishes = new int[1];
        SifiveTest finisher = new SifiveTest(f -> finishes[0]++);
        assertTrue(hammer(finisher, MemoryMap.TEST.size(), random, 50_000, null) > 1000, "finisher");
        assertTrue(hammer(VirtioMmio.emptySlot(), MemoryMap.VIRTIO0.size(), random, 50_000, null) > 1000, "empty slot");
    }

    @Test
    void virtioBlockOverRandomRam() throws IOException {
        Random random = new Random(7);
        ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, 64 * 1024);
        Path disk = dir.resolve("disk.img");
        Files.write(disk, new byte[64 * 512]);
        byte[] noise = new byte[64 * 1024];
        try (VirtioBlock dev = new VirtioBlock(ram, null, disk, false)) {
            for (int round = 0; round < 50; round++) {
                random.nextBytes(noise);
                ram.write(RAM, noise, 0, noise.length);
                // a plausible setup half the time, so requests get past the first checks
                if (random.nextBoolean()) {
                    dev.write(VirtioMmio.STATUS, 4, 0);
                    dev.write(VirtioMmio.DRIVER_FEATURES_SEL, 4, 1);
                    dev.write(VirtioMmio.DRIVER_FEATURES, 4, 1);
                    dev.write(VirtioMmio.STATUS, 4, 1 | 2 | 8);
                    dev.write(VirtioMmio.QUEUE_NUM, 4, 1 << random.nextInt(9));
                    dev.write(VirtioMmio.QUEUE_DESC_LOW, 4, RAM + 0x1000);
                    dev.write(VirtioMmio.QUEUE_DRIVER_LOW, 4, RAM + 0x4000);
                    dev.write(VirtioMmio.QUEUE_DEVICE_LOW, 4, RAM + 0x6000);
                    dev.write(VirtioMmio.QUEUE_READY, 4, 1);
                    dev.write(VirtioMmio.STATUS, 4, 1 | 2 | 4 | 8);
                    dev.write(VirtioMmio.QUEUE_NOTIFY, 4, 0);
                }
                hammer(dev, MemoryMap.VIRTIO0.size(), random, 2_000,
                        () -> dev.write(VirtioMmio.QUEUE_NOTIFY, 4, 0));
            }
            assertEquals(64, dev.capacitySectors(), "still the same disk");
        }
    }

    @Test
    void traceDeviceOverRandomRam() {
        Random random = new Random(99);
        ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, 64 * 1024);
        TraceDevice dev = new TraceDevice(ram, true);
        int[] seen = new int[1];
        dev.addListener(r -> seen[0]++);
        byte[] noise = new byte[64 * 1024];
        for (int round = 0; round < 50; round++) {
            random.nextBytes(noise);
            ram.write(RAM, noise, 0, noise.length);
            int cpu = random.nextInt(TraceDevice.MAX_CPUS);
            dev.write(TraceDevice.ringAddrRegister(cpu), 8, RAM + 64L * random.nextInt(16));
            dev.write(TraceDevice.ringSizeRegister(cpu), 4, 1 << random.nextInt(8));
            hammer(dev, MemoryMap.TRACE.size(), random, 2_000, dev::drain);
            dev.drain();
        }
        assertTrue(seen[0] > 0, "random heads still produce records to decode");
    }
}
