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

    HartSnapshot snapshot(int hart);

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
