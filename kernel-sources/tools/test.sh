#!/bin/sh
# Run every smoke manifest under each cpu count and report "N passed, M failed".
#
# A run passes when the machine stops through the test finisher with "pass" and the log
# holds the manifest's PASS verdict (the kernel gives it only if every program exited 0
# and no page leaked). Logs go to build/test/NAME-smpN.log.
#
# Usage: tools/test.sh build/kernel.elf
#   SMOKES="ring thread"  the manifests to run (default: all smokes)
#   SMPS="1 2 4"          cpu counts
#   TIMEOUT=120           seconds per run: a run that takes longer counts as a deadlock
#   QEMU=...              the QEMU binary
#   EMU="cmd"             also run each case on Hartbench's emulator, once per mode in
#                         EMU_MODES (default "deterministic parallel"). The command is
#                         called as: cmd --mode MODE --smp N --append "BOOTARGS" ELF (the
#                         options of ./hartbench emu) and must exit with the finisher's
#                         status, like QEMU does.
#
# Besides the console lines it writes build/reports/TEST-kernel-smoke.xml (JUnit XML, one
# testcase per manifest, backend and cpu count) so the reactor's test summary counts them.
set -u
ELF=${1:?usage: test.sh kernel.elf}
QEMU=${QEMU:-qemu-system-riscv64}
SMOKES=${SMOKES:-"manifest console ring thread park procexit fuzz isolation stress process-scale thread-scale"}
SMPS=${SMPS:-"1 2 4"}
TIMEOUT=${TIMEOUT:-120}
EMU=${EMU:-}
EMU_MODES=${EMU_MODES:-"deterministic parallel"}
OUT=$(dirname "$ELF")/test
REPORTS=$(dirname "$ELF")/reports
mkdir -p "$OUT" "$REPORTS"
CASES=$OUT/cases.xml                     # the <testcase> elements, wrapped at the end
: >"$CASES"
total_secs=0

pass=0
fail=0
failed=""

run_case() {   # backend (qemu, deterministic or parallel), manifest, smp
    backend=$1 m=$2 n=$3
    log="$OUT/$m-$backend-smp$n.log"
    input=/dev/null                       # manifests/NAME.input is typed at the console
    [ -f "manifests/$m.input" ] && input="manifests/$m.input"
    start=$(date +%s)
    if [ "$backend" = qemu ]; then
        timeout "$TIMEOUT" "$QEMU" -machine virt -bios none -kernel "$ELF" -smp "$n" -m 256M \
            -nographic -append "manifest=$m" <"$input" >"$log" 2>&1
    else
        timeout "$TIMEOUT" $EMU --mode "$backend" --smp "$n" --append "manifest=$m" "$ELF" \
            <"$input" >"$log" 2>&1
    fi
    status=$?
    secs=$(( $(date +%s) - start ))
    if [ $status -eq 0 ] && grep -q "manifest $m: PASS" "$log"; then
        pass=$((pass + 1))
        printf 'test: %-13s %-13s smp %-2s PASS  %3ss\n' "$m" "$backend" "$n" "$secs"
        printf '  <testcase classname="kernel.%s.%s" name="smp%s" time="%s"/>\n' \
            "$backend" "$m" "$n" "$secs" >>"$CASES"
    else
        fail=$((fail + 1))
        why="exit status $status"
        [ $status -eq 124 ] && why="timed out after ${TIMEOUT}s (deadlock?)"
        grep -q "^panic:" "$log" && why="kernel panic"
        printf 'test: %-13s %-13s smp %-2s FAIL  %3ss  %s; log %s\n' "$m" "$backend" "$n" "$secs" "$why" "$log"
        grep -E "FAIL|check failed|panic" "$log" | head -5 | sed 's/^/      /'
        failed="$failed $m/$backend/smp$n"
        printf '  <testcase classname="kernel.%s.%s" name="smp%s" time="%s"><failure message="%s (log %s)"/></testcase>\n' \
            "$backend" "$m" "$n" "$secs" "$why" "$log" >>"$CASES"
    fi
    total_secs=$((total_secs + secs))
}

for m in $SMOKES; do
    for n in $SMPS; do
        run_case qemu "$m" "$n"
        if [ -n "$EMU" ]; then
            for mode in $EMU_MODES; do
                run_case "$mode" "$m" "$n"
            done
        fi
    done
done

{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    printf '<testsuite name="kernel smoke manifests" tests="%s" failures="%s" errors="0" skipped="0" time="%s">\n' \
        $((pass + fail)) "$fail" "$total_secs"
    cat "$CASES"
    echo '</testsuite>'
} >"$REPORTS/TEST-kernel-smoke.xml"
rm -f "$CASES"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] || { echo "failed:$failed"; exit 1; }
