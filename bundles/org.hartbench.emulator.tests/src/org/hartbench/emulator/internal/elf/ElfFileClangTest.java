package org.hartbench.emulator.internal.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ElfImage.Segment;
import org.hartbench.emulator.api.Symbol;
import org.hartbench.emulator.testsupport.ByteArrayGuestMemory;
import org.hartbench.emulator.testsupport.GuestPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ElfFile on real executables made by clang and ld.lld: the guest test programs, checked against
 * llvm-nm, and executables for other machines and classes, which must be rejected by name.
 * Skipped when the toolchain is missing.
 */
class ElfFileClangTest {

    private static final long RAM = 0x8000_0000L;

    @TempDir
    Path dir;

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, p.exitValue(), cmd + " failed:\n" + out);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void guestProgramLoadsAtTheResetAddress() throws IOException, ElfFormatException {
        ElfFile f = ElfFile.read(GuestPrograms.elf("hello"));
        assertEquals(RAM, f.entry());
        assertEquals(RAM, f.symbol("_start").orElseThrow().address());
        Symbol main = f.symbol("main").orElseThrow();
        assertTrue(main.function());
        assertEquals(main, f.symbolAt(main.address() + 2).orElseThrow());
        ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, 1 << 20);
        f.loadInto(ram, RAM, 1 << 20);
        byte[] first = new byte[16];
        ram.read(RAM, first, 0, 16);
        assertTrue(java.util.Arrays.equals(f.segmentBytes(0), 0, 16, first, 0, 16));
    }

    @Test
    void guestDataIsOnPagesOfItsOwn() throws IOException, ElfFormatException {
        for (String program : List.of("hello", "isa_rv64i", "traps", "virtio_blk")) {
            ElfFile f = ElfFile.read(GuestPrograms.elf(program));
            Set<Long> codePages = new TreeSet<>();
            for (Segment s : f.segments()) {
                if ((s.flags() & 1) != 0) {
                    for (long p = s.physicalAddress() >>> 12; p <= (s.physicalAddress() + s.memSize() - 1) >>> 12; p++) {
                        codePages.add(p);
                    }
                }
            }
            for (Segment s : f.segments()) {
                if ((s.flags() & 2) != 0) {
                    assertFalse(codePages.contains(s.physicalAddress() >>> 12), program + ": data shares a page with code");
                    assertEquals(0, s.physicalAddress() & 0xfff, program + ": data starts on a page boundary");
                }
            }
        }
    }

    @Test
    void symbolsMatchLlvmNm() throws IOException, ElfFormatException, InterruptedException {
        assumeTrue(onPath("llvm-nm"), "llvm-nm is not installed");
        Path elf = GuestPrograms.elf("traps");
        Set<String> expected = new TreeSet<>();
        for (String line : run(List.of("llvm-nm", "--defined-only", elf.toString())).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && "TtDdBbRr".contains(parts[1]) && !parts[2].startsWith(".L")) {
                expected.add(parts[2] + "@" + Long.parseUnsignedLong(parts[0], 16));
            }
        }
        Set<String> actual = new TreeSet<>();
        for (Symbol s : ElfFile.read(elf).symbols()) {
            actual.add(s.name() + "@" + s.address());
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }

    /** Builds a trivial static executable for another target with clang and ld.lld. */
    private Path foreign(String target, String name) throws IOException, InterruptedException {
        assumeTrue(GuestPrograms.toolsAvailable(), "clang and ld.lld are not installed");
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, "void _start(void) { for (;;) { } }\n");
        Path o = dir.resolve(name + ".o");
        Path elf = dir.resolve(name + ".elf");
        run(List.of("clang", "--target=" + target, "-ffreestanding", "-nostdlib", "-fno-pic", "-c", "-o", o.toString(),
                c.toString()));
        run(List.of("ld.lld", "-static", "-e", "_start", "-o", elf.toString(), o.toString()));
        return elf;
    }

    private static String rejection(Path elf) {
        return org.junit.jupiter.api.Assertions.assertThrows(ElfFormatException.class, () -> ElfFile.read(elf))
                .getMessage();
    }

    @Test
    void foreignExecutablesAreRejectedByName() throws IOException, InterruptedException {
        String x86 = rejection(foreign("x86_64-unknown-elf", "x86"));
        assertTrue(x86.contains("machine 62 (x86-64), expected RISC-V"), x86);
        String arm = rejection(foreign("aarch64-unknown-elf", "arm64"));
        assertTrue(arm.contains("machine 183 (AArch64)"), arm);
        String rv32 = rejection(foreign("riscv32-unknown-elf", "rv32"));
        assertTrue(rv32.contains("ELF class 32"), rv32);
        String mips = rejection(foreign("mips64-unknown-elf", "mips64"));
        assertTrue(mips.contains("big-endian"), mips);
    }

    @Test
    void anObjectFileIsNotAnExecutable() throws IOException, InterruptedException {
        assumeTrue(GuestPrograms.toolsAvailable(), "clang is not installed");
        Path c = dir.resolve("obj.c");
        Files.writeString(c, "int x;\n");
        Path o = dir.resolve("obj.o");
        run(List.of("clang", "--target=riscv64", "-march=rv64imac", "-c", "-o", o.toString(), c.toString()));
        assertTrue(rejection(o).contains("relocatable"));
    }
}
