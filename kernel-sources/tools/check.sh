#!/bin/sh
# The reactor's quick kernel check: boot the default manifest under QEMU with two harts
# and verify that every hart came up, that user space ran (a thread per cpu, joined),
# that no page leaked, and that the kernel ended the run through the test finisher with
# "pass".
# Usage: tools/check.sh build/kernel.elf
set -u
ELF=${1:?usage: check.sh kernel.elf}
QEMU=${QEMU:-qemu-system-riscv64}
SMP=2
LOG=$(dirname "$ELF")/check.log

timeout 60 "$QEMU" -machine virt -bios none -kernel "$ELF" -smp $SMP -m 256M \
    -nographic -append "" </dev/null >"$LOG" 2>&1
status=$?
fail=0
say() { printf 'check: %-44s %s\n' "$1" "$2"; }

if [ $status -eq 0 ]; then say "finisher exit (0x5555 pass)" ok
else say "finisher exit (0x5555 pass)" "FAILED (qemu status $status)"; fail=1; fi

for cpu in $(seq 0 $((SMP - 1))); do
    if grep -q "cpu $cpu up" "$LOG"; then say "cpu $cpu came up" ok
    else say "cpu $cpu came up" FAILED; fail=1; fi
done

expect() {
    if grep -q "$2" "$LOG"; then say "$1" ok; else say "$1" FAILED; fail=1; fi
}
expect "user program started" "hello from user space"
expect "thread per cpu ran and was joined" "hello: PASS"
expect "manifest passed, no page leaked" "manifest default: PASS"

if [ $fail -ne 0 ]; then
    echo "check: FAILED; log follows ($LOG)"
    cat "$LOG"
    exit 1
fi
echo "check: all passed (log: $LOG)"
