// Entry of every guest test program, at 0x80000000 (the first bytes of .text).
// Contract from the board (QEMU virt with -bios none, and Hartbench's machine): every hart starts
// here in M-mode with a0 = hart id and a1 = the device tree's address.
// Each hart gets a 4 KiB stack, then calls main(hartid, dtb); main's return value ends the
// machine: 0 passes, anything else fails with that code. Harts past GUEST_MAX_HARTS park.
#include "guest.h"

    .section .text.entry, "ax"
    .globl _start
_start:
    // Clear every other register, so no dump shows what a machine's reset code left behind
    // (QEMU's reset ROM leaves t0 and a2 set; Hartbench's machine leaves them zero).
    .irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    li x\n, 0
    .endr
    li t0, GUEST_MAX_HARTS
    bgeu a0, t0, park
    la sp, __stacks_end
    slli t0, a0, 12
    sub sp, sp, t0
    li t0, 0
    call main
    bnez a0, 1f
    call finish_pass
1:  call finish_fail

    .globl park
park:
    wfi
    j park
