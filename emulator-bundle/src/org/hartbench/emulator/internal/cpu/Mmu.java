package org.hartbench.emulator.internal.cpu;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.hartbench.emulator.internal.bus.Bus;
import org.hartbench.emulator.internal.bus.Ram;

/**
 * One hart's view of memory: Sv39 translation, a flat direct-mapped software TLB per access kind
 * (fetch, load, store), and the load/store paths the interpreter calls.
 *
 * <p><b>TLB.</b> An entry maps a virtual page to a RAM page and is valid for one translation
 * context: its tag is the page address with a context number in the low 12 bits, made of a flush
 * generation and the kind of translation (0 physical, 1 Sv39 as S, 2 Sv39 as U). Changing
 * privilege just selects another context; a flush (sfence.vma, a satp write, a change of
 * mstatus.SUM or MXR) bumps the generation, so it costs nothing per entry. Only RAM pages are
 * cached; device registers always take the slow path. Entries are filled only after the
 * permission check and the A/D update for that kind succeeded, so a hit needs no further check.
 *
 * <p><b>A and D bits</b> are set by the page walk with a compare-and-set on the PTE; if another
 * hart changed the PTE meanwhile the walk starts again, so permission check and update are one
 * atomic step. A store through a page first seen by a load walks again and sets D.
 *
 * <p><b>Misaligned accesses</b> (chosen to match QEMU 7.2): ordinary loads and stores to RAM at
 * any alignment are performed, also across a page boundary (both pages are translated before a
 * store writes anything; a fault on the second page reports that page's first address in tval).
 * They are not atomic. A misaligned access to a device register raises an access fault. LR, SC
 * and AMOs must be naturally aligned and raise the address-misaligned exception otherwise (see
 * {@link Atomics}).
 *
 * <p>Only the thread running the hart uses this object; the inspector uses {@link #peek}, which
 * neither fills the TLB nor sets A/D bits.
 */
final class Mmu {
    static final int FETCH = 0, LOAD = 1, STORE = 2;


    private static final int TLB_SIZE = 512;
    private static final int TLB_MASK = TLB_SIZE - 1;
    private static final long PAGE_MASK = ~0xFFFL;
    /** Flush generations before the tags are really cleared (generation << 2 must stay below 0xFFF). */
    private static final int MAX_GENERATION = 1000;

    // PTE bits
    static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;
    private static final long PPN_MASK = (1L << 44) - 1;

    private final Hart hart;
    private final Ram ram;
    private final ByteBuffer mem;
    private final Bus bus;
    private final CodeCache code;

    private final long[] loadTag = new long[TLB_SIZE];
    private final int[] loadOffset = new int[TLB_SIZE];
    private final long[] storeTag = new long[TLB_SIZE];
    private final int[] storeOffset = new int[TLB_SIZE];
    private final long[] fetchTag = new long[TLB_SIZE];
    private final DecodedPage[] fetchPage = new DecodedPage[TLB_SIZE];

    /** Context numbers that valid tags carry in their low 12 bits. */
    private long dataContext, fetchContext;
    private int generation = 1;

    Mmu(Hart hart, Bus bus, CodeCache code) {
        this.hart = hart;
        this.bus = bus;
        this.ram = bus.ram();
        this.mem = ram.buffer();
        this.code = code;
        clearTags();
        contextChanged(false);
    }

    private void clearTags() {
        Arrays.fill(loadTag, -1L);
        Arrays.fill(storeTag, -1L);
        Arrays.fill(fetchTag, -1L);
        Arrays.fill(fetchPage, null);
    }

    /** Drops every cached translation (sfence.vma, satp writes). */
    void flush() {
        if (++generation > MAX_GENERATION) {
            clearTags();
            generation = 1;
        }
        contextChanged(false);
    }

    /** Privilege, MPRV or MPP changed; with flush, SUM or MXR changed too. */
    void contextChanged(boolean flush) {
        if (flush) {
            flush();
            return;
        }
        boolean sv39 = (hart.csr.satp >>> 60) == CsrFile.SATP_MODE_SV39;
        fetchContext = (long) generation << 2 | kind(hart.priv, sv39);
        dataContext = (long) generation << 2 | kind(effectiveDataPrivilege(), sv39);
    }

    private static int kind(int priv, boolean sv39) {
        return priv == 3 || !sv39 ? 0 : priv == 1 ? 1 : 2;
    }

