#!/usr/bin/env python3
"""Make a device tree for exercising the kernel's trace path on QEMU.

QEMU's virt board has no hartbench,trace device. This reads the tree QEMU generates
(-machine virt,dumpdtb=FILE), shrinks /memory so the top of RAM is left alone, and adds a
hartbench,trace node whose registers live in that spare RAM. tools/trace-check.sh preloads
the device's read-only registers there (QEMU's generic loader), boots with -dtb, and reads
the rings back through gdb.

Usage: fdt-add-trace.py IN.dtb OUT.dtb DEVICE_ADDR KERNEL_RAM_BYTES
"""
import struct
import sys

BEGIN, END, PROP, NOP, FINISH = 1, 2, 3, 4, 9


def parse(blob):
    magic, total, off_struct, off_strings, off_rsv, version, _, boot_cpu, size_strings, size_struct = \
        struct.unpack(">10I", blob[:40])
    assert magic == 0xD00DFEED, "not a flattened device tree"
    strings = blob[off_strings:off_strings + size_strings]
    pos = off_struct
    stack = []
    root = None
    while True:
        (tok,) = struct.unpack(">I", blob[pos:pos + 4])
        pos += 4
        if tok == BEGIN:
            end = blob.index(b"\0", pos)
            node = {"name": blob[pos:end].decode(), "props": [], "children": []}
            pos = (end + 4) & ~3
            if stack:
                stack[-1]["children"].append(node)
            else:
                root = node
            stack.append(node)
        elif tok == END:
            stack.pop()
        elif tok == PROP:
            length, nameoff = struct.unpack(">II", blob[pos:pos + 8])
            pos += 8
            name = strings[nameoff:strings.index(b"\0", nameoff)].decode()
            stack[-1]["props"].append([name, blob[pos:pos + length]])
            pos = (pos + length + 3) & ~3
        elif tok == NOP:
            continue
        elif tok == FINISH:
            return root, boot_cpu


def serialize(root, boot_cpu):
    strings = bytearray()
    offsets = {}
    out = bytearray()

    def string_off(name):
        if name not in offsets:
            offsets[name] = len(strings)
            strings.extend(name.encode() + b"\0")
        return offsets[name]

    def emit(node):
        out.extend(struct.pack(">I", BEGIN))
        out.extend(node["name"].encode() + b"\0")
        while len(out) % 4:
            out.append(0)
        for name, value in node["props"]:
            out.extend(struct.pack(">III", PROP, len(value), string_off(name)))
            out.extend(value)
            while len(out) % 4:
                out.append(0)
        for child in node["children"]:
            emit(child)
        out.extend(struct.pack(">I", END))

    emit(root)
    out.extend(struct.pack(">I", FINISH))
    rsv = bytes(16)                        # an empty memory-reservation block
    off_rsv = 40
    off_struct = off_rsv + len(rsv)
    off_strings = off_struct + len(out)
    total = off_strings + len(strings)
    header = struct.pack(">10I", 0xD00DFEED, total, off_struct, off_strings, off_rsv, 17, 16,
                         boot_cpu, len(strings), len(out))
    return header + rsv + bytes(out) + bytes(strings)


def main():
    src, dst, addr, ram = sys.argv[1], sys.argv[2], int(sys.argv[3], 0), int(sys.argv[4], 0)
    root, boot_cpu = parse(open(src, "rb").read())
    for node in root["children"]:
        if node["name"].startswith("memory"):
            for prop in node["props"]:
                if prop[0] == "reg":
                    base = struct.unpack(">Q", prop[1][:8])[0]
                    prop[1] = struct.pack(">QQ", base, ram)
    soc = next(n for n in root["children"] if n["name"] == "soc")
    soc["children"].append({
        "name": "trace@%x" % addr,
        "props": [["compatible", b"hartbench,trace\0"], ["reg", struct.pack(">QQ", addr, 0x1000)]],
        "children": [],
    })
    open(dst, "wb").write(serialize(root, boot_cpu))


if __name__ == "__main__":
    main()
