package org.hartbench.emulator.internal.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ElfImage.Segment;
import org.hartbench.emulator.api.Symbol;
import org.hartbench.emulator.testsupport.ByteArrayGuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ElfFile against hand-made files (one per rejection, and symbols) built by {@link TinyElf}. */
class ElfFileTest {

    private static final long RAM = 0x8000_0000L;
    private static final int RAM_SIZE = 1 << 20;

    @TempDir
    Path dir;

    /**
     * Writes a minimal ELF64 file: header, program headers, segment contents, and optionally a
     * .symtab/.strtab pair with a .text section for the symbols to live in.
     */
    static final class TinyElf {
        int elfClass = 2;
        int data = 1;
        int version = 1;
        int type = 2;
        int machine = 243;
        long entry = RAM;
        final List<long[]> segments = new ArrayList<>(); // type, paddr, vaddr, filesz, memsz, flags
        final List<byte[]> contents = new ArrayList<>();
        final List<Object[]> symbols = new ArrayList<>(); // name, value, size, info, shndx

        TinyElf load(long paddr, byte[] content, long memsz, int flags) {
            segments.add(new long[] { 1, paddr, paddr, content.length, memsz, flags });
            contents.add(content);
            return this;
        }

        TinyElf note() {
            segments.add(new long[] { 4, 0, 0, 0, 0, 4 });
            contents.add(new byte[0]);
            return this;
        }

        TinyElf symbol(String name, long value, long size, int type, boolean global) {
            symbols.add(new Object[] { name, value, size, (global ? 1 : 0) << 4 | type, 1 });
            return this;
        }

