// RV64M, where the specification is exact about edge cases:
//   dump 0  multiplication: low and high halves, signed, unsigned and mixed
//   dump 1  division by zero (quotient all ones, remainder the dividend) and signed overflow
//           (INT64_MIN / -1 = INT64_MIN, remainder 0)
//   dump 2  ordinary division and remainder with every sign combination
//   dump 3  the W forms: 32-bit operands and results, sign-extended, with the same edge cases
#include "guest.h"

    .text
    .globl main
main:
    bnez a0, park
    addi sp, sp, -16
    sd ra, 8(sp)

    // --- dump 0
    li t0, 0x123456789abcdef0
    li t1, -3
    li t2, 0xfedcba9876543210
    mul s0, t0, t1
    mulh s1, t0, t1             // -1: small negative product
    mulhu s2, t0, t1
    mulhsu s3, t1, t0           // signed -3 times unsigned
    mulh s4, t2, t2
    mulhu s5, t2, t2
    mulhsu s6, t2, t2
    li t3, 0x8000000000000000
    mulh s7, t3, t3             // 0x4000000000000000
    mul s8, t3, t1
    li t4, -1
    mulhsu s9, t4, t4           // -1 * (2^64-1): high half -1
    mulhu s10, t4, t4           // 0xfffffffffffffffe
    mul s11, t4, t4             // 1
    call dump_regs

    // --- dump 1
    li t0, 12345
    li t1, -7
    div s0, t0, zero            // -1
    divu s1, t0, zero           // 2^64-1
    rem s2, t0, zero            // 12345
    remu s3, t1, zero           // -7
    li t2, 0x8000000000000000
    li t3, -1
    div s4, t2, t3              // INT64_MIN
    rem s5, t2, t3              // 0
    divu s6, t2, t3             // 0
    remu s7, t2, t3             // INT64_MIN
    div s8, zero, zero          // -1
    rem s9, zero, zero          // 0
    call dump_regs

    // --- dump 2
    li t0, 100
    li t1, -7
    li t2, 7
    li t3, -100
    div s0, t0, t2              // 14
    rem s1, t0, t2              // 2
    div s2, t0, t1              // -14
    rem s3, t0, t1              // 2: the sign follows the dividend
    div s4, t3, t2              // -14
    rem s5, t3, t2              // -2
    div s6, t3, t1              // 14
    rem s7, t3, t1              // -2
    divu s8, t3, t2
    remu s9, t3, t2
    divu s10, t1, t1            // 1
    remu s11, t0, t3            // 100: the divisor is huge unsigned
    call dump_regs

    // --- dump 3
    li t0, 0x00000001fffffff0   // low word: -16
    li t1, 0x1234567800000003   // low word: 3
    li t2, 0x0000000080000000   // low word: INT32_MIN
    li t3, -1
    mulw s0, t0, t1             // -48
    li t4, 0x10000
    mulw s1, t4, t4             // 2^32 truncated: 0
    li t5, 0x40000000
    mulw s2, t5, t1             // 0xc0000000 sign-extended
    divw s3, t0, t1             // -5
    remw s4, t0, t1             // -1
    divuw s5, t0, t1            // 0xfffffff0 / 3 = 0x55555550, sign-extended: positive
    remuw s6, t0, t1            // 0
    divw s7, t2, t3             // overflow: INT32_MIN sign-extended
    remw s8, t2, t3             // 0
    divw s9, t0, zero           // -1
    remw s10, t0, zero          // -16 (the dividend's low word, sign-extended)
    divuw s11, t2, zero         // 0xffffffff sign-extended: -1
    remuw a0, t2, zero          // 0xffffffff80000000
    call dump_regs

    ld ra, 8(sp)
    addi sp, sp, 16
    li a0, 0
    ret
