package org.hartbench.emulator.internal.cpu;

import org.hartbench.emulator.internal.bus.Ram;

/**
 * Builds Sv39 page tables directly in a rig's RAM, for the MMU tests. Tables are allocated from
 * a pool of physical pages; leaves get V and the given flags, nothing else is set implicitly
 * (so tests control A and D).
 */
final class PageTables {
    static final long V = 1, R = 2, W = 4, X = 8, U = 16, G = 32, A = 64, D = 128;
    static final long RWX = R | W | X;

    private final Ram ram;
    final long root;
    private long nextFree;

    /** Tables live from pool upward; pool must be page-aligned and in RAM. */
    PageTables(Ram ram, long pool) {
        this.ram = ram;
        this.root = pool;
        this.nextFree = pool + 4096;
    }

    long satp() {
        return 8L << 60 | root >>> 12;
    }

    /** Maps va to pa with a leaf at level (0: 4 KiB, 1: 2 MiB, 2: 1 GiB). */
    void map(long va, long pa, long flags, int level) {
        long table = root;
        for (int l = 2; l > level; l--) {
            long address = table + index(va, l) * 8;
            long pte = ram.readLong(address);
            if ((pte & V) == 0) {
                long page = nextFree;
                nextFree += 4096;
                ram.zero(page, 4096);
                pte = (page >>> 12) << 10 | V;
                ram.writeLong(address, pte);
            }
            table = ((pte >>> 10) & ((1L << 44) - 1)) << 12;
        }
        ram.writeLong(table + index(va, level) * 8, (pa >>> 12) << 10 | flags | V);
    }

    /** Physical address of the leaf PTE for va (which must be mapped). */
    long leafAddress(long va) {
        long table = root;
        for (int l = 2; l >= 0; l--) {
            long address = table + index(va, l) * 8;
            long pte = ram.readLong(address);
            if ((pte & (R | X)) != 0 || l == 0) {
                return address;
            }
            table = ((pte >>> 10) & ((1L << 44) - 1)) << 12;
        }
        throw new IllegalStateException();
    }

    long leaf(long va) {
        return ram.readLong(leafAddress(va));
    }

    void setLeaf(long va, long pte) {
        ram.writeLong(leafAddress(va), pte);
    }

    private static long index(long va, int level) {
        return (va >>> (12 + 9 * level)) & 0x1FF;
    }
}
