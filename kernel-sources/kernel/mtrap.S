# The M-mode trap vector: the only code that runs in M-mode after boot.
#
# S-mode sends an IPI by writing the target hart's CLINT msip word, which raises a
# machine software interrupt there. M-mode cannot delegate that interrupt, so it lands
# here: clear msip, raise the supervisor software interrupt (sip.SSIP) instead, return.
# mscratch points at this hart's struct mshim (start.c): msip address, two save slots.
# Anything else reaching M-mode is a kernel bug; mfatal reports it and stops the machine.

        .section .text
        .globl mtrapvec
        .balign 4
mtrapvec:
        csrrw   t0, mscratch, t0
        sd      t1, 8(t0)
        sd      t2, 16(t0)
        csrr    t1, mcause
        li      t2, 0x8000000000000003     # interrupt, cause 3: machine software
        bne     t1, t2, 1f
        ld      t1, 0(t0)
        sw      zero, 0(t1)                 # clear msip: the request is taken
        csrsi   mip, 2                      # forward it as SSIP
        ld      t1, 8(t0)
        ld      t2, 16(t0)
        csrrw   t0, mscratch, t0
        mret
1:
        csrr    a0, mcause
        csrr    a1, mepc
        csrr    a2, mtval
        csrr    a3, mhartid
        ld      sp, 24(t0)                  # a small stack reserved for reporting
        call    mfatal
2:
        wfi
        j       2b