    /** The privilege loads and stores use: mstatus.MPP when M-mode has MPRV set. */
    private int effectiveDataPrivilege() {
        long ms = hart.csr.mstatus;
        if (hart.priv == 3 && (ms & CsrFile.MPRV) != 0) {
            return (int) (ms >>> CsrFile.MPP_SHIFT) & 3;
        }
        return hart.priv;
    }

    // ---------------------------------------------------------------- fetch

    /** The decoded page holding pc, translating and filling the fetch TLB on a miss. */
    DecodedPage fetchPage(long pc) {
        int i = (int) (pc >>> 12) & TLB_MASK;
        if (fetchTag[i] == ((pc & PAGE_MASK) | fetchContext)) {
            return fetchPage[i];
        }
        long pa = translate(pc, FETCH, hart.priv);
        int offset = ram.offsetOf(pa & PAGE_MASK, 4096);
        if (offset < 0) {
            throw new Trap(Cause.INSTRUCTION_ACCESS_FAULT, pc);
        }
        DecodedPage page = code.page(offset >>> 12);
        fetchTag[i] = (pc & PAGE_MASK) | fetchContext;
        fetchPage[i] = page;
        return page;
    }

    /** Fetches the 16 bits at a virtual address (the upper half of a page-crossing instruction). */
    int fetchHalf(long va) {
        long pa = translate(va, FETCH, hart.priv);
        int offset = ram.offsetOf(pa, 2);
        if (offset < 0) {
            throw new Trap(Cause.INSTRUCTION_ACCESS_FAULT, va);
        }
        return ram.getShort(offset) & 0xFFFF;
    }

    // ---------------------------------------------------------------- loads

    long load64(long va) {
        int i = (int) (va >>> 12) & TLB_MASK;
        int off = (int) va & 0xFFF;
        if (loadTag[i] == ((va & PAGE_MASK) | dataContext) && off <= 4088) {
            return mem.getLong(loadOffset[i] + off);
        }
        return loadSlow(va, 8);
    }

    int load32(long va) {
        int i = (int) (va >>> 12) & TLB_MASK;
        int off = (int) va & 0xFFF;
        if (loadTag[i] == ((va & PAGE_MASK) | dataContext) && off <= 4092) {
            return mem.getInt(loadOffset[i] + off);
        }
        return (int) loadSlow(va, 4);
    }

    short load16(long va) {
        int i = (int) (va >>> 12) & TLB_MASK;
        int off = (int) va & 0xFFF;
        if (loadTag[i] == ((va & PAGE_MASK) | dataContext) && off <= 4094) {
            return mem.getShort(loadOffset[i] + off);
        }
        return (short) loadSlow(va, 2);
    }

    byte load8(long va) {
        int i = (int) (va >>> 12) & TLB_MASK;
        if (loadTag[i] == ((va & PAGE_MASK) | dataContext)) {
            return mem.get(loadOffset[i] + ((int) va & 0xFFF));
        }
        return (byte) loadSlow(va, 1);
    }

    /** TLB miss, device register, or an access that crosses a page. Returns the size bytes zero-extended. */
    private long loadSlow(long va, int size) {
        if (((int) va & 0xFFF) > 4096 - size) {
            long v = 0;
            for (int b = 0; b < size; b++) {
                v |= (loadSlow(va + b, 1) & 0xFF) << (8 * b);
            }
            return v;
        }
        long pa = translate(va, LOAD, effectiveDataPrivilege());
        int offset = ram.offsetOf(pa, size);
        boolean cache = watched(pa, size, false);
        if (offset >= 0) {
            if (cache) {
                int i = (int) (va >>> 12) & TLB_MASK;
                loadTag[i] = (va & PAGE_MASK) | dataContext;
                loadOffset[i] = offset & ~0xFFF;
            }
            return switch (size) {
                case 8 -> ram.getLong(offset);
                case 4 -> ram.getInt(offset) & 0xFFFF_FFFFL;
                case 2 -> ram.getShort(offset) & 0xFFFFL;
                default -> ram.getByte(offset) & 0xFFL;
            };
        }
        if ((pa & (size - 1)) == 0 && bus.canRead(pa, size)) {
            return bus.readDevice(pa, size);
        }
        throw new Trap(Cause.LOAD_ACCESS_FAULT, va);
    }

    // ---------------------------------------------------------------- stores

    void store64(long va, long v) {
        int i = (int) (va >>> 12) & TLB_MASK;
        int off = (int) va & 0xFFF;
        if (storeTag[i] == ((va & PAGE_MASK) | dataContext) && off <= 4088) {
            int a = storeOffset[i] + off;
            mem.putLong(a, v);
            if (code.isCodeAt(a)) {
                code.written(a, 8);
            }
            return;
        }
        storeSlow(va, v, 8);
    }

