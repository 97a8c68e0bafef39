package org.hartbench.emulator.internal.board;

import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.internal.bus.Ram;
import org.hartbench.emulator.internal.cpu.CodeCache;
import org.hartbench.emulator.internal.elf.ElfFile;

/**
 * What RAM holds before a run: the device tree and whatever was loaded (ELF files, raw bytes).
 * It remembers each placement so that a machine reset can put RAM back to exactly that, as
 * QEMU copies its boot images again on {@code system_reset}: clear the pages written since the
 * last reset, drop the decoded code, and place everything again in the same order.
 *
 * <p>Thread safety: the board calls these methods under its own monitor, and only while no hart
 * runs (before start, or after the run's threads have left).
 */
final class RamContents {

    /** One placement; it fitted in RAM the first time, so placing it again cannot fail. */
    @FunctionalInterface
    private interface Placement {
        void placeInto(Ram ram) throws ElfFormatException;
    }

    private final Ram ram;
    private final CodeCache code;
    private final byte[] dtb;
    private final long dtbAddress;
    private final List<Placement> placements = new ArrayList<>();

    /** Places the device tree blob at dtbAddress. */
    RamContents(Ram ram, CodeCache code, byte[] dtb, long dtbAddress) {
        this.ram = ram;
        this.code = code;
        this.dtb = dtb.clone();
        this.dtbAddress = dtbAddress;
        ram.write(dtbAddress, this.dtb, 0, this.dtb.length);
    }

    long deviceTreeAddress() {
        return dtbAddress;
    }

    /** Places an ELF file's PT_LOAD segments; ElfFormatException when one lies outside RAM. */
    void load(ElfFile file) throws ElfFormatException {
        file.loadInto(ram, ram.base(), ram.size());
        placements.add(r -> file.loadInto(r, r.base(), r.size()));
    }

    /** Copies bytes to a physical address; IllegalArgumentException when they do not fit. */
    void loadBytes(long address, byte[] bytes) {
        byte[] copy = bytes.clone();
        if (!ram.write(address, copy, 0, copy.length)) {
            throw new IllegalArgumentException(String.format("%d bytes at 0x%x do not fit in RAM", bytes.length, address));
        }
        placements.add(r -> r.write(address, copy, 0, copy.length));
    }

    /**
     * RAM as it was before the first run: all zero but the device tree and, with reload, every
     * placement so far; without reload the placements are forgotten. Decoded code is dropped
     * (the harts' own resets flush the TLBs that point into it).
     */
    void restore(boolean reload) {
        code.reset();
        ram.clearWritten();
        ram.write(dtbAddress, dtb, 0, dtb.length);
        if (!reload) {
            placements.clear();
            return;
        }
        for (Placement p : placements) {
            try {
                p.placeInto(ram);
            } catch (ElfFormatException e) {
                throw new IllegalStateException("an image that fitted RAM before no longer does: " + e.getMessage(), e);
            }
        }
    }
}
