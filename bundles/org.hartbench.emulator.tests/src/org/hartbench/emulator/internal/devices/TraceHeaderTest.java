package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hartbench.emulator.api.TraceType;
import org.hartbench.emulator.testsupport.CHeader;
import org.hartbench.emulator.testsupport.RepositoryRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kernel-sources/include/hartbench/trace.h is the single definition of the trace record, the
 * ring and the trace device's registers. This test reads it and checks the Java side against it.
 */
class TraceHeaderTest {

    private static CHeader header;

    @BeforeAll
    static void readHeader() throws IOException {
        header = CHeader.read(RepositoryRoot.resolve("kernel-sources/include/hartbench/trace.h"));
    }

    /** A field of a C struct with the offset and size natural alignment gives it. */
    private record Field(String name, int offset, int size) {
    }

    private static final Pattern FIELD = Pattern.compile(
            "(?:volatile\\s+)?(uint(8|16|32|64)_t|struct\\s+\\w+)\\s+(\\w+)\\s*(?:\\[(\\d*)\\])?");

    /**
     * Lays out struct name from the header with natural alignment (the RISC-V LP64 ABI rule for
     * these types). A flexible array member gets size 0. Nested struct types must be laid out first.
     */
    private static Map<String, Field> layout(String name, Map<String, int[]> knownStructs) {
        Matcher m = Pattern.compile("struct\\s+" + name + "\\s*\\{(.*?)\\};", Pattern.DOTALL).matcher(header.text());
        assertTrue(m.find(), "trace.h defines struct " + name);
        Map<String, Field> fields = new LinkedHashMap<>();
        int offset = 0;
        int maxAlign = 1;
        for (String decl : m.group(1).replaceAll("//[^\n]*", "").split(";")) {
            if (decl.isBlank()) {
                continue;
            }
            Matcher f = FIELD.matcher(decl.trim());
            assertTrue(f.matches(), "field declaration understood: " + decl.trim());
            int size;
            int align;
            if (f.group(2) != null) {
                size = Integer.parseInt(f.group(2)) / 8;
                align = size;
            } else {
                int[] sa = knownStructs.get(f.group(1).replaceAll("struct\\s+", ""));
                assertNotNull(sa, "layout of " + f.group(1) + " known");
                size = sa[0];
                align = sa[1];
            }
            int count = f.group(4) == null ? 1 : f.group(4).isEmpty() ? 0 : Integer.parseInt(f.group(4));
            offset = (offset + align - 1) / align * align;
            fields.put(f.group(3), new Field(f.group(3), offset, size * count));
            offset += size * count;
            maxAlign = Math.max(maxAlign, align);
        }
        int total = (offset + maxAlign - 1) / maxAlign * maxAlign;
        fields.put("sizeof", new Field("sizeof", total, maxAlign));
        return fields;
    }

    @Test
    void versionAndRecordSize() {
        assertEquals(header.value("TRACE_VERSION"), TraceRecordDecoder.VERSION);
        assertEquals(header.value("TRACE_RECORD_SIZE"), TraceRecordDecoder.RECORD_SIZE);
    }

    @Test
    void recordFieldOffsetsMatchTheDecoder() {
        Map<String, Field> r = layout("trace_record", Map.of());
        assertEquals(TraceRecordDecoder.RECORD_SIZE, r.get("sizeof").offset(), "sizeof(struct trace_record)");
        assertEquals(List.of("time", "type", "cpu", "tid", "pid", "arg0", "arg1", "sizeof"), new ArrayList<>(r.keySet()));
        assertEquals(new Field("time", TraceRecordDecoder.TIME_OFFSET, 8), r.get("time"));
        assertEquals(new Field("type", TraceRecordDecoder.TYPE_OFFSET, 2), r.get("type"));
        assertEquals(new Field("cpu", TraceRecordDecoder.CPU_OFFSET, 2), r.get("cpu"));
        assertEquals(new Field("tid", TraceRecordDecoder.TID_OFFSET, 4), r.get("tid"));
        assertEquals(new Field("pid", TraceRecordDecoder.PID_OFFSET, 4), r.get("pid"));
        assertEquals(new Field("arg0", TraceRecordDecoder.ARG0_OFFSET, 4), r.get("arg0"));
        assertEquals(new Field("arg1", TraceRecordDecoder.ARG1_OFFSET, 8), r.get("arg1"));
    }

