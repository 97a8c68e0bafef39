package org.hartbench.emulator.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A parsed RV64 ELF executable: where it starts, what it loads and which symbols it names. */
public interface ElfImage {

    /** The file it came from, or null when parsed from bytes. */
    Path path();

    /** e_entry. */
    long entry();

    /** PT_LOAD segments in file order. */
    List<Segment> segments();

    /** All named symbols, sorted by address. */
    List<Symbol> symbols();

    /** The symbol with this exact name. */
    Optional<Symbol> symbol(String name);

    /** The function or object symbol that contains addr, preferring functions. */
    Optional<Symbol> symbolAt(long addr);

    /**
     * A loadable segment.
     *
     * @param physicalAddress p_paddr, where the loader places it
     * @param virtualAddress  p_vaddr
     * @param fileSize        bytes taken from the file; the rest up to memSize is zero
     * @param memSize         p_memsz
     * @param flags           p_flags (PF_X = 1, PF_W = 2, PF_R = 4)
     */
    record Segment(long physicalAddress, long virtualAddress, long fileSize, long memSize, int flags) {
    }
}
