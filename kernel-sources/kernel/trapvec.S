# Supervisor trap entry and user return.
#
# sscratch is 0 while the kernel runs and holds the struct cpu pointer while user code
# runs (where tp belongs to the user). Swapping it with tp on entry tells the two cases
# apart: non-zero means we came from user mode and tp is now our cpu.
#
# From user: registers go into the struct trapframe at the top of the thread's kernel
# stack (cpu->kstack_top), then usertrap(frame) runs and user_return() comes back
# through userret. From the kernel: caller-saved registers go on the current stack and
# kerneltrap() handles the interrupt (kernel code never takes exceptions on purpose).

#define CPU_KSTACK_TOP 0
#define CPU_USER_SP    8
#define TF_SIZE        272
#define TF_SEPC        248
#define TF_SSTATUS     256
#define KF_SIZE        160

        .section .text
        .globl trapvec
        .balign 4
trapvec:
        csrrw   tp, sscratch, tp
        bnez    tp, from_user
        csrrw   tp, sscratch, zero      # kernel: tp back, sscratch stays 0

        addi    sp, sp, -KF_SIZE
        sd      ra, 0(sp)
        sd      t0, 8(sp)
        sd      t1, 16(sp)
        sd      t2, 24(sp)
        sd      a0, 32(sp)
        sd      a1, 40(sp)
        sd      a2, 48(sp)
        sd      a3, 56(sp)
        sd      a4, 64(sp)
        sd      a5, 72(sp)
        sd      a6, 80(sp)
        sd      a7, 88(sp)
        sd      t3, 96(sp)
        sd      t4, 104(sp)
        sd      t5, 112(sp)
        sd      t6, 120(sp)
        csrr    t0, sepc
        sd      t0, 128(sp)
        csrr    t0, sstatus
        sd      t0, 136(sp)
        mv      a0, sp
        call    kerneltrap
        ld      t0, 128(sp)
        csrw    sepc, t0
        ld      t0, 136(sp)
        csrw    sstatus, t0
        ld      ra, 0(sp)
        ld      t0, 8(sp)
        ld      t1, 16(sp)
        ld      t2, 24(sp)
        ld      a0, 32(sp)
        ld      a1, 40(sp)
        ld      a2, 48(sp)
        ld      a3, 56(sp)
        ld      a4, 64(sp)
        ld      a5, 72(sp)
        ld      a6, 80(sp)
        ld      a7, 88(sp)
        ld      t3, 96(sp)
        ld      t4, 104(sp)
        ld      t5, 112(sp)
        ld      t6, 120(sp)
        addi    sp, sp, KF_SIZE
        sret

from_user:
        sd      sp, CPU_USER_SP(tp)
        ld      sp, CPU_KSTACK_TOP(tp)
        addi    sp, sp, -TF_SIZE
        sd      ra, 0(sp)
        sd      gp, 16(sp)
        sd      t0, 32(sp)
        sd      t1, 40(sp)
        sd      t2, 48(sp)
        sd      s0, 56(sp)
        sd      s1, 64(sp)
        sd      a0, 72(sp)
        sd      a1, 80(sp)
        sd      a2, 88(sp)
        sd      a3, 96(sp)
        sd      a4, 104(sp)
        sd      a5, 112(sp)
        sd      a6, 120(sp)
        sd      a7, 128(sp)
        sd      s2, 136(sp)
        sd      s3, 144(sp)
        sd      s4, 152(sp)
        sd      s5, 160(sp)
        sd      s6, 168(sp)
        sd      s7, 176(sp)
        sd      s8, 184(sp)
        sd      s9, 192(sp)
        sd      s10, 200(sp)
        sd      s11, 208(sp)
        sd      t3, 216(sp)
        sd      t4, 224(sp)
        sd      t5, 232(sp)
        sd      t6, 240(sp)
        ld      t0, CPU_USER_SP(tp)
        sd      t0, 8(sp)
        csrrw   t0, sscratch, zero      # the user's tp; sscratch = 0 while in the kernel
        sd      t0, 24(sp)
        csrr    t0, sepc
        sd      t0, TF_SEPC(sp)
        csrr    t0, sstatus
        sd      t0, TF_SSTATUS(sp)
        mv      s0, zero                # a clean frame chain for backtraces
        mv      a0, sp
        call    usertrap                # does not return: leaves through userret

# userret(frame): interrupts off, sscratch already holds the cpu pointer.
        .globl userret
userret:
        mv      sp, a0
        ld      t0, TF_SEPC(sp)
        csrw    sepc, t0
        ld      t0, TF_SSTATUS(sp)
        csrw    sstatus, t0
        ld      ra, 0(sp)
        ld      gp, 16(sp)
        ld      tp, 24(sp)
        ld      t0, 32(sp)
        ld      t1, 40(sp)
        ld      t2, 48(sp)
        ld      s0, 56(sp)
        ld      s1, 64(sp)
        ld      a0, 72(sp)
        ld      a1, 80(sp)
        ld      a2, 88(sp)
        ld      a3, 96(sp)
        ld      a4, 104(sp)
        ld      a5, 112(sp)
        ld      a6, 120(sp)
        ld      a7, 128(sp)
        ld      s2, 136(sp)
        ld      s3, 144(sp)
        ld      s4, 152(sp)
        ld      s5, 160(sp)
        ld      s6, 168(sp)
        ld      s7, 176(sp)
        ld      s8, 184(sp)
        ld      s9, 192(sp)
        ld      s10, 200(sp)
        ld      s11, 208(sp)
        ld      t3, 216(sp)
        ld      t4, 224(sp)
        ld      t5, 232(sp)
        ld      t6, 240(sp)
        ld      sp, 8(sp)
        sret