    @Test
    void theLayoutCommentAgreesWithTheStruct() {
        // "//   0       8     time   ..." rows of the comment table
        Matcher row = Pattern.compile("//\\s+(\\d+)\\s+(\\d+)\\s+(\\w+)\\s").matcher(header.text());
        Map<String, Field> r = layout("trace_record", Map.of());
        int rows = 0;
        while (row.find()) {
            Field f = r.get(row.group(3));
            assertNotNull(f, "comment names a real field: " + row.group(3));
            assertEquals(f, new Field(row.group(3), Integer.parseInt(row.group(1)), Integer.parseInt(row.group(2))));
            rows++;
        }
        assertEquals(7, rows, "one comment row per field");
    }

    @Test
    void ringHeaderMatchesTheDecoder() {
        Map<String, Field> rec = layout("trace_record", Map.of());
        Map<String, Field> ring = layout("trace_ring",
                Map.of("trace_record", new int[] { rec.get("sizeof").offset(), rec.get("sizeof").size() }));
        assertEquals(TraceRecordDecoder.RING_HEAD_OFFSET, ring.get("head").offset());
        assertEquals(8, ring.get("head").size());
        assertEquals(TraceRecordDecoder.RING_HEADER_SIZE, ring.get("rec").offset(), "records follow the header");
    }

    @Test
    void everyRecordTypeMatchesTraceType() {
        List<String> inHeader = new ArrayList<>();
        for (String name : header.macros().keySet()) {
            if (name.startsWith("TR_") && !name.equals("TR_TYPE_COUNT")) {
                inHeader.add(name);
            }
        }
        List<String> inJava = new ArrayList<>();
        int max = 0;
        for (TraceType t : TraceType.values()) {
            inJava.add(t.headerName());
            assertTrue(header.defines(t.headerName()), "trace.h defines " + t.headerName());
            assertEquals(header.value(t.headerName()), t.number, t.headerName());
            max = Math.max(max, t.number);
        }
        assertEquals(inHeader, inJava, "the same types, in the same order");
        assertEquals(header.value("TR_TYPE_COUNT"), max + 1, "TR_TYPE_COUNT is one past the last type");
    }

    @Test
    void deviceRegistersMatchTraceDevice() {
        assertEquals(header.value("TRACEDEV_MAGIC"), TraceDevice.MAGIC);
        assertEquals(header.value("TRACEDEV_VERSION"), TraceDevice.VERSION);
        assertEquals(header.value("TRACEDEV_MAX_CPUS"), TraceDevice.MAX_CPUS_REG);
        assertEquals(header.value("TRACEDEV_RECORD_SIZE"), TraceDevice.RECORD_SIZE_REG);
        assertEquals(header.value("TRACEDEV_MAGIC_VALUE"), TraceDevice.MAGIC_VALUE);
        for (int cpu = 0; cpu < TraceDevice.MAX_CPUS; cpu++) {
            assertEquals(header.value("TRACEDEV_RING_ADDR", cpu), TraceDevice.ringAddrRegister(cpu), "RING_ADDR(" + cpu + ")");
            assertEquals(header.value("TRACEDEV_RING_SIZE", cpu), TraceDevice.ringSizeRegister(cpu), "RING_SIZE(" + cpu + ")");
        }
        for (String name : header.macros().keySet()) {
            if (name.startsWith("TRACEDEV_")) {
                assertTrue(List.of("TRACEDEV_MAGIC", "TRACEDEV_VERSION", "TRACEDEV_MAX_CPUS", "TRACEDEV_RECORD_SIZE",
                        "TRACEDEV_RING_ADDR", "TRACEDEV_RING_SIZE", "TRACEDEV_MAGIC_VALUE").contains(name),
                        name + " is a register this test does not check yet");
            }
        }
    }
}
