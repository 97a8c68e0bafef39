package org.hartbench.emulator.internal.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a device tree blob back into nodes and properties, checking the header and the token
 * stream as it goes. Written independently of {@link FdtWriter} (it follows the format, not the
 * writer), so that tests of the writer mean something; also reads QEMU's blobs.
 */
final class DtbReader {

    /** A node: its full path, its properties in blob order and its children. */
    record Node(String path, String name, Map<String, byte[]> properties, List<Node> children) {

        Optional<byte[]> property(String key) {
            return Optional.ofNullable(properties.get(key));
        }

        boolean has(String key) {
            return properties.containsKey(key);
        }

        /** The property as 32-bit big-endian cells. */
        int[] cells(String key) {
            byte[] v = properties.get(key);
            if (v == null) {
                throw new IllegalArgumentException(path + " has no " + key);
            }
            if (v.length % 4 != 0) {
                throw new IllegalArgumentException(path + "/" + key + " is " + v.length + " bytes, not cells");
            }
            int[] cells = new int[v.length / 4];
            ByteBuffer.wrap(v).asIntBuffer().get(cells);
            return cells;
        }

        int cell(String key) {
            int[] c = cells(key);
            if (c.length != 1) {
                throw new IllegalArgumentException(path + "/" + key + " has " + c.length + " cells");
            }
            return c[0];
        }

        /** The property as a list of NUL-terminated strings. */
        List<String> strings(String key) {
            byte[] v = properties.get(key);
            if (v == null) {
                throw new IllegalArgumentException(path + " has no " + key);
            }
            if (v.length == 0 || v[v.length - 1] != 0) {
                throw new IllegalArgumentException(path + "/" + key + " is not NUL-terminated");
            }
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < v.length; i++) {
                if (v[i] == 0) {
                    out.add(new String(v, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        }

        String string(String key) {
            return strings(key).get(0);
        }
    }

    /** The header fields. */
    record Header(int totalSize, int structOffset, int stringsOffset, int reserveMapOffset, int version,
            int lastCompatibleVersion, int bootCpu, int stringsSize, int structSize) {
    }

    private final ByteBuffer blob;
    private final Header header;
    private final Node root;
    private final Map<String, Node> byPath = new LinkedHashMap<>();
    private final Map<Integer, Node> byPhandle = new LinkedHashMap<>();

    DtbReader(byte[] bytes) {
        blob = ByteBuffer.wrap(bytes);
        if (bytes.length < 40 || blob.getInt(0) != 0xd00dfeed) {
            throw new IllegalArgumentException("not a device tree blob");
        }
        header = new Header(blob.getInt(4), blob.getInt(8), blob.getInt(12), blob.getInt(16), blob.getInt(20),
                blob.getInt(24), blob.getInt(28), blob.getInt(32), blob.getInt(36));
        if (header.totalSize() > bytes.length) {
            throw new IllegalArgumentException("totalsize " + header.totalSize() + " exceeds the " + bytes.length + " bytes given");
        }
        if (header.structOffset() % 4 != 0 || header.reserveMapOffset() % 8 != 0) {
            throw new IllegalArgumentException("misaligned block");
        }
        int pos = header.structOffset();
        if (blob.getInt(pos) != 1) {
            throw new IllegalArgumentException("structure block does not start with BEGIN_NODE");
        }
        int[] cursor = { pos + 4 };
        root = readNode(cursor, "");
        while (blob.getInt(cursor[0]) == 4) { // NOP
            cursor[0] += 4;
        }
        if (blob.getInt(cursor[0]) != 9) {
            throw new IllegalArgumentException("no END token after the root node");
        }
        if (cursor[0] + 4 - header.structOffset() != header.structSize()) {
            throw new IllegalArgumentException("size_dt_struct " + header.structSize() + " does not match the tokens ("
                    + (cursor[0] + 4 - header.structOffset()) + ")");
        }
        index(root);
    }

    private String cString(int at) {
        int end = at;
        while (blob.get(end) != 0) {
            end++;
        }
        return new String(blob.array(), at, end - at, StandardCharsets.US_ASCII);
    }

    private Node readNode(int[] cursor, String parentPath) {
        String name = cString(cursor[0]);
        cursor[0] = align4(cursor[0] + name.length() + 1);
        String path = parentPath.isEmpty() && name.isEmpty() ? "/" : (parentPath.equals("/") ? "/" : parentPath + "/") + name;
        Map<String, byte[]> props = new LinkedHashMap<>();
        List<Node> children = new ArrayList<>();
        while (true) {
            int token = blob.getInt(cursor[0]);
            cursor[0] += 4;
            switch (token) {
                case 3 -> {
                    if (!children.isEmpty()) {
                        throw new IllegalArgumentException(path + ": property after a child node");
                    }
                    int len = blob.getInt(cursor[0]);
                    int nameOff = blob.getInt(cursor[0] + 4);
                    if (nameOff < 0 || nameOff >= header.stringsSize()) {
                        throw new IllegalArgumentException(path + ": property name offset out of the strings block");
                    }
                    String key = cString(header.stringsOffset() + nameOff);
                    byte[] value = new byte[len];
                    blob.get(cursor[0] + 8, value);
                    if (props.put(key, value) != null) {
                        throw new IllegalArgumentException(path + ": duplicate property " + key);
                    }
                    cursor[0] = align4(cursor[0] + 8 + len);
                }
                case 1 -> children.add(readNode(cursor, path));
                case 2 -> {
                    return new Node(path, name, props, children);
                }
                case 4 -> {
                    // NOP
                }
                default -> throw new IllegalArgumentException(path + ": bad token " + token);
            }
        }
    }

    private static int align4(int v) {
        return (v + 3) & ~3;
    }

    private void index(Node n) {
        if (byPath.put(n.path(), n) != null) {
            throw new IllegalArgumentException("duplicate node " + n.path());
        }
        if (n.has("phandle") && byPhandle.put(n.cell("phandle"), n) != null) {
            throw new IllegalArgumentException("duplicate phandle in " + n.path());
        }
        for (Node c : n.children()) {
            index(c);
        }
    }

    Header header() {
        return header;
    }

    Node root() {
        return root;
    }

    Map<String, Node> nodes() {
        return byPath;
    }

    Node node(String path) {
        Node n = byPath.get(path);
        if (n == null) {
            throw new IllegalArgumentException("no node " + path + " (have " + byPath.keySet() + ")");
        }
        return n;
    }

    /** The node a phandle names. */
    Node byPhandle(int phandle) {
        Node n = byPhandle.get(phandle);
        if (n == null) {
            throw new IllegalArgumentException("no node with phandle " + phandle);
        }
        return n;
    }

    /** Entries of the memory reservation block, as (address, size) pairs. */
    List<long[]> reservations() {
        List<long[]> out = new ArrayList<>();
        for (int at = header.reserveMapOffset();; at += 16) {
            long a = blob.getLong(at);
            long s = blob.getLong(at + 8);
            if (a == 0 && s == 0) {
                return out;
            }
            out.add(new long[] { a, s });
        }
    }
}
