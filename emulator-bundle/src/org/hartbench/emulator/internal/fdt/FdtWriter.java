package org.hartbench.emulator.internal.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a flattened device tree blob, version 17 (last compatible version 16), as the Devicetree
 * Specification's "Flattened Devicetree (DTB) Format" chapter lays it out:
 * <pre>
 *   header (40 bytes, big-endian u32s)   magic 0xd00dfeed, totalsize, off_dt_struct, off_dt_strings,
 *                                        off_mem_rsvmap, version, last_comp_version,
 *                                        boot_cpuid_phys, size_dt_strings, size_dt_struct
 *   memory reservation block             (address, size) u64 pairs ending with (0, 0); here empty
 *   structure block                      BEGIN_NODE name | PROP len nameoff value | END_NODE ... END
 *   strings block                        property names, NUL-terminated, each stored once
 * </pre>
 * Build a tree by nesting {@link #beginNode}/{@link #endNode} and adding properties to the open
 * node before its first child, then call {@link #finish}. Misuse (a property after a child node,
 * unbalanced nodes) throws IllegalStateException: the generator is wrong, not the guest.
 */
public final class FdtWriter {

    public static final int MAGIC = 0xd00d_feed;
    public static final int VERSION = 17;
    public static final int LAST_COMPATIBLE_VERSION = 16;

    static final int BEGIN_NODE = 1;
    static final int END_NODE = 2;
    static final int PROP = 3;
    static final int END = 9;

    private static final int HEADER_SIZE = 40;
    private static final int RESERVE_MAP_SIZE = 16; // only the terminating (0, 0) entry

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();
    /** Per open node: whether it already has a child (then properties are too late). */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean finished;

    /** Opens a node; the root is named "". Names are "name" or "name@unit-address". */
    public FdtWriter beginNode(String name) {
        checkWritable();
        if (open.isEmpty() != name.isEmpty()) {
            throw new IllegalStateException(open.isEmpty() ? "the first node must be the root \"\""
                    : "only the root node has an empty name");
        }
        if (!open.isEmpty()) {
            open.peek()[0] = true;
        }
        word(BEGIN_NODE);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        struct.write(n, 0, n.length);
        struct.write(0);
        pad();
        open.push(new boolean[1]);
        return this;
    }

    public FdtWriter endNode() {
        checkWritable();
        if (open.isEmpty()) {
            throw new IllegalStateException("endNode without an open node");
        }
        open.pop();
        word(END_NODE);
        return this;
    }

    /** A property with raw bytes as its value. */
    public FdtWriter property(String name, byte[] value) {
        checkWritable();
        if (open.isEmpty()) {
            throw new IllegalStateException("property " + name + " outside any node");
        }
        if (open.peek()[0]) {
            throw new IllegalStateException("property " + name + " after a child node");
        }
        word(PROP);
        word(value.length);
        word(stringOffset(name));
        struct.write(value, 0, value.length);
        pad();
        return this;
    }

    /** A property with no value (a flag, such as interrupt-controller). */
    public FdtWriter propertyEmpty(String name) {
        return property(name, new byte[0]);
    }

    /** A property of 32-bit cells (big-endian). */
    public FdtWriter propertyCells(String name, int... cells) {
        ByteBuffer b = ByteBuffer.allocate(4 * cells.length);
        for (int c : cells) {
            b.putInt(c);
        }
        return property(name, b.array());
    }

    /** A property of 64-bit values, each as two cells (high first), as with #address-cells = 2. */
    public FdtWriter propertyLongs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return property(name, b.array());
    }

    /** A string-list property: each string NUL-terminated. */
    public FdtWriter propertyStrings(String name, String... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] s = v.getBytes(StandardCharsets.UTF_8);
            b.write(s, 0, s.length);
            b.write(0);
        }
        return property(name, b.toByteArray());
    }

    /** Closes the structure block and returns the blob. The writer cannot be used afterwards. */
    public byte[] finish(int bootCpuId) {
        checkWritable();
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " node(s) still open");
        }
        if (struct.size() == 0) {
            throw new IllegalStateException("no root node");
        }
        word(END);
        finished = true;
        int structOffset = HEADER_SIZE + RESERVE_MAP_SIZE;
        int stringsOffset = structOffset + struct.size();
        int total = stringsOffset + strings.size();
        ByteBuffer blob = ByteBuffer.allocate(total);
        blob.putInt(MAGIC).putInt(total).putInt(structOffset).putInt(stringsOffset).putInt(HEADER_SIZE)
                .putInt(VERSION).putInt(LAST_COMPATIBLE_VERSION).putInt(bootCpuId).putInt(strings.size())
                .putInt(struct.size());
        blob.putLong(0).putLong(0);
        blob.put(struct.toByteArray());
        blob.put(strings.toByteArray());
        return blob.array();
    }

    private void checkWritable() {
        if (finished) {
            throw new IllegalStateException("the blob is already finished");
        }
    }

    private int stringOffset(String name) {
        return stringOffsets.computeIfAbsent(name, n -> {
            int offset = strings.size();
            byte[] s = n.getBytes(StandardCharsets.US_ASCII);
            strings.write(s, 0, s.length);
            strings.write(0);
            return offset;
        });
    }

    private void word(int v) {
        struct.write(v >>> 24);
        struct.write(v >>> 16);
        struct.write(v >>> 8);
        struct.write(v);
    }

    private void pad() {
        while (struct.size() % 4 != 0) {
            struct.write(0);
        }
    }
}