    void store32(long va, int v) {
        int i = (int) (va >>> 12) & TLB_MASK;
        int off = (int) va & 0xFFF;
        if (storeTag[i] == ((va & PAGE_MASK) | dataContext) && off <= 4092) {
            int a = storeOffset[i] + off;
            mem.putInt(a, v);
            if (code.isCodeAt(a)) {
                code.written(a, 4);
            }
            return;
        }
        storeSlow(va, v, 4);
    }

    void store16(long va, short v) {
        int i = (int) (va >>> 12) & TLB_MASK;
        int off = (int) va & 0xFFF;
        if (storeTag[i] == ((va & PAGE_MASK) | dataContext) && off <= 4094) {
            int a = storeOffset[i] + off;
            mem.putShort(a, v);
            if (code.isCodeAt(a)) {
                code.written(a, 2);
            }
            return;
        }
        storeSlow(va, v, 2);
    }

    void store8(long va, byte v) {
        int i = (int) (va >>> 12) & TLB_MASK;
        if (storeTag[i] == ((va & PAGE_MASK) | dataContext)) {
            int a = storeOffset[i] + ((int) va & 0xFFF);
            mem.put(a, v);
            if (code.isCodeAt(a)) {
                code.written(a, 1);
            }
            return;
        }
        storeSlow(va, v, 1);
    }

    private void storeSlow(long va, long v, int size) {
        int priv = effectiveDataPrivilege();
        if (((int) va & 0xFFF) > 4096 - size) {
            // Translate both pages before writing a byte, so a fault leaves memory unchanged.
            long last = va + size - 1;
            translate(va, STORE, priv);
            translate(last & PAGE_MASK, STORE, priv);
            for (int b = 0; b < size; b++) {
                storeSlow(va + b, v >>> (8 * b), 1);
            }
            return;
        }
        long pa = translate(va, STORE, priv);
        int offset = ram.offsetOf(pa, size);
        boolean cache = watched(pa, size, true);
        if (offset >= 0) {
            if (cache) {
                int i = (int) (va >>> 12) & TLB_MASK;
                storeTag[i] = (va & PAGE_MASK) | dataContext;
                storeOffset[i] = offset & ~0xFFF;
            }
            switch (size) {
                case 8 -> ram.setLong(offset, v);
                case 4 -> ram.setInt(offset, (int) v);
                case 2 -> ram.setShort(offset, (short) v);
                default -> ram.setByte(offset, (byte) v);
            }
            return;
        }
        if ((pa & (size - 1)) != 0 || !bus.writeDevice(pa, size, size == 8 ? v : v & ((1L << (8 * size)) - 1))) {
            throw new Trap(Cause.STORE_ACCESS_FAULT, va);
        }
    }

    /**
     * The RAM offset for an LR, SC or AMO: naturally aligned, translated for a load (LR) or a
     * store (SC, AMO; a store page needs read permission too), and in RAM, since device
     * registers do not support atomics on this board.
     */
    int atomicOffset(long va, int size, boolean isLoad) {
        if ((va & (size - 1)) != 0) {
            throw new Trap(isLoad ? Cause.LOAD_MISALIGNED : Cause.STORE_MISALIGNED, va);
        }
        long pa = translate(va, isLoad ? LOAD : STORE, effectiveDataPrivilege());
        int offset = ram.offsetOf(pa, size);
        if (offset < 0) {
            throw new Trap(isLoad ? Cause.LOAD_ACCESS_FAULT : Cause.STORE_ACCESS_FAULT, va);
        }
        // LR reads; SC writes; an AMO reads and writes: it is reported to both kinds of watchpoint.
        if (!hart.watches.isEmpty()) {
            watched(pa, size, false);
            if (!isLoad) {
                watched(pa, size, true);
            }
        }
        return offset;
    }

    /**
     * The slow path's watchpoint check (see {@link WatchList}): notes a watched access on the
     * hart, and returns whether the page may be cached in the TLB. With no watchpoint set this is
     * one array-length test.
     */
    private boolean watched(long pa, int size, boolean write) {
        WatchList w = hart.watches;
        if (w.isEmpty()) {
            return true;
        }
        if (w.hits(pa, size, write)) {
            hart.noteWatchHit(pa, size, write);
        }
        return !w.pageWatched(pa, write);
    }

