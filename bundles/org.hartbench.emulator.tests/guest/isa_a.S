// RV64A on one hart:
//   dump 0  AMO .d: each returns the old value and stores the operation's result
//   dump 1  AMO .w: old values sign-extended, upper word of memory untouched
//   dump 2  LR/SC: success writes 0, a second SC without a reservation fails (non-zero) and
//           does not store, a retry loop completes, lr.w sign-extends
#include "guest.h"

    .data
    .balign 16
dwords:
    .dword 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
words:
    .word 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    .balign 8
guard:
    .dword 0

    .text
    .globl main
main:
    bnez a0, park
    addi sp, sp, -16
    sd ra, 8(sp)

    // --- dump 0: doubleword AMOs, each on its own slot holding 0x8000000000000005
    la t0, dwords
    li t1, 0x8000000000000005
    li t2, 9
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8
    sd t1, (8 * \n)(t0)
    .endr
    amoswap.d s0, t2, (t0)
    addi t3, t0, 8
    amoadd.d s1, t2, (t3)
    addi t3, t0, 16
    amoand.d s2, t2, (t3)
    addi t3, t0, 24
    amoor.d s3, t2, (t3)
    addi t3, t0, 32
    amoxor.d s4, t2, (t3)
    addi t3, t0, 40
    amomax.d s5, t2, (t3)       // signed: 9 wins
    addi t3, t0, 48
    amomin.d s6, t2, (t3)       // signed: the negative value stays
    addi t3, t0, 56
    amomaxu.d s7, t2, (t3)      // unsigned: the big value stays
    addi t3, t0, 64
    amominu.d s8, t2, (t3)      // unsigned: 9 wins
    ld a0, 0(t0)
    ld a1, 8(t0)
    ld a2, 16(t0)
    ld a3, 24(t0)
    ld a4, 32(t0)
    ld a5, 40(t0)
    ld a6, 48(t0)
    ld a7, 56(t0)
    ld s9, 64(t0)
    call dump_regs

    // --- dump 1: word AMOs on 0x80000005 with 9; the guard word after them must not change
    la t0, words
    li t1, 0x80000005
    li t2, 9
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8
    sw t1, (4 * \n)(t0)
    .endr
    la t4, guard
    li t5, 0x1111111111111111
    sd t5, 0(t4)
    amoswap.w s0, t2, (t0)      // old value sign-extended: 0xffffffff80000005
    addi t3, t0, 4
    amoadd.w s1, t2, (t3)
    addi t3, t0, 8
    amoand.w s2, t2, (t3)
    addi t3, t0, 12
    amoor.w s3, t2, (t3)
    addi t3, t0, 16
    amoxor.w s4, t2, (t3)
    addi t3, t0, 20
    amomax.w s5, t2, (t3)
    addi t3, t0, 24
    amomin.w s6, t2, (t3)
    addi t3, t0, 28
    amomaxu.w s7, t2, (t3)
    addi t3, t0, 32
    amominu.w s8, t2, (t3)
    ld a0, 0(t0)
    ld a1, 8(t0)
    ld a2, 16(t0)
    ld a3, 24(t0)
    lw a4, 32(t0)
    ld a5, 0(t4)                // guard unchanged
    li t3, 0x7fffffff
    addi t4, t0, 36
    sw t3, 0(t4)
    amoadd.w a6, t1, (t4)       // 0x7fffffff + 0x80000005 wraps in 32 bits
    lw a7, 0(t4)                // 4
    call dump_regs

    // --- dump 2: LR/SC
    la t0, dwords
    li t1, 100
    sd t1, 0(t0)
    lr.d s0, (t0)               // 100
    addi t2, s0, 1
    sc.d s1, t2, (t0)           // 0: success
    sc.d s2, t2, (t0)           // non-zero: the reservation is gone
    ld s3, 0(t0)                // 101
    li s4, 3                    // a retry loop, as locks use it: add 1, three times
1:  lr.d t1, (t0)
    addi t1, t1, 1
    sc.d t2, t1, (t0)
    bnez t2, 1b
    addi s4, s4, -1
    bnez s4, 1b
    ld s5, 0(t0)                // 104
    la t0, words
    li t1, -5
    sw t1, 0(t0)
    lr.w s7, (t0)               // sign-extended -5
    li t2, 0x12345678
    sc.w s8, t2, (t0)           // 0
    lw s9, 0(t0)
    call dump_regs

    ld ra, 8(sp)
    addi sp, sp, 16
    li a0, 0
    ret
