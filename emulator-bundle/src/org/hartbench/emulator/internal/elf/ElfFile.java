package org.hartbench.emulator.internal.elf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.Symbol;
import org.hartbench.emulator.internal.bus.GuestMemory;

/**
 * An ELF64 little-endian RISC-V executable (the System V gABI and the RISC-V psABI): its entry,
 * its PT_LOAD segments, placed by physical address, and its .symtab symbols. Every field the
 * file controls is checked before use, and each rejection names the file and what is wrong in
 * terms a user can act on ("ELF class 32, expected 64", "machine 62 (x86-64), expected RISC-V").
 *
 * <p>Immutable once parsed; {@link #loadInto} may be called for any number of machines.
 */
public final class ElfFile implements ElfImage {

    public static final int EM_RISCV = 243;

    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int PT_LOAD = 1;
    private static final int ET_REL = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int ET_CORE = 4;
    private static final int SHT_SYMTAB = 2;
    private static final long SHF_ALLOC = 2;
    private static final int STT_NOTYPE = 0;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;
    /** Larger files are not kernels or test programs; refusing them keeps a typo from eating the heap. */
    private static final long MAX_FILE_SIZE = 512L << 20;

    private final Path path;
    private final String label;
    private final byte[] bytes;
    private final long entry;
    private final List<Segment> segments;
    private final long[] segmentFileOffsets;
    private final List<Symbol> symbols;
    /** Parallel to symbols: 0 for functions, 1 for objects, 2 for untyped labels (preference order). */
    private final int[] symbolRanks;
    private final long largestSymbolSize;
    private final Map<String, Symbol> byName;

    /**
     * Reads and parses a file.
     *
     * @throws FileNotFoundException "no such file: PATH" when it does not exist
     * @throws IOException           when it cannot be read
     * @throws ElfFormatException    when it is not an RV64 executable
     */
    public static ElfFile read(Path path) throws IOException, ElfFormatException {
        if (!Files.exists(path)) {
            throw new FileNotFoundException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("not a regular file: " + path);
        }
        long size = Files.size(path);
        if (size > MAX_FILE_SIZE) {
            throw new ElfFormatException(path + ": " + size + " bytes is too large for an executable (limit "
                    + MAX_FILE_SIZE + ")");
        }
        return new ElfFile(path, path.toString(), Files.readAllBytes(path));
    }

    /** Parses bytes that did not come from a file (path() is then null). */
    public static ElfFile parse(byte[] bytes, String label) throws ElfFormatException {
        return new ElfFile(null, label, bytes.clone());
    }

    private ElfFile(Path path, String label, byte[] bytes) throws ElfFormatException {
        this.path = path;
        this.label = label;
        this.bytes = bytes;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        checkIdentity();
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_RISCV) {
            throw error("machine " + machine + " (" + machineName(machine) + "), expected RISC-V (" + EM_RISCV + ")");
        }
        if (type != ET_EXEC) {
            throw error("ELF type " + type + " (" + typeName(type) + "), expected an executable (ET_EXEC)");
        }
        this.entry = b.getLong(24);
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;

