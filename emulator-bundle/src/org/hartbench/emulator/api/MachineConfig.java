package org.hartbench.emulator.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to build a machine. Immutable; the {@code with*} methods return copies.
 * {@link #validate()} is called by {@link Machine#create} and throws
 * {@link IllegalArgumentException} with a message fit to show a user.
 *
 * @param harts            number of harts, 1 to {@link #MAX_HARTS}
 * @param ramMiB           RAM size in MiB at 0x8000_0000 (QEMU virt's default is 128; ours 256)
 * @param mode             deterministic (one host thread) or parallel (a thread per hart)
 * @param bootArgs         the device tree's /chosen/bootargs, as QEMU's -append gives it
 * @param disk             host file behind the virtio block device, or null for none
 * @param diskReadOnly     reject guest writes to the disk
 * @param maxInstructions  stop after this many instructions in total over all harts (0: no limit)
 * @param timeout          stop after this much host time (null: no limit)
 * @param trace            announce the hartbench,trace device in the device tree
 * @param quantum          deterministic mode: instructions a hart runs before the next hart's turn
 */
public record MachineConfig(int harts, int ramMiB, ExecutionMode mode, String bootArgs, Path disk,
        boolean diskReadOnly, long maxInstructions, Duration timeout, boolean trace, int quantum) {

    public static final int MAX_HARTS = 32;
    /** Guest RAM is one host buffer with an int index, so it stays below 2 GiB. */
    public static final int MAX_RAM_MIB = 2047;
    public static final int DEFAULT_RAM_MIB = 256;
    public static final int DEFAULT_QUANTUM = 1000;

    /** One hart, 256 MiB, deterministic, no disk, no limits, tracing on. */
    public static MachineConfig defaults() {
        return new MachineConfig(1, DEFAULT_RAM_MIB, ExecutionMode.DETERMINISTIC, "", null, false, 0, null, true,
                DEFAULT_QUANTUM);
    }

    public MachineConfig {
        Objects.requireNonNull(mode, "mode");
        bootArgs = bootArgs == null ? "" : bootArgs;
    }

    /** Throws IllegalArgumentException naming the first bad setting. */
    public MachineConfig validate() {
        if (harts < 1 || harts > MAX_HARTS) {
            throw new IllegalArgumentException("hart count " + harts + " is out of range (1 to " + MAX_HARTS + ")");
        }
        if (ramMiB < 16 || ramMiB > MAX_RAM_MIB) {
            throw new IllegalArgumentException("memory size " + ramMiB + " MiB is out of range (16 to " + MAX_RAM_MIB
                    + " MiB: guest RAM is one host buffer, indexed by a Java int)");
        }
        if (maxInstructions < 0) {
            throw new IllegalArgumentException("instruction limit must not be negative");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (quantum < 1 || quantum > 1_000_000) {
            throw new IllegalArgumentException("quantum " + quantum + " is out of range (1 to 1000000)");
        }
        return this;
    }

    public MachineConfig withHarts(int n) {
        return new MachineConfig(n, ramMiB, mode, bootArgs, disk, diskReadOnly, maxInstructions, timeout, trace, quantum);
    }

    public MachineConfig withRamMiB(int mib) {
        return new MachineConfig(harts, mib, mode, bootArgs, disk, diskReadOnly, maxInstructions, timeout, trace, quantum);
    }

    public MachineConfig withMode(ExecutionMode m) {
        return new MachineConfig(harts, ramMiB, m, bootArgs, disk, diskReadOnly, maxInstructions, timeout, trace, quantum);
    }

    public MachineConfig withBootArgs(String args) {
        return new MachineConfig(harts, ramMiB, mode, args, disk, diskReadOnly, maxInstructions, timeout, trace, quantum);
    }

    public MachineConfig withDisk(Path file, boolean readOnly) {
        return new MachineConfig(harts, ramMiB, mode, bootArgs, file, readOnly, maxInstructions, timeout, trace, quantum);
    }

    public MachineConfig withMaxInstructions(long n) {
        return new MachineConfig(harts, ramMiB, mode, bootArgs, disk, diskReadOnly, n, timeout, trace, quantum);
    }

    public MachineConfig withTimeout(Duration t) {
        return new MachineConfig(harts, ramMiB, mode, bootArgs, disk, diskReadOnly, maxInstructions, t, trace, quantum);
    }

    public MachineConfig withTrace(boolean on) {
        return new MachineConfig(harts, ramMiB, mode, bootArgs, disk, diskReadOnly, maxInstructions, timeout, on, quantum);
    }

    public MachineConfig withQuantum(int q) {
        return new MachineConfig(harts, ramMiB, mode, bootArgs, disk, diskReadOnly, maxInstructions, timeout, trace, q);
    }
}
