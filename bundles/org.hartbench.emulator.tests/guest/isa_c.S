// RVC: every RV64C instruction written out in its compressed form (c.* mnemonics, so the
// assembler cannot pick 32-bit encodings), with operands where the immediates' sign extension
// and scaling matter.
//   dump 0  c.li c.lui c.addi c.addiw c.addi16sp c.addi4spn c.slli c.srli c.srai c.andi
//   dump 1  c.mv c.add c.sub c.xor c.or c.and c.addw c.subw
//   dump 2  c.lw c.ld c.sw c.sd c.lwsp c.ldsp c.swsp c.sdsp
//   dump 3  c.j c.jr c.jalr c.beqz c.bnez (a bit per branch taken), link values
#include "guest.h"

    .data
    .balign 8
cdata:
    .dword 0x8877665544332211
    .dword 0xfedcba9876543210
cstore:
    .dword 0, 0

    .text
    .option rvc
    .globl main
main:
    bnez a0, park
    addi sp, sp, -64
    sd ra, 56(sp)

    // --- dump 0 (c.srli, c.srai, c.andi and c.addi4spn only reach x8..x15)
    c.li s2, -32                // smallest immediate
    c.li s3, 31
    c.lui s4, 0xfffe0           // nzimm[17:12] = -32: 0xfffffffffffe0000
    c.lui s5, 0x1f              // 0x1f000
    li s6, 100
    c.addi s6, -32              // 68
    li s7, 0x7fffffff
    c.addiw s7, 1               // 0xffffffff80000000
    li s8, 0x100000005
    c.addiw s8, 0               // sext.w: 5
    mv s9, sp
    c.addi16sp sp, -512
    sub s9, s9, sp              // 512
    c.addi16sp sp, 496
    c.addi16sp sp, 16
    c.addi4spn a0, sp, 1020     // sp + 1020
    sub a0, a0, sp              // 1020
    li s10, 0x8000000000000003
    c.slli s10, 62              // 0xc000000000000000
    li a1, 0x8000000000000001
    c.srli a1, 1                // 0x4000000000000000
    li a2, 0x8000000000000000
    c.srai a2, 63               // -1
    li a3, 0x0fff
    c.andi a3, -16              // 0x0ff0
    li a4, -1
    c.andi a4, 31               // 31
    call dump_regs

    // --- dump 1
    li s0, 0x7fffffff
    li s1, 1
    c.mv a0, s0
    c.add a0, s1                // 0x80000000 (64-bit add)
    c.mv a1, s0
    c.addw a1, s1               // 0xffffffff80000000
    li a2, 0
    c.subw a2, s1               // -1
    li a3, 0x100000000
    c.subw a3, s1               // -1: the high word is ignored
    li a4, 0x0f0f
    li a5, 0x00ff
    c.mv s1, a4
    c.xor s1, a5                // 0x0ff0
    c.mv s0, a4
    c.or s0, a5                 // 0x0fff
    c.and a4, a5                // 0x000f
    c.sub a5, a4                // 0x00f0
    call dump_regs

    // --- dump 2
    la s0, cdata
    c.lw a0, 4(s0)              // 0xffffffff88776655
    c.ld a1, 8(s0)
    la s1, cstore
    c.sw a0, 0(s1)
    c.sd a1, 8(s1)
    c.ld a2, 0(s1)              // upper word from the .dword 0: 0x0000000088776655
    c.ld a3, 8(s1)
    c.sdsp a1, 8(sp)
    c.swsp a0, 16(sp)
    c.ldsp a4, 8(sp)
    c.lwsp a5, 16(sp)           // sign-extended again
    call dump_regs

    // --- dump 3
    li s0, 0
    li a0, 0
    li a1, 5
    c.beqz a0, 1f
    ori s0, s0, 1
1:  c.bnez a0, 1f               // not taken
    ori s0, s0, 2               // reached
1:  c.bnez a1, 1f
    ori s0, s0, 4
1:  c.beqz a1, 1f               // not taken
    ori s0, s0, 8               // reached
1:  c.j 1f
    ori s0, s0, 16
1:  la t0, 2f
    c.jr t0
    ori s0, s0, 32
2:  la t1, 3f
    c.jalr t1                   // ra = the next instruction
4:  j 5f
3:  la t2, 4b
    sub s1, ra, t2              // 0
    c.jr ra
5:  call dump_regs

    ld ra, 56(sp)
    addi sp, sp, 64
    li a0, 0
    ret
