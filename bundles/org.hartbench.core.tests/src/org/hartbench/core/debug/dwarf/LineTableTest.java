package org.hartbench.core.debug.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DWARF line table of the real kernel: each C function's first instruction maps to the source
 * line that defines it, which the test reads from the C file itself.
 */
class LineTableTest {

    private static Path kernel() {
        Path elf = Path.of(System.getProperty("hartbench.repo", ".")).resolve("kernel-sources/build/kernel.elf");
        assertTrue(Files.isRegularFile(elf), "no kernel image at " + elf + ": build it with make -C kernel-sources all");
        return elf;
    }

    @Test
    void functionEntriesMapToTheLineThatDefinesThem() throws Exception {
        Path elf = kernel();
        LineTable table = LineTable.read(elf);
        assertTrue(table.rowCount() > 1000, "a kernel has many rows: " + table.rowCount());
        ElfImage image;
        try (Machine m = Machine.create(MachineConfig.defaults())) {
            image = m.load(elf);
        }
        for (String name : List.of("schedule", "idle_loop", "sched_tick")) {
            Symbol s = image.symbol(name).orElseThrow();
            LineTable.Location at = table.lookup(s.address()).orElseThrow(() -> new AssertionError("no line for " + name));
            assertTrue(at.file().getFileName().toString().endsWith(".c"), at.toString());
            List<String> source = Files.readAllLines(at.file());
            String text = source.get(at.line() - 1);
            assertTrue(text.contains(name + "("), name + " maps to " + at + ": '" + text + "'");
        }
    }

    @Test
    void addressesOutsideEveryLineProgramHaveNoLocation() throws Exception {
        LineTable table = LineTable.read(kernel());
        assertTrue(table.lookup(0x1000).isEmpty(), "below the kernel");
        assertTrue(table.lookup(0xffff_ffff_ffff_0000L).isEmpty(), "far above it");
    }

    @Test
    void aFileThatIsNotElfIsRefusedByName(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("notes.txt"), "not an executable");
        IOException e = assertThrows(IOException.class, () -> LineTable.read(bad));
        assertEquals("notes.txt is not a 64-bit little-endian ELF file", e.getMessage());
    }
}
