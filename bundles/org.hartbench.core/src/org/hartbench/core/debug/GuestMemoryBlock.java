package org.hartbench.core.debug;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.MemoryByte;
import org.hartbench.emulator.api.Inspector;

/**
 * Guest memory for the Memory view, read through the machine's inspector: either physical RAM or
 * virtual addresses through one hart's current translation. Reads never perturb the guest (no
 * TLB fill, no A/D bits, no device access); bytes outside RAM or on unmapped pages come back
 * unreadable, page by page, so one hole does not hide the pages after it. Read-only, because the
 * emulator's inspector has no write path.
 */
public final class GuestMemoryBlock extends HartbenchDebugElement implements IMemoryBlockExtension {

    /** Bytes a block covers when the Memory view asks for its plain length. */
    public static final int DEFAULT_LENGTH = 256;
    private static final int PAGE = 4096;
    private static final BigInteger ADDRESS_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String expression;
    private final int hart;
    private final long length;
    private volatile long base;
    private final List<Object> connections = new CopyOnWriteArrayList<>();

    /**
     * @param hart the hart whose translation virtual addresses go through, or -1 for physical
     */
    GuestMemoryBlock(HartbenchDebugTarget target, String expression, long base, int hart, long length) {
        super(target);
        this.expression = expression;
        this.base = base;
        this.hart = hart;
        this.length = length;
    }

    /** True when addresses are physical; else they are virtual addresses of {@link #hart()}. */
    public boolean isPhysical() {
        return hart < 0;
    }

    /** The hart whose translation this block reads through, or -1 for physical memory. */
    public int hart() {
        return hart;
    }

    @Override
    public String getExpression() {
        return expression;
    }

    @Override
    public BigInteger getBigBaseAddress() {
        return unsigned(base);
    }

    @Override
    public BigInteger getMemoryBlockStartAddress() {
        return null; // the whole 64-bit space; unreadable bytes are marked as such
    }

    @Override
    public BigInteger getMemoryBlockEndAddress() {
        return null;
    }

    @Override
    public BigInteger getBigLength() {
        return BigInteger.valueOf(length);
    }

    @Override
    public int getAddressSize() {
        return 8;
    }

    @Override
    public int getAddressableSize() {
        return 1;
    }

    @Override
    public boolean supportBaseAddressModification() {
        return true;
    }

    @Override
    public void setBaseAddress(BigInteger address) {
        base = address.longValue();
        fireChangeEvent(DebugEvent.CONTENT);
    }

    /** The Memory view computes changes itself by comparing reads. */
    @Override
    public boolean supportsChangeManagement() {
        return false;
    }

    @Override
    public MemoryByte[] getBytesFromOffset(BigInteger unitOffset, long addressableUnits) throws DebugException {
        return getBytesFromAddress(unsigned(base).add(unitOffset), addressableUnits);
    }

    @Override
    public MemoryByte[] getBytesFromAddress(BigInteger address, long units) throws DebugException {
        if (units < 0 || units > Integer.MAX_VALUE) {
            requestFailed("cannot read " + units + " bytes at once", null);
        }
        int n = (int) units;
        long start = address.and(ADDRESS_MASK).longValue();
        byte[] data = new byte[n];
        boolean[] readable = read(start, data);
        MemoryByte[] out = new MemoryByte[n];
        for (int i = 0; i < n; i++) {
            byte flags = readable[i] ? (byte) (MemoryByte.READABLE | MemoryByte.ENDIANESS_KNOWN) : 0;
            out[i] = new MemoryByte(data[i], flags);
        }
        return out;
    }

    /** Reads dst.length bytes from start, a page at a time; returns which bytes could be read. */
    private boolean[] read(long start, byte[] dst) throws DebugException {
        target().checkAlive();
        Inspector inspector = target().machine().inspector();
        boolean[] ok = new boolean[dst.length];
        int done = 0;
        while (done < dst.length) {
            long at = start + done;
            int chunk = (int) Math.min(dst.length - done, PAGE - (at & (PAGE - 1)));
            int got = hart < 0 ? inspector.readPhysical(at, dst, done, chunk) : inspector.readVirtual(hart, at, dst, done, chunk);
            for (int i = 0; i < Math.max(got, 0); i++) {
                ok[done + i] = true;
            }
            done += chunk;
        }
        return ok;
    }

    @Override
    public long getStartAddress() {
        return base;
    }

    @Override
    public long getLength() {
        return length;
    }

    /** The block's bytes; unreadable ones read as 0 (use {@link #getBytesFromAddress} to tell them apart). */
    @Override
    public byte[] getBytes() throws DebugException {
        byte[] data = new byte[(int) length];
        read(base, data);
        return data;
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        notSupported("guest memory is read-only in Hartbench's debugger", null);
    }

    @Override
    public void setValue(BigInteger offset, byte[] bytes) throws DebugException {
        notSupported("guest memory is read-only in Hartbench's debugger", null);
    }

    @Override
    public void connect(Object client) {
        if (!connections.contains(client)) {
            connections.add(client);
        }
    }

    @Override
    public void disconnect(Object client) {
        connections.remove(client);
    }

    @Override
    public Object[] getConnections() {
        return connections.toArray();
    }

    @Override
    public void dispose() {
        connections.clear();
    }

    @Override
    public IMemoryBlockRetrieval getMemoryBlockRetrieval() {
        return target();
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
