package org.hartbench.emulator.api;

import java.util.OptionalLong;

/**
 * Reads machine state for debuggers and views. No method here changes what the guest can observe:
 * no TLB fills, no A/D bit updates, no counter changes, no dropped LR reservations, no device
 * side effects. Safe to call from any thread while the machine runs; values from a running hart
 * are a consistent snapshot of some recent instant.
 */
public interface Inspector {

    int hartCount();

    /**
     * A consistent copy of a hart's state. A running hart is copied between two of its slices:
     * the hart waits for the copy (microseconds, plus the time the calling thread takes to be
     * scheduled on a busy host), so views that poll should prefer {@link #runState} and
     * {@link #privilege}.
     */
    HartSnapshot snapshot(int hart);

    /** What the hart is doing now, read without making it wait (the same as snapshot(hart).state()). */
    RunState runState(int hart);

    /**
     * The hart's privilege mode now, read without making it wait. On a running hart the value may
     * be a few instructions old.
     */
    PrivilegeMode privilege(int hart);

    /** Current value of the board's mtime, in timebase ticks. */
    long mtime();

    /**
     * Copies guest RAM at a physical address. Returns the number of bytes copied, which is short
     * when the range leaves RAM (device registers are never read).
     */
    int readPhysical(long address, byte[] dst, int offset, int length);

    /** Translates a virtual address with the hart's current satp and privilege, walking the page table. */
    OptionalLong translate(int hart, long virtualAddress);

    /** Like readPhysical, through the hart's current translation; stops at the first unmapped page. */
    int readVirtual(int hart, long virtualAddress, byte[] dst, int offset, int length);

    /** The symbols of the loaded ELF, or null before a load. */
    ElfImage image();
}
