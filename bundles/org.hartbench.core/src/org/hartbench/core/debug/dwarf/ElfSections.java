package org.hartbench.core.debug.dwarf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named sections of an ELF64 little-endian file, read from its section headers. The
 * emulator's ELF reader keeps only what it loads (segments and symbols); the debug model also
 * needs the non-loaded DWARF sections, so it reads them here.
 */
public final class ElfSections {

    private final Map<String, ByteBuffer> sections;

    private ElfSections(Map<String, ByteBuffer> sections) {
        this.sections = sections;
    }

    /** Reads every section of a file; a malformed file gives an IOException naming the problem. */
    public static ElfSections read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.getFileName().toString());
    }

    static ElfSections parse(byte[] bytes, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || b.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            throw new IOException(name + " is not a 64-bit little-endian ELF file");
        }
        try {
            long shoff = b.getLong(0x28);
            int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
            int shnum = Short.toUnsignedInt(b.getShort(0x3c));
            int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
            if (shnum == 0 || shstrndx >= shnum || shentsize < 64) {
                return new ElfSections(Map.of());
            }
            ByteBuffer names = slice(b, header(b, shoff, shentsize, shstrndx));
            Map<String, ByteBuffer> out = new HashMap<>();
            for (int i = 1; i < shnum; i++) {
                int h = header(b, shoff, shentsize, i);
                if (b.getInt(h + 4) == 8) {
                    continue; // SHT_NOBITS (.bss) has no bytes in the file
                }
                out.put(cString(names, b.getInt(h)), slice(b, h));
            }
            return new ElfSections(out);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(name + " has a section header table that leaves the file", e);
        }
    }

    private static int header(ByteBuffer b, long shoff, int shentsize, int index) {
        return Math.toIntExact(shoff + (long) index * shentsize);
    }

    private static ByteBuffer slice(ByteBuffer b, int header) {
        int offset = Math.toIntExact(b.getLong(header + 0x18));
        int size = Math.toIntExact(b.getLong(header + 0x20));
        return b.slice(offset, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A NUL-terminated UTF-8 string at offset in buf. */
    static String cString(ByteBuffer buf, int offset) {
        int end = offset;
        while (buf.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - offset];
        buf.get(offset, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** A section's bytes (little-endian, position 0), or empty when the file lacks it. */
    public Optional<ByteBuffer> section(String name) {
        ByteBuffer s = sections.get(name);
        return s == null ? Optional.empty() : Optional.of(s.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }
}
