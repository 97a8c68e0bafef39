package org.hartbench.emulator.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of a guest test program, the same on QEMU and on Hartbench's machine: which program,
 * how many harts, the boot arguments, an optional disk, the expected exit, and the name of its
 * expected-output file in guest/expected/.
 *
 * @param name      the case, and its expected-output file name
 * @param program   the guest program (guest/build/PROGRAM.elf)
 * @param harts     -smp
 * @param bootArgs  -append, or null for none
 * @param disk      attach a disk image made by {@link #makeDisk}
 * @param readOnly  attach it read-only
 * @param exitCode  the finisher's code (QEMU's exit status): 0 for pass
 */
public record GuestCase(String name, String program, int harts, String bootArgs, boolean disk, boolean readOnly,
        int exitCode) {

    /**
     * RAM of every run, on both machines. It decides where the device tree goes (a1 at reset,
     * printed by several programs); small, because a machine's RAM is allocated and zeroed per run.
     */
    public static final int RAM_MIB = 64;

    /** Sectors of the test disk: 64 KiB. */
    public static final int DISK_SECTORS = 128;

    /** Every case the QEMU and differential tests run. */
    public static final List<GuestCase> ALL = List.of(
            new GuestCase("hello", "hello", 4, "hartbench test=1", false, false, 0),
            new GuestCase("isa_rv64i", "isa_rv64i", 1, null, false, false, 0),
            new GuestCase("isa_m", "isa_m", 1, null, false, false, 0),
            new GuestCase("isa_a", "isa_a", 1, null, false, false, 0),
            new GuestCase("isa_c", "isa_c", 1, null, false, false, 0),
            new GuestCase("traps", "traps", 1, null, false, false, 0),
            new GuestCase("timer", "timer", 1, null, false, false, 0),
            new GuestCase("plic_uart", "plic_uart", 1, null, false, false, 0),
            new GuestCase("virtio_blk", "virtio_blk", 1, null, true, false, 0),
            new GuestCase("virtio_blk_ro", "virtio_blk", 1, null, true, true, 0),
            new GuestCase("finish_pass", "finish_pass", 1, null, false, false, 0),
            new GuestCase("finish_fail", "finish_fail", 1, null, false, false, 42));

    @Override
    public String toString() {
        return name;
    }

    /** The disk every disk case starts from: byte i is (7i + i / 512) mod 256. */
    public static Path makeDisk(Path dir, String fileName) throws IOException {
        byte[] content = new byte[DISK_SECTORS * 512];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7 + i / 512);
        }
        Path p = dir.resolve(fileName);
        Files.write(p, content);
        return p;
    }
}