    Ram ram() {
        return ram;
    }

    // ---------------------------------------------------------------- translation

    private boolean sv39() {
        return (hart.csr.satp >>> 60) == CsrFile.SATP_MODE_SV39;
    }

    /** Virtual to physical for an access by a privilege, or the architectural fault. */
    long translate(long va, int access, int priv) {
        if (priv == 3 || !sv39()) {
            return va;
        }
        return walk(va, access, priv);
    }

    private static Trap pageFault(int access, long va) {
        return new Trap(access == FETCH ? Cause.INSTRUCTION_PAGE_FAULT
                : access == LOAD ? Cause.LOAD_PAGE_FAULT : Cause.STORE_PAGE_FAULT, va);
    }

    private static Trap accessFault(int access, long va) {
        return new Trap(access == FETCH ? Cause.INSTRUCTION_ACCESS_FAULT
                : access == LOAD ? Cause.LOAD_ACCESS_FAULT : Cause.STORE_ACCESS_FAULT, va);
    }

    /** The Sv39 walk of the privileged spec, section 4.3.2, with hardware A/D updates. */
    private long walk(long va, int access, int priv) {
        if ((va >> 38) != 0 && (va >> 38) != -1) {
            throw pageFault(access, va);
        }
        long mstatus = hart.csr.mstatus;
        retry: for (;;) {
            long table = (hart.csr.satp & PPN_MASK) << 12;
            for (int level = 2; level >= 0; level--) {
                int offset = ram.offsetOf(table + ((va >>> (12 + 9 * level)) & 0x1FF) * 8, 8);
                if (offset < 0) {
                    throw accessFault(access, va);
                }
                long pte = ram.getLongVolatile(offset);
                if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W || (pte >>> 54) != 0) {
                    throw pageFault(access, va);
                }
                if ((pte & (PTE_R | PTE_X)) == 0) {
                    table = ((pte >>> 10) & PPN_MASK) << 12;
                    continue;
                }
                if (!permitted(pte, access, priv, mstatus)) {
                    throw pageFault(access, va);
                }
                long ppn = (pte >>> 10) & PPN_MASK;
                long lowMask = (1L << (9 * level)) - 1;
                if ((ppn & lowMask) != 0) {
                    throw pageFault(access, va); // misaligned superpage
                }
                long needed = PTE_A | (access == STORE ? PTE_D : 0);
                if ((pte & needed) != needed && !ram.casLong(offset, pte, pte | needed)) {
                    continue retry;
                }
                return (ppn << 12) | (va & ((lowMask << 12) | 0xFFF));
            }
            throw pageFault(access, va); // a pointer at level 0
        }
    }

    private static boolean permitted(long pte, int access, int priv, long mstatus) {
        boolean user = (pte & PTE_U) != 0;
        if (priv == 0 && !user) {
            return false;
        }
        if (access == FETCH) {
            return (pte & PTE_X) != 0 && !(priv == 1 && user);
        }
        if (priv == 1 && user && (mstatus & CsrFile.SUM) == 0) {
            return false;
        }
        if (access == STORE) {
            return (pte & PTE_W) != 0;
        }
        return (pte & PTE_R) != 0 || ((pte & PTE_X) != 0 && (mstatus & CsrFile.MXR) != 0);
    }

    /**
     * Translation for the inspector: the hart's current satp and privilege, no permission check,
     * no A/D update, no TLB fill. Returns -1 when the address is not mapped.
     */
    long peek(long va) {
        if (hart.priv == 3 || !sv39()) {
            return va;
        }
        if ((va >> 38) != 0 && (va >> 38) != -1) {
            return -1;
        }
        long table = (hart.csr.satp & PPN_MASK) << 12;
        for (int level = 2; level >= 0; level--) {
            int offset = ram.offsetOf(table + ((va >>> (12 + 9 * level)) & 0x1FF) * 8, 8);
            if (offset < 0) {
                return -1;
            }
            long pte = ram.getLong(offset);
            if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W || (pte >>> 54) != 0) {
                return -1;
            }
            long ppn = (pte >>> 10) & PPN_MASK;
            if ((pte & (PTE_R | PTE_X)) == 0) {
                table = ppn << 12;
                continue;
            }
            long lowMask = (1L << (9 * level)) - 1;
            if ((ppn & lowMask) != 0) {
                return -1;
            }
            return (ppn << 12) | (va & ((lowMask << 12) | 0xFFF));
        }
        return -1;
    }
}
