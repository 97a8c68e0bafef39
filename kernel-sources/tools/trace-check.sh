#!/bin/sh
# Exercise the trace path on QEMU, which has no hartbench,trace device: boot with a device
# tree that declares one (tools/fdt-add-trace.py) in spare RAM preloaded with the device's
# identification registers, stop at machine_exit with gdb, and check the per-cpu rings
# against include/hartbench/trace.h: registered with the device, records of the expected
# types, cpu fields right, time never going backwards in a ring.
# Usage: tools/trace-check.sh build/kernel.elf [manifest] [smp]
set -eu
ELF=${1:?usage: trace-check.sh kernel.elf [manifest] [smp]}
MANIFEST=${2:-stress}
SMP=${3:-4}
QEMU=${QEMU:-qemu-system-riscv64}
OUT=$(dirname "$ELF")/trace-check
DEV=0x88000000          # the fake device: just above the 128 MiB the kernel is told about
PORT=${GDBPORT:-1240}
mkdir -p "$OUT"

"$QEMU" -machine virt,dumpdtb="$OUT/virt.dtb" -smp "$SMP" -m 256M -bios none >/dev/null 2>&1
python3 "$(dirname "$0")/fdt-add-trace.py" "$OUT/virt.dtb" "$OUT/trace.dtb" $DEV 0x8000000

# MAGIC, VERSION, MAX_CPUS, RECORD_SIZE (trace.h)
"$QEMU" -machine virt -bios none -kernel "$ELF" -dtb "$OUT/trace.dtb" -smp "$SMP" -m 256M \
    -nographic -append "manifest=$MANIFEST" \
    -device loader,addr=$DEV,data=0x48425452,data-len=4 \
    -device loader,addr=$((DEV + 4)),data=1,data-len=4 \
    -device loader,addr=$((DEV + 8)),data=32,data-len=4 \
    -device loader,addr=$((DEV + 12)),data=32,data-len=4 \
    -gdb tcp::$PORT -S </dev/null >"$OUT/console.log" 2>&1 &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT

cat >"$OUT/check.py" <<PY
import gdb
gdb.execute("target remote :$PORT")
gdb.execute("break machine_exit")
gdb.execute("continue")
names = {1: "switch", 2: "wakeup", 3: "ipi-send", 4: "ipi-recv", 5: "idle-enter", 6: "idle-exit",
         7: "shootdown-begin", 8: "shootdown-end", 9: "sqe", 10: "cqe", 11: "wait", 12: "wake",
         13: "lock", 14: "steal"}
ncpu = int(gdb.parse_and_eval("ncpu"))
inf = gdb.selected_inferior()
seen = {}
problems = []
for c in range(ncpu):
    ring = int(gdb.parse_and_eval("(unsigned long)cpus[%d].trace" % c))
    reg = int.from_bytes(bytes(inf.read_memory($DEV + 0x100 + 16 * c, 8)), "little")
    if ring == 0 or reg != ring:
        problems.append("cpu %d: ring %#x, device register %#x" % (c, ring, reg))
        continue
    head = int.from_bytes(bytes(inf.read_memory(ring, 8)), "little")
    n = min(head, 1024)
    last = 0
    for i in range(head - n, head):
        rec = bytes(inf.read_memory(ring + 64 + 32 * (i % 1024), 32))
        t = int.from_bytes(rec[0:8], "little")
        typ = int.from_bytes(rec[8:10], "little")
        cpu = int.from_bytes(rec[10:12], "little")
        seen[typ] = seen.get(typ, 0) + 1
        if cpu != c:
            problems.append("cpu %d: record %d says cpu %d" % (c, i, cpu))
        if t < last:
            problems.append("cpu %d: record %d goes back in time" % (c, i))
        if typ not in names:
            problems.append("cpu %d: record %d has unknown type %d" % (c, i, typ))
        last = t
    print("trace-check: cpu %d: %d records written, last %d read" % (c, head, n))
print("trace-check: types seen: " + ", ".join("%s %d" % (names.get(k, k), v) for k, v in sorted(seen.items())))
for k in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
    if k not in seen:
        problems.append("no %s records" % names[k])
for p in problems[:20]:
    print("trace-check: problem: " + p)
print("trace-check: %s" % ("FAIL" if problems else "PASS"))
gdb.execute("kill")
PY
timeout 120 gdb-multiarch -batch -x "$OUT/check.py" "$ELF" 2>&1 | grep "^trace-check" | tee "$OUT/result.txt"
grep -q "trace-check: PASS" "$OUT/result.txt"
