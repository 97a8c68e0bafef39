package org.hartbench.emulator.internal.bus;

/**
 * A memory-mapped device: loads and stores at an offset from its base. The bus only calls read
 * and write for accesses the device accepts; anything else is an access fault for the hart.
 *
 * <p>In parallel mode several hart threads may call a device at once: a device guards its own
 * state (a plain {@code synchronized} is fine, devices are not on the hot path).
 */
public interface MmioDevice {

    /** True when a load or store of this size (1, 2, 4 or 8 bytes) at this offset is allowed. */
    boolean accepts(long offset, int size);

    /** A load; the result is zero-extended to 64 bits from size bytes. */
    long read(long offset, int size);

    /** A store of the low size bytes of value. */
    void write(long offset, int size, long value);
}
