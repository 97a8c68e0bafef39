package org.hartbench.emulator.internal.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.hartbench.emulator.internal.bus.Ram;

/**
 * The machine's pre-decoded instruction pages, indexed by RAM page number and shared by all
 * harts. A page gets an entry the first time any hart fetches from it. Every write into such a
 * page (a hart's store, an AMO, DMA, the ELF loader) drops exactly the slots it overlaps, so
 * self-modifying code on one hart is seen at once; fence.i drops everything, which also covers a
 * hart that decoded old bytes while another hart was writing new ones.
 *
 * <p>Thread safety: entries are created with compare-and-set so every hart sees the same page
 * object; reads of the table are plain (a hart that misses a brand-new entry on its store path
 * only skips an invalidation that fence.i will make up for).
 */
public final class CodeCache implements Ram.WriteObserver {

    private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(DecodedPage[].class);

    private final Ram ram;
    private final DecodedPage[] pages;

    public CodeCache(Ram ram) {
        this.ram = ram;
        this.pages = new DecodedPage[(int) (ram.size() >>> 12)];
        ram.setWriteObserver(this);
    }

    Ram ram() {
        return ram;
    }

    /** The decoded page for a RAM page index, created on first use. */
    DecodedPage page(int pageIndex) {
        DecodedPage p = pages[pageIndex];
        if (p != null) {
            return p;
        }
        DecodedPage fresh = new DecodedPage(ram, pageIndex << 12);
        DecodedPage witness = (DecodedPage) PAGES.compareAndExchange(pages, pageIndex, null, fresh);
        return witness == null ? fresh : witness;
    }

    @Override
    public boolean isCodePage(int pageIndex) {
        return pages[pageIndex] != null;
    }

    /** Fast check for the hart's store path: the RAM offset lies in a page with decoded code. */
    boolean isCodeAt(int ramOffset) {
        return pages[ramOffset >>> 12] != null;
    }

    @Override
    public void written(int offset, int length) {
        int end = offset + length;
        for (int page = offset >>> 12; page <= (end - 1) >>> 12; page++) {
            DecodedPage p = pages[page];
            if (p != null) {
                int pageStart = page << 12;
                p.invalidate(Math.max(offset, pageStart) - pageStart, Math.min(end, pageStart + 4096) - pageStart);
            }
        }
    }

    /**
     * Machine reset: drops every decoded page, as on a machine just built. Call only while no
     * hart runs; each hart's fetch TLB, which holds pages too, is flushed by its own reset.
     */
    public void reset() {
        java.util.Arrays.fill(pages, null);
    }

    /** fence.i: forget every decoded instruction. */
    void invalidateAll() {
        for (DecodedPage p : pages) {
            if (p != null) {
                p.invalidateAll();
            }
        }
    }
}
