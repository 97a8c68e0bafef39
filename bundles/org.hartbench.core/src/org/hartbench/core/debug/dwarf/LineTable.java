package org.hartbench.core.debug.dwarf;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DWARF line table of an executable ({@code .debug_line}, versions 2 to 5): which source file
 * and line each pc came from. It runs every line-number program once and keeps the rows sorted
 * by address; {@link #lookup} is then a binary search.
 *
 * <p>Only what a debugger needs to open a file at a line is kept (no columns, no is_stmt). File
 * names are resolved against their include directory; DWARF 5 names directory 0 as the
 * compilation directory, so a kernel built on this machine resolves to absolute paths.
 */
public final class LineTable {

    /** A source position. */
    public record Location(Path file, int line) {
    }

    private record Row(long address, int file, int line, boolean end, int order) {
    }

    private final long[] addresses;
    private final int[] files;
    private final int[] lines;
    private final boolean[] ends;
    private final List<Path> paths;

    private LineTable(List<Row> rows, List<Path> paths) {
        rows.sort(Comparator.comparing(Row::address, Long::compareUnsigned)
                .thenComparing(r -> !r.end()).thenComparingInt(Row::order));
        int n = rows.size();
        addresses = new long[n];
        files = new int[n];
        lines = new int[n];
        ends = new boolean[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            addresses[i] = r.address();
            files[i] = r.file();
            lines[i] = r.line();
            ends[i] = r.end();
        }
        this.paths = List.copyOf(paths);
    }

    /** Reads the line table of an ELF file; a file without .debug_line gives an empty table. */
    public static LineTable read(Path elf) throws IOException {
        return parse(ElfSections.read(elf), elf.getFileName().toString());
    }

    static LineTable parse(ElfSections elf, String name) throws IOException {
        Optional<ByteBuffer> line = elf.section(".debug_line");
        if (line.isEmpty()) {
            return new LineTable(new ArrayList<>(), List.of());
        }
        Parser p = new Parser(line.get(), elf.section(".debug_line_str").orElse(null),
                elf.section(".debug_str").orElse(null));
        try {
            while (p.buf.remaining() > 0) {
                p.unit();
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(name + ": malformed .debug_line at offset " + p.buf.position(), e);
        }
        return new LineTable(p.rows, p.paths);
    }

    /** Rows kept, end-of-sequence markers included. */
    public int rowCount() {
        return addresses.length;
    }

    /** The source position of the instruction at pc, or empty when no line program covers it. */
    public Optional<Location> lookup(long pc) {
        int lo = 0;
        int hi = addresses.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], pc) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int i = lo - 1;
        if (i < 0 || ends[i] || lines[i] == 0 || files[i] < 0) {
            return Optional.empty(); // before every sequence, past one's end, or compiler-made code
        }
        return Optional.of(new Location(paths.get(files[i]), lines[i]));
    }

    /** Runs line-number programs, one unit at a time. */
    private static final class Parser {
        final ByteBuffer buf;
        private final ByteBuffer lineStr;
        private final ByteBuffer str;
        final List<Row> rows = new ArrayList<>();
        final List<Path> paths = new ArrayList<>();
        private final Map<Path, Integer> pathIndex = new HashMap<>();
        private boolean dwarf64;

        Parser(ByteBuffer buf, ByteBuffer lineStr, ByteBuffer str) {
            this.buf = buf;
            this.lineStr = lineStr;
            this.str = str;
        }

        void unit() throws IOException {
            long length = Integer.toUnsignedLong(buf.getInt());
            dwarf64 = length == 0xffff_ffffL;
            if (dwarf64) {
                length = buf.getLong();
            }
            int end = Math.toIntExact(buf.position() + length);
            int version = Short.toUnsignedInt(buf.getShort());
            if (version < 2 || version > 5) {
                throw new IOException("DWARF line table version " + version + " is not supported (2 to 5 are)");
            }
            int addressSize = 8;
            if (version >= 5) {
                addressSize = u8();
                u8(); // segment selector size
            }
            long headerLength = offset();
            int program = Math.toIntExact(buf.position() + headerLength);
            int minInst = u8();
            if (version >= 4) {
                u8(); // maximum operations per instruction: 1 on RISC-V (no VLIW)
            }
            u8(); // default_is_stmt
            int lineBase = buf.get();
            int lineRange = u8();
            int opcodeBase = u8();
            int[] argCounts = new int[opcodeBase];
            for (int i = 1; i < opcodeBase; i++) {
                argCounts[i] = u8();
            }
            List<Integer> fileTable = version >= 5 ? tables5() : tables4();
            buf.position(program);
            run(end, fileTable, addressSize, minInst, lineBase, lineRange, opcodeBase, argCounts);
            buf.position(end);
        }

        /** DWARF 5: directory and file entries described by (content type, form) lists; 0-based. */
        private List<Integer> tables5() throws IOException {
            List<String> dirs = new ArrayList<>();
            for (Object[] entry : entries()) {
                String dir = entry[0] == null ? "" : (String) entry[0];
                // Directory 0 is the compilation directory; the others may be relative to it.
                dirs.add(dirs.isEmpty() ? dir : Path.of(dirs.get(0)).resolve(dir).toString());
            }
            List<Integer> fileTable = new ArrayList<>();
            for (Object[] entry : entries()) {
                int dir = entry[1] == null ? 0 : ((Long) entry[1]).intValue();
                String dirName = dir < dirs.size() && dirs.get(dir) != null ? dirs.get(dir) : "";
                fileTable.add(entry[0] == null ? -1 : intern(Path.of(dirName).resolve((String) entry[0])));
            }
            return fileTable;
        }

        /** One DWARF 5 entry list; each entry as {path, directory index}. */
        private List<Object[]> entries() throws IOException {
            int formatCount = u8();
            long[][] formats = new long[formatCount][];
            for (int i = 0; i < formatCount; i++) {
                formats[i] = new long[] { uleb(), uleb() };
            }
            long count = uleb();
            List<Object[]> out = new ArrayList<>();
            for (long n = 0; n < count; n++) {
                Object[] entry = new Object[2];
                for (long[] f : formats) {
                    Object value = form((int) f[1]);
                    if (f[0] == 1) { // DW_LNCT_path
                        entry[0] = value;
                    } else if (f[0] == 2) { // DW_LNCT_directory_index
                        entry[1] = value;
                    }
                }
                out.add(entry);
            }
            return out;
        }

        /** Reads one attribute value: a String for string forms, a Long for numbers, null otherwise. */
        private Object form(int form) throws IOException {
            return switch (form) {
                case 0x08 -> string(); // DW_FORM_string
                case 0x1f -> ElfSections.cString(need(lineStr, ".debug_line_str"), Math.toIntExact(offset())); // line_strp
                case 0x0e -> ElfSections.cString(need(str, ".debug_str"), Math.toIntExact(offset())); // strp
                case 0x0b -> (long) u8(); // data1
                case 0x05 -> (long) Short.toUnsignedInt(buf.getShort()); // data2
                case 0x06 -> Integer.toUnsignedLong(buf.getInt()); // data4
                case 0x07 -> buf.getLong(); // data8
                case 0x0f -> uleb(); // udata
                case 0x1e -> skip(16); // data16 (MD5)
                case 0x09 -> skip(Math.toIntExact(uleb())); // block
                default -> throw new IOException("DWARF form 0x" + Integer.toHexString(form) + " in a line table header is not supported");
            };
        }

        /** DWARF 2 to 4: NUL-terminated lists; directory 0 is implicit and files count from 1. */
        private List<Integer> tables4() {
            List<String> dirs = new ArrayList<>();
            dirs.add("");
            for (String d = string(); !d.isEmpty(); d = string()) {
                dirs.add(d);
            }
            List<Integer> fileTable = new ArrayList<>();
            fileTable.add(-1);
            for (String f = string(); !f.isEmpty(); f = string()) {
                int dir = (int) uleb();
                uleb(); // modification time
                uleb(); // length
                fileTable.add(intern(Path.of(dir < dirs.size() ? dirs.get(dir) : "").resolve(f)));
            }
            return fileTable;
        }

        private void run(int end, List<Integer> fileTable, int addressSize, int minInst, int lineBase, int lineRange,
                int opcodeBase, int[] argCounts) {
            long address = 0;
            int file = 1;
            int line = 1;
            while (buf.position() < end) {
                int op = u8();
                if (op >= opcodeBase) { // special opcode: advance both, then add a row
                    int adjusted = op - opcodeBase;
                    address += (long) (adjusted / lineRange) * minInst;
                    line += lineBase + adjusted % lineRange;
                    emit(address, fileTable, file, line, false);
                    continue;
                }
                switch (op) {
                    case 0 -> { // extended opcode
                        long length = uleb();
                        int next = Math.toIntExact(buf.position() + length);
                        int sub = u8();
                        if (sub == 1) { // end_sequence
                            emit(address, fileTable, file, line, true);
                            address = 0;
                            file = 1;
                            line = 1;
                        } else if (sub == 2) { // set_address
                            address = addressSize == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
                        }
                        buf.position(next);
                    }
                    case 1 -> emit(address, fileTable, file, line, false); // copy
                    case 2 -> address += uleb() * minInst; // advance_pc
                    case 3 -> line += (int) sleb(); // advance_line
                    case 4 -> file = (int) uleb(); // set_file
                    case 8 -> address += (long) ((255 - opcodeBase) / lineRange) * minInst; // const_add_pc
                    case 9 -> address += Short.toUnsignedInt(buf.getShort()); // fixed_advance_pc
                    default -> {
                        for (int i = 0; i < argCounts[op]; i++) {
                            uleb(); // set_column, set_isa and unknown standard opcodes: skip their operands
                        }
                    }
                }
            }
        }

        private void emit(long address, List<Integer> fileTable, int file, int line, boolean end) {
            int path = file >= 0 && file < fileTable.size() ? fileTable.get(file) : -1;
            rows.add(new Row(address, path, line, end, rows.size()));
        }

        private int intern(Path p) {
            return pathIndex.computeIfAbsent(p.normalize(), k -> {
                paths.add(k);
                return paths.size() - 1;
            });
        }

        private static ByteBuffer need(ByteBuffer section, String name) throws IOException {
            if (section == null) {
                throw new IOException("the line table refers to " + name + ", which the file lacks");
            }
            return section;
        }

        private long offset() {
            return dwarf64 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
        }

        private int u8() {
            return Byte.toUnsignedInt(buf.get());
        }

        private Object skip(int n) {
            buf.position(buf.position() + n);
            return null;
        }

        private String string() {
            String s = ElfSections.cString(buf, buf.position());
            buf.position(buf.position() + s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1);
            return s;
        }

        private long uleb() {
            return leb128(false);
        }

        private long sleb() {
            return leb128(true);
        }

        /** A LEB128 number; bits beyond 64 are dropped, as no line table needs them. */
        private long leb128(boolean signed) {
            long result = 0;
            int shift = 0;
            int b;
            do {
                b = u8();
                if (shift < 64) {
                    result |= (long) (b & 0x7f) << shift;
                }
                shift += 7;
            } while ((b & 0x80) != 0);
            if (signed && shift < 64 && (b & 0x40) != 0) {
                result |= -1L << shift;
            }
            return result;
        }
    }
}
