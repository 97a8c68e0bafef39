// dump_regs: prints x1..x31 as they are at the call (ra is the return address) over the UART,
// then restores every register, so a test can dump, compute more and dump again.
    .text
    .globl dump_regs
dump_regs:
    addi sp, sp, -256
    .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    sd x\n, (8 * \n)(sp)
    .endr
    addi t0, sp, 256        // the caller's sp
    sd t0, 16(sp)
    mv a0, sp
    call dump_regs_c
    .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    ld x\n, (8 * \n)(sp)
    .endr
    addi sp, sp, 256
    ret
