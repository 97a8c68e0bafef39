package org.hartbench.emulator.internal.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The debugger's watchpoints on physical memory, shared by every hart of a board. Following
 * QEMU, a page holding a watched range is never entered in a hart's load or store TLB, so
 * accesses to it always take the {@link Mmu}'s slow path, and only the slow path looks at this
 * list: with no watchpoint set, the fast path is exactly what it was.
 *
 * <p>Thread safety: the list is replaced whole (copy on write) under this object's monitor and
 * read through a volatile field by the harts. Adding one bumps {@link #generation()}, which each
 * hart compares at the start of a run to drop TLB entries filled before the watchpoint existed.
 */
public final class WatchList {

    /** One watched range of physical addresses, [address, address + length). */
    record Range(long address, long length, boolean onRead, boolean onWrite) {
        boolean overlaps(long pa, long size) {
            return Long.compareUnsigned(pa - address, length) < 0 || Long.compareUnsigned(address - pa, size) < 0;
        }

        boolean overlapsPage(long pa) {
            return overlaps(pa & ~0xFFFL, 4096);
        }
    }

    private static final Range[] NONE = new Range[0];

    private volatile Range[] ranges = NONE;
    private volatile long generation;

    /** Adds a range; overlapping and identical ranges are kept apart (each is removed on its own). */
    public synchronized void add(long address, long length, boolean onRead, boolean onWrite) {
        if (length <= 0 || length > (1L << 30)) {
            throw new IllegalArgumentException("watchpoint length " + length + " is not between 1 and 2^30 bytes");
        }
        if (!onRead && !onWrite) {
            throw new IllegalArgumentException("a watchpoint watches reads, writes or both");
        }
        Range[] next = Arrays.copyOf(ranges, ranges.length + 1);
        next[ranges.length] = new Range(address, length, onRead, onWrite);
        ranges = next;
        generation++;
    }

    /** Removes one range added with the same arguments; returns false when there is none. */
    public synchronized boolean remove(long address, long length, boolean onRead, boolean onWrite) {
        List<Range> next = new ArrayList<>(Arrays.asList(ranges));
        boolean removed = next.remove(new Range(address, length, onRead, onWrite));
        ranges = next.toArray(NONE);
        // Pages that are no longer watched may be cached again after the next flush; no flush is
        // needed for correctness, since an uncached page is only slower.
        return removed;
    }

    /** True when no watchpoint is set (the slow path's one check in the common case). */
    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Changes whenever a range is added; see the class comment. */
    public long generation() {
        return generation;
    }

    /** True when some range of the access's kind lies on the page of pa: the TLB must not cache it. */
    boolean pageWatched(long pa, boolean write) {
        for (Range r : ranges) {
            if ((write ? r.onWrite : r.onRead) && r.overlapsPage(pa)) {
                return true;
            }
        }
        return false;
    }

    /** True when an access of size bytes at pa touches a range that watches its kind. */
    boolean hits(long pa, int size, boolean write) {
        for (Range r : ranges) {
            if ((write ? r.onWrite : r.onRead) && r.overlaps(pa, size)) {
                return true;
            }
        }
        return false;
    }
}
