package org.hartbench.emulator.api;

/**
 * An ELF symbol.
 *
 * @param name    the symbol's name
 * @param address its value (a virtual address for code and data)
 * @param size    its st_size, 0 when unknown
 * @param function true for STT_FUNC
 */
public record Symbol(String name, long address, long size, boolean function) {

    /** True when addr lies inside [address, address + max(size, 1)). */
    public boolean contains(long addr) {
        return Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(addr - address, Math.max(size, 1)) < 0;
    }
}
