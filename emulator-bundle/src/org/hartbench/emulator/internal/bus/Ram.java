package org.hartbench.emulator.internal.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Guest RAM: one direct {@link ByteBuffer} accessed through little-endian VarHandle views.
 *
 * <p>Why not a {@code byte[]}: since JDK 22 the VarHandles that view a byte array as wider
 * elements support only plain get and set (Java does not promise 8-byte alignment of array
 * elements), so AMOs and LR/SC could not be host atomics. The views of a direct buffer keep every
 * atomic access mode for aligned offsets and compile to the same plain moves on the fast path.
 * A buffer is indexed by int, which caps RAM just below 2 GiB.
 *
 * <p>Hardware contracts, valid with several hart threads at once:
 * <ul>
 * <li>A store of n bytes writes exactly those n bytes: a byte store never rewrites its
 * neighbours (Java array element stores do not tear), so concurrent narrow stores to one word
 * from different harts are all kept.</li>
 * <li>Aligned accesses of 1, 2, 4 and 8 bytes are single-copy atomic (HotSpot emits one
 * instruction for a plain VarHandle access); misaligned ones are allowed and may tear.</li>
 * <li>The atomic helpers (cas, getAndAdd ...) need natural alignment; callers check it first
 * and raise the architectural misaligned exception instead.</li>
 * </ul>
 *
 * <p>Addresses given to the {@link GuestMemory} methods are physical; the int {@code offset}
 * methods take an index into the array (physical address minus {@link #base()}), which is what
 * the hart's TLB caches. Every write path reports the written range to the {@link WriteObserver}
 * so pre-decoded code for that range is dropped (stores into code pages, DMA, ELF loading).
 *
 * <p><b>Written pages.</b> The same path marks the pages it touches in a byte per page, so a
 * machine reset clears only the pages written since the last one ({@link #clearWritten}) rather
 * than the whole RAM: the robustness test resets a 16 MiB machine for every one of its 10^5
 * programs, and each writes a few pages. The hart's store fast path ({@code Mmu}) writes through
 * {@link #buffer()} without calling in here, but only into pages whose store-TLB entry was
 * filled by a slow-path store, which went through {@link #noteWrite}; a reset flushes those
 * TLBs, so every page written since then has been marked.
 */
public final class Ram implements GuestMemory {

    /** Told about writes to pages that hold pre-decoded instructions. */
    public interface WriteObserver {
        /** True when some hart has decoded instructions from the page with this index. */
        boolean isCodePage(int pageIndex);

        /** Bytes [offset, offset + length) of RAM changed. Called only for code pages. */
        void written(int offset, int length);
    }

    /**
     * Little-endian views of the buffer, for the atomic and ordered accessors. (The hart's plain
     * fast path uses the buffer's own getLong/putLong...: the same machine code, and far less
     * bytecode for the JIT to inline.)
     */
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        // Every direct-buffer access checks for a memory-segment session, through classes of
        // jdk.internal.foreign that nothing else loads. While they are not loaded the JIT cannot
        // inline that check, and each guest load or store pays for a call. Loading them through
        // the boot loader (so it also works under OSGi) costs nothing; if a future JDK renames
        // them, accesses just stay a little slower.
        for (String name : new String[] { "jdk.internal.foreign.AbstractMemorySegmentImpl",
                "jdk.internal.foreign.MemorySessionImpl" }) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException | LinkageError e) {
                // only a performance hint
            }
        }
    }

    /** The largest RAM one buffer can hold, rounded down to a page (2 GiB - 4 KiB). */
    public static final long MAX_BYTES = Integer.MAX_VALUE & ~0xFFFL;

    private final long base;
    private final ByteBuffer bytes;
    /**
     * 1 for each 4 KiB page written since the last {@link #clearWritten}. Plain bytes, written by
     * any hart thread: a flag only ever goes from 0 to 1 while harts run, byte stores do not tear,
     * and clearWritten runs with every runner thread joined (which orders their writes before it).
     */
    private final byte[] written;
    /** Set once by the board, before any hart runs. */
    private volatile WriteObserver observer = NO_OBSERVER;

    private static final WriteObserver NO_OBSERVER = new WriteObserver() {
        @Override
        public boolean isCodePage(int pageIndex) {
            return false;
        }

        @Override
        public void written(int offset, int length) {
        }
    };

    public Ram(long base, long size) {
        if (size <= 0 || size > MAX_BYTES || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM size " + size + " must be a positive multiple of 4 KiB up to "
                    + MAX_BYTES + " bytes");
        }
        this.base = base;
        this.bytes = ByteBuffer.allocateDirect((int) size).order(ByteOrder.LITTLE_ENDIAN);
        this.written = new byte[(int) (size >>> 12)];
    }

    public void setWriteObserver(WriteObserver o) {
        observer = o == null ? NO_OBSERVER : o;
    }

    public long base() {
        return base;
    }

    public long size() {
        return bytes.capacity();
    }

    /** The backing buffer, for the hart's load/store fast path only. */
    public ByteBuffer buffer() {
        return bytes;
    }

    /** Index into the array for a physical address, or -1 when [address, address+length) leaves RAM. */
    public int offsetOf(long address, long length) {
        long off = address - base;
        if (off < 0 || length < 0 || off > bytes.capacity() - length) {
            return -1;
        }
        return (int) off;
    }

    // ---- offset-based accessors used by harts (offset already checked) ----

    public long getLong(int offset) {
        return (long) LONG.get(bytes, offset);
    }

    public int getInt(int offset) {
        return (int) INT.get(bytes, offset);
    }

    public short getShort(int offset) {
        return (short) SHORT.get(bytes, offset);
    }

    public byte getByte(int offset) {
        return bytes.get(offset);
    }

    public void setLong(int offset, long v) {
        LONG.set(bytes, offset, v);
        noteWrite(offset, 8);
    }

    public void setInt(int offset, int v) {
        INT.set(bytes, offset, v);
        noteWrite(offset, 4);
    }

    public void setShort(int offset, short v) {
        SHORT.set(bytes, offset, v);
        noteWrite(offset, 2);
    }

    public void setByte(int offset, byte v) {
        bytes.put(offset, v);
        noteWrite(offset, 1);
    }

    /** A load with acquire-or-stronger ordering; offset must be 8-aligned. */
    public long getLongVolatile(int offset) {
        return (long) LONG.getVolatile(bytes, offset);
    }

    public int getIntVolatile(int offset) {
        return (int) INT.getVolatile(bytes, offset);
    }

    /** Atomic compare-and-set of an aligned doubleword. */
    public boolean casLong(int offset, long expected, long value) {
        boolean ok = LONG.compareAndSet(bytes, offset, expected, value);
        if (ok) {
            noteWrite(offset, 8);
        }
        return ok;
    }

    /** Atomic compare-and-set of an aligned word. */
    public boolean casInt(int offset, int expected, int value) {
        boolean ok = INT.compareAndSet(bytes, offset, expected, value);
        if (ok) {
            noteWrite(offset, 4);
        }
        return ok;
    }

    public long getAndSetLong(int offset, long v) {
        long old = (long) LONG.getAndSet(bytes, offset, v);
        noteWrite(offset, 8);
        return old;
    }

    public int getAndSetInt(int offset, int v) {
        int old = (int) INT.getAndSet(bytes, offset, v);
        noteWrite(offset, 4);
        return old;
    }

    public long getAndAddLong(int offset, long v) {
        long old = (long) LONG.getAndAdd(bytes, offset, v);
        noteWrite(offset, 8);
        return old;
    }

    public int getAndAddInt(int offset, int v) {
        int old = (int) INT.getAndAdd(bytes, offset, v);
        noteWrite(offset, 4);
        return old;
    }

    public long getAndOrLong(int offset, long v) {
        long old = (long) LONG.getAndBitwiseOr(bytes, offset, v);
        noteWrite(offset, 8);
        return old;
    }

    public int getAndOrInt(int offset, int v) {
        int old = (int) INT.getAndBitwiseOr(bytes, offset, v);
        noteWrite(offset, 4);
        return old;
    }

    public long getAndAndLong(int offset, long v) {
        long old = (long) LONG.getAndBitwiseAnd(bytes, offset, v);
        noteWrite(offset, 8);
        return old;
    }

    public int getAndAndInt(int offset, int v) {
        int old = (int) INT.getAndBitwiseAnd(bytes, offset, v);
        noteWrite(offset, 4);
        return old;
    }

    public long getAndXorLong(int offset, long v) {
        long old = (long) LONG.getAndBitwiseXor(bytes, offset, v);
        noteWrite(offset, 8);
        return old;
    }

    public int getAndXorInt(int offset, int v) {
        int old = (int) INT.getAndBitwiseXor(bytes, offset, v);
        noteWrite(offset, 4);
        return old;
    }

    /**
     * Records a write of length (at least 1) bytes at offset: marks its pages written, and tells
     * the observer if it touched a code page (checked for both end pages).
     */
    public void noteWrite(int offset, int length) {
        int last = (offset + length - 1) >>> 12;
        for (int page = offset >>> 12; page <= last; page++) {
            // Test before setting: once set, the flag's cache line is only read by the harts.
            if (written[page] == 0) {
                written[page] = 1;
            }
        }
        WriteObserver o = observer;
        if (o.isCodePage(offset >>> 12) || o.isCodePage((offset + length - 1) >>> 12)) {
            o.written(offset, length);
        }
    }

    // ---- GuestMemory: physical addresses, for devices and loaders ----

    @Override
    public boolean contains(long address, long length) {
        return offsetOf(address, length) >= 0;
    }

    @Override
    public boolean read(long address, byte[] dst, int offset, int length) {
        int off = offsetOf(address, length);
        if (off < 0) {
            return false;
        }
        bytes.get(off, dst, offset, length);
        return true;
    }

    @Override
    public boolean write(long address, byte[] src, int offset, int length) {
        int off = offsetOf(address, length);
        if (off < 0) {
            return false;
        }
        bytes.put(off, src, offset, length);
        if (length > 0) {
            noteWrite(off, length);
        }
        return true;
    }

    /** Zero-fills [address, address + length); false if the range leaves RAM. */
    public boolean zero(long address, long length) {
        int off = offsetOf(address, length);
        if (off < 0) {
            return false;
        }
        byte[] zeros = new byte[(int) Math.min(length, 64 * 1024)];
        for (long done = 0; done < length; done += zeros.length) {
            bytes.put((int) (off + done), zeros, 0, (int) Math.min(zeros.length, length - done));
        }
        if (length > 0) {
            noteWrite(off, (int) length);
        }
        return true;
    }

    /**
     * Zero-fills every page written since the last call (or since the RAM was allocated, which
     * left it all zero) and forgets the marks: afterwards the whole RAM reads zero again. Tells
     * the write observer nothing, so the caller drops the decoded code with it. Call only while
     * no hart runs.
     *
     * @return the number of pages cleared
     */
    public int clearWritten() {
        byte[] zeros = new byte[4096];
        int cleared = 0;
        for (int page = 0; page < written.length; page++) {
            if (written[page] != 0) {
                bytes.put(page << 12, zeros);
                written[page] = 0;
                cleared++;
            }
        }
        return cleared;
    }

    private int checked(long address, int length) {
        int off = offsetOf(address, length);
        if (off < 0) {
            throw new IndexOutOfBoundsException(String.format("guest physical access 0x%x+%d outside RAM", address, length));
        }
        return off;
    }

    @Override
    public long readLong(long address) {
        return getLong(checked(address, 8));
    }

    @Override
    public int readInt(long address) {
        return getInt(checked(address, 4));
    }

    @Override
    public short readShort(long address) {
        return getShort(checked(address, 2));
    }

    @Override
    public void writeLong(long address, long value) {
        setLong(checked(address, 8), value);
    }

    @Override
    public void writeInt(long address, int value) {
        setInt(checked(address, 4), value);
    }

    @Override
    public void writeShort(long address, short value) {
        setShort(checked(address, 2), value);
    }

    @Override
    public long readLongAcquire(long address) {
        int off = checked(address, 8);
        if ((off & 7) != 0) {
            return getLong(off);
        }
        return (long) LONG.getAcquire(bytes, off);
    }

    @Override
    public void writeShortRelease(long address, short value) {
        int off = checked(address, 2);
        if ((off & 1) != 0) {
            setShort(off, value);
            return;
        }
        SHORT.setRelease(bytes, off, value);
        noteWrite(off, 2);
    }
}
