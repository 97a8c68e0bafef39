// RV64I: each group leaves its results in registers and dumps them all over the UART.
//   dump 0  arithmetic and logic, immediates, lui/auipc
//   dump 1  shifts, including amounts past 31/63 (only the low bits count) and W forms
//   dump 2  W arithmetic: 32-bit results sign-extended to 64
//   dump 3  loads: sign and zero extension of every width, stores of every width
//   dump 4  branches (a bit per taken branch) and jal/jalr link values
#include "guest.h"

    .data
    .balign 8
table:
    .dword 0x8182838485868788
    .dword 0x7fffffffffffffff
store_area:
    .dword 0
    .dword 0

    .text
    .globl main
main:
    bnez a0, park
    addi sp, sp, -16
    sd ra, 8(sp)

    // --- dump 0: arithmetic and logic
    li s0, 0x7fffffffffffffff
    addi s1, s0, 1              // wraps to INT64_MIN
    li t0, -1
    add s2, t0, t0              // -2
    sub s3, zero, s0            // -INT64_MAX
    slt s4, s1, s0              // 1: INT64_MIN < INT64_MAX
    sltu s5, s1, s0             // 0: unsigned 0x8000.. > 0x7fff..
    slti s6, t0, 0              // 1
    sltiu s7, t0, -1            // 0: all-ones is not below itself
    sltiu s8, zero, 1           // 1 (seqz)
    li t1, 0x0f0f0f0f0f0f0f0f
    li t2, 0x00ff00ff00ff00ff
    and s9, t1, t2
    or s10, t1, t2
    xor s11, t1, t2
    xori a0, t1, -1             // not
    andi a1, t0, -2048
    ori a2, zero, 2047
    lui a3, 0x80000             // sign-extended: 0xffffffff80000000
    lui a4, 0x7ffff
1:  auipc a5, 0                 // a5 = address of this instruction
    la a6, 1b
    sub a5, a5, a6              // 0 when auipc gives its own pc
    addi a7, zero, -1
    call dump_regs

    // --- dump 1: shifts
    li t0, 0x8000000000000001
    li t1, 65                   // only the low 6 bits count: shift by 1
    sll s0, t0, t1
    srl s1, t0, t1
    sra s2, t0, t1
    slli s3, t0, 63
    srli s4, t0, 63
    srai s5, t0, 63
    li t2, 33                   // W forms take the low 5 bits: shift by 1
    sllw s6, t0, t2
    srlw s7, t0, t2
    li t3, 0x80000000
    sraw s8, t3, t2             // 0xffffffffc0000000
    slliw s9, t3, 1             // 0
    srliw s10, t3, 31           // 1
    sraiw s11, t3, 31           // -1
    li a0, 0xfedcba9876543210
    slliw a1, a0, 4             // 0x65432100 sign-extended: positive
    srliw a2, a0, 4             // 0x07654321
    sraiw a3, a0, 4             // 0x07654321
    li t4, 0x89abcdef
    sraiw a4, t4, 4             // 0xfffffffff89abcde
    srliw a5, t4, 4             // 0x089abcde
    call dump_regs

    // --- dump 2: W arithmetic
    li t0, 0x7fffffff
    addiw s0, t0, 1             // 0xffffffff80000000
    addw s1, t0, t0             // 0xfffffffffffffffe
    li t1, 0x100000000
    addw s2, t1, zero           // 0: the high half is ignored
    subw s3, zero, t0           // 0xffffffff80000001
    li t2, 0x123456789
    addiw s4, t2, 0             // sext.w: 0x23456789
    li t3, 0xffffffff
    addiw s5, t3, 0             // -1
    subw s6, t1, t3             // 1
    addiw s7, zero, -2048
    call dump_regs

    // --- dump 3: loads and stores
    la t0, table
    lb s0, 0(t0)                // 0xffffffffffffff88
    lbu s1, 0(t0)               // 0x88
    lh s2, 0(t0)                // 0xffffffffffff8788
    lhu s3, 0(t0)               // 0x8788
    lw s4, 0(t0)                // 0xffffffff85868788
    lwu s5, 0(t0)               // 0x85868788
    ld s6, 0(t0)
    lb s7, 15(t0)               // 0x7f
    lw s8, 12(t0)               // 0x7fffffff
    la t1, store_area
    li t2, 0x1122334455667788
    sd t2, 0(t1)
    sb zero, 0(t1)
    sh zero, 2(t1)
    sw t0, 8(t1)
    ld s9, 0(t1)                // 0x1122334400007700
    lwu s10, 8(t1)              // low half of table's address
    sub s10, s10, t0            // 0 (table is below 4 GiB)
    sd zero, 8(t1)
    sb t2, 9(t1)
    ld s11, 8(t1)               // 0x8800
    call dump_regs

    // --- dump 4: branches and jumps
    li s0, 0
    li t0, -1
    li t1, 1
    beq t0, t0, 1f
    ori s0, s0, 1               // not reached
1:  bne t0, t1, 1f
    ori s0, s0, 2
1:  blt t0, t1, 1f              // -1 < 1
    ori s0, s0, 4
1:  bltu t0, t1, 1f             // 0xff..ff < 1: no
    ori s0, s0, 8               // reached
1:  bge t1, t0, 1f
    ori s0, s0, 16
1:  bgeu t1, t0, 1f             // 1 >= 0xff..ff: no
    ori s0, s0, 32              // reached
1:  bge t0, t0, 1f              // equal: taken
    ori s0, s0, 64
1:  jal s1, 2f
3:  j 4f
2:  la t2, 3b
    sub s1, s1, t2              // 0: jal links the next instruction
    la t3, 5f
    jalr s2, 8(t3)              // lands 8 bytes past 5f, links the next instruction
5:  .option push
    .option norvc
    ori s0, s0, 128             // skipped
    ori s0, s0, 256             // skipped
    .option pop
    la t4, 5b
    sub s2, s2, t4              // 0
    j 3b
4:  li s3, 0x1234
    call dump_regs

    ld ra, 8(sp)
    addi sp, sp, 16
    li a0, 0
    ret