        byte[] build() {
            int phoff = 64;
            int dataOff = phoff + 56 * segments.size();
            int size = dataOff + contents.stream().mapToInt(c -> c.length).sum();
            byte[] strtab = strtab();
            int symOff = align8(size);
            int symSize = 24 * (symbols.size() + 1);
            int strOff = symOff + symSize;
            int shoff = align8(strOff + strtab.length);
            int shnum = symbols.isEmpty() ? 0 : 4; // null, .text, .symtab, .strtab
            ByteBuffer b = ByteBuffer.allocate(shnum == 0 ? size : shoff + 64 * shnum).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] { 0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) data, (byte) version });
            b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1).putLong(24, entry);
            b.putLong(32, phoff).putLong(40, shnum == 0 ? 0 : shoff).putShort(52, (short) 64);
            b.putShort(54, (short) 56).putShort(56, (short) segments.size());
            b.putShort(58, (short) 64).putShort(60, (short) shnum).putShort(62, (short) (shnum == 0 ? 0 : 3));
            int off = dataOff;
            for (int i = 0; i < segments.size(); i++) {
                long[] s = segments.get(i);
                int at = phoff + 56 * i;
                b.putInt(at, (int) s[0]).putInt(at + 4, (int) s[5]).putLong(at + 8, off).putLong(at + 16, s[2]);
                b.putLong(at + 24, s[1]).putLong(at + 32, s[3]).putLong(at + 40, s[4]).putLong(at + 48, 0x1000);
                b.put(off, contents.get(i));
                off += contents.get(i).length;
            }
            if (shnum > 0) {
                int nameAt = 1;
                for (int i = 0; i < symbols.size(); i++) {
                    Object[] s = symbols.get(i);
                    int at = symOff + 24 * (i + 1);
                    b.putInt(at, nameAt).put(at + 4, (byte) (int) (Integer) s[3]).putShort(at + 6, (short) (int) (Integer) s[4]);
                    b.putLong(at + 8, (Long) s[1]).putLong(at + 16, (Long) s[2]);
                    nameAt += ((String) s[0]).length() + 1;
                }
                b.put(strOff, strtab);
                section(b, shoff + 64, 1, 6, 0x1000, 0x1000); // .text: PROGBITS, ALLOC|EXEC
                section(b, shoff + 128, 2, 0, symOff, symSize).putInt(shoff + 128 + 40, 3).putLong(shoff + 128 + 56, 24);
                section(b, shoff + 192, 3, 0, strOff, strtab.length);
            }
            return b.array();
        }

        private static ByteBuffer section(ByteBuffer b, int at, int type, long flags, long offset, long size) {
            return b.putInt(at + 4, type).putLong(at + 8, flags).putLong(at + 24, offset).putLong(at + 32, size);
        }

        private byte[] strtab() {
            StringBuilder s = new StringBuilder("\0");
            for (Object[] sym : symbols) {
                s.append((String) sym[0]).append('\0');
            }
            return s.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static int align8(int v) {
            return (v + 7) & ~7;
        }
    }

    private static TinyElf valid() {
        return new TinyElf().load(RAM, new byte[] { 0x13, 0, 0, 0, 0x6f, 0, 0, 0 }, 8, 5)
                .load(RAM + 0x1000, new byte[] { 1, 2, 3, 4 }, 0x100, 6);
    }

    private static String rejection(byte[] file) {
        return assertThrows(ElfFormatException.class, () -> ElfFile.parse(file, "test.elf")).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message '" + message + "' should mention '" + p + "'");
        }
    }

    @Test
    void parsesEntryAndLoadSegments() throws ElfFormatException {
        TinyElf t = valid().note();
        t.entry = RAM + 4;
        ElfFile f = ElfFile.parse(t.build(), "test.elf");
        assertEquals(RAM + 4, f.entry());
        assertNull(f.path());
        assertEquals(List.of(new Segment(RAM, RAM, 8, 8, 5), new Segment(RAM + 0x1000, RAM + 0x1000, 4, 0x100, 6)),
                f.segments(), "only PT_LOAD segments, in file order");
        assertArrayEquals(new byte[] { 1, 2, 3, 4 }, f.segmentBytes(1));
    }

    @Test
    void loadCopiesSegmentsAndZeroesTheRest() throws ElfFormatException {
        ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, RAM_SIZE);
        byte[] junk = new byte[0x200];
        Arrays.fill(junk, (byte) 0xee);
        ram.write(RAM + 0x1000, junk, 0, junk.length);
        ElfFile.parse(valid().build(), "t").loadInto(ram, RAM, RAM_SIZE);
        assertEquals(0x13, ram.readByte(RAM));
        assertEquals(0x6f, ram.readByte(RAM + 4));
        assertEquals(0x04030201, ram.readInt(RAM + 0x1000));
        assertEquals(0, ram.readLong(RAM + 0x1004), "bss zeroed");
        assertEquals(0, ram.readByte(RAM + 0x10ff), "zeroed up to memsz");
        assertEquals((byte) 0xee, ram.readByte(RAM + 0x1100), "nothing past memsz touched");
    }

    @Test
    void segmentOutsideRamIsRejectedBeforeAnythingIsWritten() throws ElfFormatException {
        ElfFile f = ElfFile.parse(new TinyElf().load(RAM, new byte[] { 9 }, 1, 5)
                .load(RAM + RAM_SIZE - 8, new byte[16], 16, 6).build(), "k.elf");
        ByteArrayGuestMemory ram = new ByteArrayGuestMemory(RAM, RAM_SIZE);
        String m = assertThrows(ElfFormatException.class, () -> f.loadInto(ram, RAM, RAM_SIZE)).getMessage();
        assertMentions(m, "k.elf", "segment 1", "0x800ffff8", "outside RAM", "0x80000000..0x80100000");
        assertEquals(0, ram.readByte(RAM), "the first segment was not loaded either");
        ElfFile low = ElfFile.parse(new TinyElf().load(0x1000, new byte[4], 4, 5).build(), "low.elf");
        assertMentions(assertThrows(ElfFormatException.class, () -> low.loadInto(ram, RAM, RAM_SIZE)).getMessage(),
                "segment 0 at 0x1000");
        ElfFile huge = ElfFile.parse(new TinyElf().load(RAM, new byte[4], 2L << 20, 5).build(), "huge.elf");
        assertMentions(assertThrows(ElfFormatException.class, () -> huge.loadInto(ram, RAM, RAM_SIZE)).getMessage(),
                "outside RAM");
    }

    @Test
    void notAnElfFile() {
        assertMentions(rejection("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII)), "test.elf",
                "not an ELF file", "23 21 2f 62");
        assertMentions(rejection(new byte[0]), "empty file");
        assertMentions(rejection(new byte[] { 0x7f, 'E' }), "not an ELF file");
    }

    @Test
    void thirtyTwoBitClass() {
        TinyElf t = valid();
        t.elfClass = 1;
        assertMentions(rejection(t.build()), "ELF class 32", "expected 64");
        t.elfClass = 7;
        assertMentions(rejection(t.build()), "invalid ELF class 7");
    }

    @Test
    void bigEndian() {
        TinyElf t = valid();
        t.data = 2;
        assertMentions(rejection(t.build()), "big-endian", "little-endian");
        t.data = 0;
        assertMentions(rejection(t.build()), "invalid ELF data encoding 0");
    }

    @Test
    void badIdentVersion() {
        TinyElf t = valid();
        t.version = 0;
        assertMentions(rejection(t.build()), "ELF version 0");
    }

    @Test
    void otherMachinesAreNamed() {
        TinyElf t = valid();
        t.machine = 62;
        assertMentions(rejection(t.build()), "machine 62 (x86-64)", "expected RISC-V");
        t.machine = 183;
        assertMentions(rejection(t.build()), "machine 183 (AArch64)");
        t.machine = 40;
        assertMentions(rejection(t.build()), "ARM");
        t.machine = 9999;
        assertMentions(rejection(t.build()), "machine 9999 (unknown)");
    }

    @Test
    void onlyExecutables() {
        TinyElf t = valid();
        t.type = 3;
        assertMentions(rejection(t.build()), "ELF type 3", "position-independent", "ET_EXEC");
        t.type = 1;
        assertMentions(rejection(t.build()), "relocatable");
        t.type = 4;
        assertMentions(rejection(t.build()), "core dump");
    }

    @Test
    void truncatedFiles() {
        byte[] good = valid().build();
        assertMentions(rejection(Arrays.copyOf(good, 40)), "truncated ELF header (40 bytes, need 64)");
        assertMentions(rejection(Arrays.copyOf(good, 12)), "truncated ELF header");
        assertMentions(rejection(Arrays.copyOf(good, 100)), "truncated file", "program headers");
        assertMentions(rejection(Arrays.copyOf(good, good.length - 2)), "truncated file", "segment 1");
    }

    @Test
    void inconsistentSegments() {
        TinyElf t = new TinyElf().load(RAM, new byte[16], 8, 5);
        assertMentions(rejection(t.build()), "file size 0x10 larger than its memory size 0x8");
        assertMentions(rejection(new TinyElf().note().build()), "no loadable (PT_LOAD) segment");
        byte[] wrongSize = valid().build();
        wrongSize[54] = 32;
        assertMentions(rejection(wrongSize), "program header size 32");
        TinyElf wrap = new TinyElf().load(-16L, new byte[0], 32, 6);
        assertMentions(rejection(wrap.build()), "wraps around");
    }

    @Test
    void hostileOffsetsNeverEscapeAsRuntimeExceptions() {
        byte[] good = valid().symbol("main", RAM, 8, 2, true).build();
        java.util.Random random = new java.util.Random(1234);
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 4; k++) {
                bad[16 + random.nextInt(bad.length - 16)] = (byte) random.nextInt();
            }
            try {
                ElfFile.parse(bad, "fuzz.elf").symbolAt(RAM + random.nextInt(64));
            } catch (ElfFormatException expected) {
                assertTrue(expected.getMessage().startsWith("fuzz.elf: "));
            }
        }
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("kernel.elf");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> ElfFile.read(missing));
        assertEquals("no such file: " + missing, e.getMessage());
        IOException d = assertThrows(IOException.class, () -> ElfFile.read(dir));
        assertMentions(d.getMessage(), "not a regular file");
    }

    @Test
    void readFromAFileKeepsItsPath() throws IOException, ElfFormatException {
        Path p = dir.resolve("ok.elf");
        Files.write(p, valid().build());
        ElfFile f = ElfFile.read(p);
        assertEquals(p, f.path());
        Files.write(p, "garbage!".getBytes(StandardCharsets.US_ASCII));
        assertMentions(assertThrows(ElfFormatException.class, () -> ElfFile.read(p)).getMessage(), p.toString(),
                "not an ELF file");
    }

    @Test
    void symbolsAreSortedAndLookedUp() throws ElfFormatException {
        TinyElf t = valid()
                .symbol("zeta", RAM + 0x40, 0x10, 2, true)
                .symbol("alpha", RAM, 0x40, 2, true)
                .symbol("table", RAM + 0x44, 8, 1, true) // an object inside zeta
                .symbol("label", RAM + 0x48, 0, 0, false) // untyped, size 0
                .symbol("alpha", RAM + 0x80, 4, 2, false) // a local with a global's name
                .symbol(".Ltmp", RAM + 0x4, 0, 0, false)
                .symbol("sect", RAM, 0, 3, false); // STT_SECTION: skipped
        ElfFile f = ElfFile.parse(t.build(), "s.elf");
        List<String> names = f.symbols().stream().map(Symbol::name).toList();
        assertEquals(List.of("alpha", "zeta", "table", "label", "alpha"), names);
        assertEquals(new Symbol("alpha", RAM, 0x40, true), f.symbol("alpha").orElseThrow(), "the global wins");
        assertFalse(f.symbol(".Ltmp").isPresent());
        assertFalse(f.symbol("nope").isPresent());
        assertEquals("alpha", f.symbolAt(RAM + 0x3f).orElseThrow().name());
        assertEquals("zeta", f.symbolAt(RAM + 0x44).orElseThrow().name(), "a function wins over an object");
        assertEquals("zeta", f.symbolAt(RAM + 0x48).orElseThrow().name(), "and over an untyped label");
        assertFalse(f.symbolAt(RAM + 0x50).isPresent(), "past zeta's end");
        assertFalse(f.symbolAt(RAM - 1).isPresent());
        assertEquals("alpha", f.symbolAt(RAM + 0x83).orElseThrow().name());
    }
}
