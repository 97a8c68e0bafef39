# Reset entry. Every hart arrives here in M-mode at the start of RAM with a0 = hart id and
# a1 = device-tree address. Each takes the boot stack its hart id selects and calls the
# M-mode shim, which drops to S-mode. Harts beyond the stacks park forever.
#include "param.h"

        .section .text.entry
        .globl _entry
_entry:
        li      t0, NCPU
        bgeu    a0, t0, park
        la      sp, bootstacks
        li      t0, BOOTSTACK_SIZE
        addi    t1, a0, 1
        mul     t0, t0, t1
        add     sp, sp, t0
        call    mstart
park:
        wfi
        j       park

        .section .bootstack, "aw", @nobits
        .balign 4096
        .globl bootstacks
bootstacks:
        .space  BOOTSTACK_SIZE * NCPU
