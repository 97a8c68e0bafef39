package org.hartbench.core.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny ELF files for the launch tests, written by hand so that core's tests need neither the
 * kernel build nor a cross compiler. Instruction words are RV64I encodings; each program runs
 * on hart 0 from the reset address 0x8000_0000.
 */
final class GuestImages {
    private GuestImages() {
    }

    static final long RAM_BASE = 0x8000_0000L;

    /** Prints "hi\n" on the UART, then writes PASS (0x5555) to the SiFive test finisher. */
    static final int[] HELLO_THEN_PASS = {
        0x100002B7, // lui  t0, 0x10000        UART at 0x1000_0000
        0x06800313, // addi t1, zero, 'h'
        0x00628023, // sb   t1, 0(t0)
        0x06900313, // addi t1, zero, 'i'
        0x00628023, // sb   t1, 0(t0)
        0x00A00313, // addi t1, zero, '\n'
        0x00628023, // sb   t1, 0(t0)
        0x001002B7, // lui  t0, 0x100          finisher at 0x10_0000
        0x00005337, // lui  t1, 0x5
        0x55530313, // addi t1, t1, 0x555      0x5555: pass
        0x0062A023, // sw   t1, 0(t0)
        0x0000006F, // j    .
    };

    /** Spins for ever: a machine that only ends when the host stops it. */
    static final int[] SPIN = {
        0x0000006F, // j .
    };

    /** Writes an ET_EXEC RV64 ELF with one PT_LOAD segment at 0x8000_0000 holding the words. */
    static Path write(Path file, int[] words) throws IOException {
        return write(file, words, 243, words.length * 4L);
    }

    /**
     * The same with a chosen e_machine and p_memsz (to build a non-RISC-V file, or a segment that
     * does not fit in RAM).
     */
    static Path write(Path file, int[] words, int machine, long memSize) throws IOException {
        int headers = 64 + 56;
        ByteBuffer b = ByteBuffer.allocate(headers + words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }).put(new byte[8]);
        b.putShort((short) 2);          // e_type ET_EXEC
        b.putShort((short) machine);    // e_machine
        b.putInt(1);                    // e_version
        b.putLong(RAM_BASE);            // e_entry
        b.putLong(64);                  // e_phoff
        b.putLong(0);                   // e_shoff: no sections, no symbols
        b.putInt(0);                    // e_flags
        b.putShort((short) 64);         // e_ehsize
        b.putShort((short) 56);         // e_phentsize
        b.putShort((short) 1);          // e_phnum
        b.putShort((short) 64);         // e_shentsize
        b.putShort((short) 0);          // e_shnum
        b.putShort((short) 0);          // e_shstrndx
        b.putInt(1);                    // p_type PT_LOAD
        b.putInt(5);                    // p_flags R+X
        b.putLong(headers);             // p_offset
        b.putLong(RAM_BASE);            // p_vaddr
        b.putLong(RAM_BASE);            // p_paddr
        b.putLong(words.length * 4L);   // p_filesz
        b.putLong(memSize);             // p_memsz
        b.putLong(4);                   // p_align
        for (int w : words) {
            b.putInt(w);
        }
        return Files.write(file, b.array());
    }
}
