package org.hartbench.emulator.api;

/**
 * A file that cannot be loaded as an RV64 executable. The message says what is wrong in terms a
 * user can act on ("not an ELF file", "ELF class 32, expected 64", "machine 62 (x86-64), expected
 * RISC-V", "segment at 0x... lies outside RAM").
 */
public class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
