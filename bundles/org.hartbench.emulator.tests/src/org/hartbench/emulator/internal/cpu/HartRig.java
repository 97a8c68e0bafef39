package org.hartbench.emulator.internal.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import org.hartbench.emulator.internal.bus.Bus;
import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.internal.bus.Ram;
import org.hartbench.emulator.testsupport.Asm;

/**
 * One hart on 16 MiB of RAM at 0x8000_0000, with a settable clock and optionally a test device,
 * for instruction-level tests. Programs are assembled with {@link Asm} and run until the hart
 * reaches a given address (by convention an endless loop labelled "end", or a trap handler that
 * spins).
 */
final class HartRig {
    static final long RAM_BASE = 0x8000_0000L;
    static final long DEVICE_BASE = 0x1000_0000L;

    final Ram ram = new Ram(RAM_BASE, 16 << 20);
    final CodeCache code = new CodeCache(ram);
    final Bus bus = new Bus(ram);
    /** mtime as the hart sees it; tests move it by hand. */
    long time;
    final Hart hart = new Hart(0, bus, code, () -> time);

    HartRig() {
        hart.reset(RAM_BASE, 0, 0);
    }

    HartRig withDevice(MmioDevice device) {
        bus.map("test-device", DEVICE_BASE, 0x1000, device);
        return this;
    }

    /** A new program at the reset pc. */
    static Asm program() {
        return new Asm(RAM_BASE);
    }

    void load(Asm a) {
        byte[] b = a.bytes();
        ram.write(a.origin(), b, 0, b.length);
    }

    /** Loads, runs until pc == the label's address, and returns the hart. Fails past limit instructions. */
    Hart run(Asm a, String untilLabel) {
        load(a);
        runTo(a.address(untilLabel), 1_000_000);
        return hart;
    }

    void runTo(long pc, long limit) {
        long total = 0;
        int idle = 0;
        while (hart.pc() != pc) {
            long n = hart.run(Math.min(64, limit - total + 1));
            total += n;
            idle = n == 0 ? idle + 1 : 0;
            if (total > limit || idle > 1000) {
                fail(String.format("hart did not reach 0x%x: pc 0x%x after %d instructions, mcause 0x%x mepc 0x%x mtval 0x%x",
                        pc, hart.pc(), total, csr(CsrFile.MCAUSE), csr(CsrFile.MEPC), csr(CsrFile.MTVAL)));
            }
        }
    }

    long x(int r) {
        return hart.register(r);
    }

    long csr(int number) {
        return hart.peekCsr(number);
    }

    long readLong(long pa) {
        return ram.readLong(pa);
    }
}
