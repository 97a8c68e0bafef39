package org.hartbench.emulator.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the smallest RV64 executable the loader accepts: an ELF header and one PT_LOAD segment
 * holding an {@link Asm} program at its origin, no sections. For tests that go through
 * {@code Machine.load} or the command line without needing clang.
 */
public final class TinyElf {
    private TinyElf() {
    }

    private static final int EHDR = 64;
    private static final int PHDR = 56;

    public static Path write(Path file, Asm program) throws IOException {
        byte[] code = program.bytes();
        ByteBuffer b = ByteBuffer.allocate(EHDR + PHDR + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0 }).put(new byte[8]); // 64-bit, little-endian, v1
        b.putShort((short) 2).putShort((short) 243).putInt(1); // ET_EXEC, EM_RISCV, version
        b.putLong(program.origin()).putLong(EHDR).putLong(0); // entry, phoff, shoff
        b.putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) 1); // flags, sizes, phnum
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0); // shentsize, shnum, shstrndx
        b.putInt(1).putInt(7); // PT_LOAD, RWX
        b.putLong(EHDR + PHDR).putLong(program.origin()).putLong(program.origin()); // offset, vaddr, paddr
        b.putLong(code.length).putLong(code.length).putLong(8); // filesz, memsz, align
        b.put(code);
        Files.write(file, b.array());
        return file;
    }
}
