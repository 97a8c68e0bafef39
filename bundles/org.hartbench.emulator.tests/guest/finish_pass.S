// Ends at once through the test finisher with the pass value.
#include "guest.h"
    .text
    .globl main
main:
    bnez a0, park
    li t0, BOARD_TEST_BASE
    li t1, BOARD_TEST_PASS
    sw t1, 0(t0)
1:  j 1b