        if (phnum > 0 && phentsize != PHDR_SIZE) {
            throw error("program header size " + phentsize + ", expected " + PHDR_SIZE);
        }
        checkRange("program headers", phoff, (long) phnum * PHDR_SIZE);
        List<Segment> segs = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * PHDR_SIZE);
            if (b.getInt(at) != PT_LOAD) {
                continue;
            }
            int flags = b.getInt(at + 4);
            long offset = b.getLong(at + 8);
            long vaddr = b.getLong(at + 16);
            long paddr = b.getLong(at + 24);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            if (Long.compareUnsigned(filesz, memsz) > 0) {
                throw error("segment " + segs.size() + " has file size 0x" + Long.toHexString(filesz)
                        + " larger than its memory size 0x" + Long.toHexString(memsz));
            }
            checkRange("segment " + segs.size() + " (program header " + i + ")", offset, filesz);
            if (paddr + memsz != 0 && Long.compareUnsigned(paddr + memsz, paddr) < 0) {
                throw error("segment " + segs.size() + " at 0x" + Long.toHexString(paddr) + " wraps around the address space");
            }
            segs.add(new Segment(paddr, vaddr, filesz, memsz, flags));
            offsets.add(offset);
        }
        if (segs.isEmpty()) {
            throw error("no loadable (PT_LOAD) segment");
        }
        this.segments = List.copyOf(segs);
        this.segmentFileOffsets = offsets.stream().mapToLong(Long::longValue).toArray();

        List<RankedSymbol> ranked = readSymbols(b, shoff, shentsize, shnum);
        ranked.sort(Comparator.comparing((RankedSymbol r) -> r.symbol().address(), Long::compareUnsigned)
                .thenComparing(r -> r.symbol().name()));
        List<Symbol> syms = new ArrayList<>(ranked.size());
        this.symbolRanks = new int[ranked.size()];
        Map<String, Symbol> names = new HashMap<>();
        Set<String> globalNames = new HashSet<>(); // bound to a global: a later global does not replace it
        long largest = 1;
        for (int i = 0; i < ranked.size(); i++) {
            RankedSymbol r = ranked.get(i);
            syms.add(r.symbol());
            symbolRanks[i] = r.rank();
            largest = Math.max(largest, r.symbol().size());
            Symbol previous = names.get(r.symbol().name());
            if (previous == null || (r.global() && !globalNames.contains(r.symbol().name()))) {
                names.put(r.symbol().name(), r.symbol());
                if (r.global()) {
                    globalNames.add(r.symbol().name());
                }
            }
        }
        this.symbols = Collections.unmodifiableList(syms);
        this.largestSymbolSize = largest;
        this.byName = names;
    }

    private record RankedSymbol(Symbol symbol, int rank, boolean global) {
    }

    private void checkIdentity() throws ElfFormatException {
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < Math.min(4, bytes.length); i++) {
                first.append(String.format(" %02x", bytes[i] & 0xff));
            }
            throw error(bytes.length == 0 ? "empty file, not an ELF file"
                    : "not an ELF file (starts with" + first + ", an ELF file starts with 7f 45 4c 46)");
        }
        if (bytes.length < 16) {
            throw error("truncated ELF header (" + bytes.length + " bytes, need " + EHDR_SIZE + ")");
        }
        int elfClass = bytes[4];
        if (elfClass == 1) {
            throw error("ELF class 32 (ELFCLASS32), expected 64 (an RV64 executable)");
        }
        if (elfClass != 2) {
            throw error("invalid ELF class " + elfClass + ", expected 64 (ELFCLASS64)");
        }
        int data = bytes[5];
        if (data == 2) {
            throw error("big-endian ELF (ELFDATA2MSB), expected little-endian as RISC-V uses");
        }
        if (data != 1) {
            throw error("invalid ELF data encoding " + data + ", expected little-endian (ELFDATA2LSB)");
        }
        if (bytes[6] != 1) {
            throw error("ELF version " + bytes[6] + ", expected 1");
        }
        if (bytes.length < EHDR_SIZE) {
            throw error("truncated ELF header (" + bytes.length + " bytes, need " + EHDR_SIZE + ")");
        }
    }

    private List<RankedSymbol> readSymbols(ByteBuffer b, long shoff, int shentsize, int shnum) throws ElfFormatException {
        List<RankedSymbol> out = new ArrayList<>();
        if (shnum == 0) {
            return out;
        }
        if (shentsize != SHDR_SIZE) {
            throw error("section header size " + shentsize + ", expected " + SHDR_SIZE);
        }
        checkRange("section headers", shoff, (long) shnum * SHDR_SIZE);
        long[] flags = new long[shnum];
        for (int i = 0; i < shnum; i++) {
            flags[i] = b.getLong((int) (shoff + (long) i * SHDR_SIZE) + 8);
        }
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * SHDR_SIZE);
            if (b.getInt(sh + 4) != SHT_SYMTAB) {
                continue;
            }
            long offset = b.getLong(sh + 24);
            long size = b.getLong(sh + 32);
            int link = b.getInt(sh + 40);
            long entsize = b.getLong(sh + 56);
            if (entsize != SYM_SIZE) {
                throw error("symbol table entry size " + entsize + ", expected " + SYM_SIZE);
            }
            checkRange("symbol table", offset, size);
            if (link <= 0 || link >= shnum) {
                throw error("symbol table links to section " + link + " of " + shnum);
            }
            int strSh = (int) (shoff + (long) link * SHDR_SIZE);
            long strOffset = b.getLong(strSh + 24);
            long strSize = b.getLong(strSh + 32);
            checkRange("string table", strOffset, strSize);
            for (long at = offset; at + SYM_SIZE <= offset + size; at += SYM_SIZE) {
                int name = b.getInt((int) at);
                int info = bytes[(int) at + 4] & 0xff;
                int shndx = b.getShort((int) at + 6) & 0xffff;
                long value = b.getLong((int) at + 8);
                long symSize = b.getLong((int) at + 16);
                int type = info & 0xf;
                boolean global = (info >>> 4) != 0;
                if (shndx == SHN_UNDEF || (type != STT_NOTYPE && type != STT_OBJECT && type != STT_FUNC)) {
                    continue;
                }
                if (shndx < SHN_LORESERVE && (shndx >= shnum || (flags[shndx] & SHF_ALLOC) == 0)) {
                    continue; // debug-section labels and the like are not program addresses
                }
                if (shndx >= SHN_LORESERVE && shndx != SHN_ABS) {
                    continue;
                }
                String text = string(strOffset, strSize, Integer.toUnsignedLong(name));
                if (text.isEmpty() || text.startsWith(".L")) {
                    continue;
                }
                int rank = type == STT_FUNC ? 0 : type == STT_OBJECT ? 1 : 2;
                out.add(new RankedSymbol(new Symbol(text, value, symSize, type == STT_FUNC), rank, global));
            }
        }
        return out;
    }

    private String string(long tableOffset, long tableSize, long index) throws ElfFormatException {
        if (index >= tableSize) {
            throw error("symbol name offset " + index + " is outside the string table (" + tableSize + " bytes)");
        }
        int start = (int) (tableOffset + index);
        int end = start;
        int limit = (int) (tableOffset + tableSize);
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        if (end == limit) {
            throw error("unterminated symbol name at string table offset " + index);
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private void checkRange(String what, long offset, long length) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
            throw error("truncated file: " + what + " at offset 0x" + Long.toHexString(offset) + " (0x"
                    + Long.toHexString(length) + " bytes) runs past the end of the file (0x"
                    + Integer.toHexString(bytes.length) + " bytes)");
        }
    }

    private ElfFormatException error(String what) {
        return new ElfFormatException(label + ": " + what);
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 0 -> "none";
            case 2 -> "SPARC";
            case 3 -> "x86 (i386)";
            case 8 -> "MIPS";
            case 20 -> "PowerPC";
            case 21 -> "PowerPC64";
            case 22 -> "S/390";
            case 40 -> "ARM (32-bit)";
            case 43 -> "SPARC V9";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            case 247 -> "BPF";
            case 258 -> "LoongArch";
            default -> "unknown";
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "no file type";
            case ET_REL -> "relocatable object: link it first";
            case ET_DYN -> "shared object or position-independent executable: link with -no-pie";
            case ET_CORE -> "core dump";
            default -> "unknown";
        };
    }

    /**
     * Copies every PT_LOAD segment to its physical address and zeroes the rest of its memory
     * size. All segments are checked first, so a rejected file leaves RAM untouched.
     *
     * @param ramBase  RAM's physical base
     * @param ramSize  RAM's size in bytes
     * @throws ElfFormatException naming the first segment that does not lie inside RAM
     */
    public void loadInto(GuestMemory ram, long ramBase, long ramSize) throws ElfFormatException {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            long start = s.physicalAddress();
            boolean inside = Long.compareUnsigned(start, ramBase) >= 0
                    && Long.compareUnsigned(s.memSize(), ramSize) <= 0
                    && Long.compareUnsigned(start - ramBase, ramSize - s.memSize()) <= 0;
            if (!inside || !ram.contains(start, s.memSize())) {
                throw error("segment " + i + " at 0x" + Long.toHexString(start) + "..0x"
                        + Long.toHexString(start + s.memSize()) + " lies outside RAM (0x" + Long.toHexString(ramBase)
                        + "..0x" + Long.toHexString(ramBase + ramSize) + ")");
            }
        }
        byte[] zeros = new byte[64 * 1024];
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            ram.write(s.physicalAddress(), bytes, (int) segmentFileOffsets[i], (int) s.fileSize());
            for (long at = s.fileSize(); at < s.memSize();) {
                int n = (int) Math.min(zeros.length, s.memSize() - at);
                ram.write(s.physicalAddress() + at, zeros, 0, n);
                at += n;
            }
        }
    }

    /** The bytes a segment takes from the file (a copy). */
    public byte[] segmentBytes(int index) {
        Segment s = segments.get(index);
        byte[] out = new byte[(int) s.fileSize()];
        System.arraycopy(bytes, (int) segmentFileOffsets[index], out, 0, out.length);
        return out;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public long entry() {
        return entry;
    }

    @Override
    public List<Segment> segments() {
        return segments;
    }

    @Override
    public List<Symbol> symbols() {
        return symbols;
    }

    @Override
    public Optional<Symbol> symbol(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<Symbol> symbolAt(long addr) {
        // Symbols are sorted by address; none that starts more than the largest size below addr
        // can contain it, which bounds the backward scan.
        int lo = 0;
        int hi = symbols.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(symbols.get(mid).address(), addr) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Symbol best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int i = lo - 1; i >= 0; i--) {
            Symbol s = symbols.get(i);
            if (Long.compareUnsigned(addr - s.address(), largestSymbolSize) >= 0) {
                break;
            }
            if (s.contains(addr) && symbolRanks[i] < bestRank) {
                best = s;
                bestRank = symbolRanks[i];
            }
        }
        return Optional.ofNullable(best);
    }
}
