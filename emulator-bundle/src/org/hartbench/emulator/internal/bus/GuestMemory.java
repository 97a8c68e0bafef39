package org.hartbench.emulator.internal.bus;

/**
 * RAM as devices see it for DMA (virtio descriptors and buffers, trace rings). Physical
 * addresses; little-endian. Out-of-RAM accesses return false or throw
 * {@link IndexOutOfBoundsException} with the address in the message, never touch a device.
 */
public interface GuestMemory {

    /** True when [address, address + length) lies entirely in RAM. */
    boolean contains(long address, long length);

    /** Copies out of RAM; false (and nothing copied) if the range leaves RAM. */
    boolean read(long address, byte[] dst, int offset, int length);

    /** Copies into RAM; false (and nothing written) if the range leaves RAM. */
    boolean write(long address, byte[] src, int offset, int length);

    long readLong(long address);

    int readInt(long address);

    short readShort(long address);

    void writeLong(long address, long value);

    void writeInt(long address, int value);

    void writeShort(long address, short value);

    /** readLong with acquire ordering, for reading an index another hart thread publishes. */
    long readLongAcquire(long address);

    /** writeShort with release ordering, for publishing a virtio used index. */
    void writeShortRelease(long address, short value);
}
