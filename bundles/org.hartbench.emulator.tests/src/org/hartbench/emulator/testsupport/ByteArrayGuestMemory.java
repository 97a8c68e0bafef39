package org.hartbench.emulator.testsupport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.hartbench.emulator.internal.bus.GuestMemory;

/**
 * Guest RAM for device tests: a direct byte buffer at a physical base, little-endian, with the
 * acquire/release accessors of the contract (a direct buffer, because only aligned memory
 * supports atomic access modes; a byte[] view does not). Out-of-range accesses behave as the contract says
 * (false, or IndexOutOfBoundsException naming the address).
 */
public final class ByteArrayGuestMemory implements GuestMemory {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final long base;
    private final ByteBuffer bytes;

    public ByteArrayGuestMemory(long base, int size) {
        this.base = base;
        this.bytes = ByteBuffer.allocateDirect(size);
    }

    public long base() {
        return base;
    }

    public int size() {
        return bytes.capacity();
    }

    @Override
    public boolean contains(long address, long length) {
        return length >= 0 && address - base >= 0 && address - base <= bytes.capacity()
                && length <= bytes.capacity() - (address - base);
    }

    private int index(long address, int length) {
        if (!contains(address, length)) {
            throw new IndexOutOfBoundsException("0x" + Long.toHexString(address) + " (" + length + " bytes) is not in RAM");
        }
        return (int) (address - base);
    }

    @Override
    public boolean read(long address, byte[] dst, int offset, int length) {
        if (!contains(address, length)) {
            return false;
        }
        bytes.get((int) (address - base), dst, offset, length);
        return true;
    }

    @Override
    public boolean write(long address, byte[] src, int offset, int length) {
        if (!contains(address, length)) {
            return false;
        }
        bytes.put((int) (address - base), src, offset, length);
        return true;
    }

    public byte readByte(long address) {
        return bytes.get(index(address, 1));
    }

    @Override
    public long readLong(long address) {
        return (long) LONGS.get(bytes, index(address, 8));
    }

    @Override
    public int readInt(long address) {
        return (int) INTS.get(bytes, index(address, 4));
    }

    @Override
    public short readShort(long address) {
        return (short) SHORTS.get(bytes, index(address, 2));
    }

    @Override
    public void writeLong(long address, long value) {
        LONGS.set(bytes, index(address, 8), value);
    }

    @Override
    public void writeInt(long address, int value) {
        INTS.set(bytes, index(address, 4), value);
    }

    @Override
    public void writeShort(long address, short value) {
        SHORTS.set(bytes, index(address, 2), value);
    }

    @Override
    public long readLongAcquire(long address) {
        return (long) LONGS.getAcquire(bytes, index(address, 8));
    }

    @Override
    public void writeShortRelease(long address, short value) {
        // Buffer views offer no atomic 16-bit modes: a release fence, then a plain store.
        VarHandle.releaseFence();
        SHORTS.set(bytes, index(address, 2), value);
    }

    /** The store a kernel uses to publish a trace ring's head. */
    public void writeLongRelease(long address, long value) {
        LONGS.setRelease(bytes, index(address, 8), value);
    }
}
