// The platform-level interrupt controller. Only the UART's source is enabled, and only
// for cpu 0's supervisor context (the device tree's interrupts-extended says which
// context that is), so one cpu fields console input.
#include "types.h"
#include "fdt.h"
#include "memlayout.h"
#include "cpu.h"
#include "riscv.h"
#include "defs.h"

static u32 uart_irq(void) {
    return board.uart.present && board.uart.irq ? board.uart.irq : BOARD_UART0_IRQ;
}

// A PLIC register, given as its board.h address, moved to the base the tree gave.
static volatile u32 *reg(u64 board_addr) {
    u64 base = board.plic.present ? board.plic.base : BOARD_PLIC_BASE;
    return (volatile u32 *)PLIC_REG(base, board_addr);
}

void plic_init(void) {
    *reg(BOARD_PLIC_PRIORITY((u64)uart_irq())) = 1;
}

void plic_inithart(void) {
    struct cpu *c = mycpu();
    u32 ctx = board.plic_sctx[c->index];
    u32 irq = uart_irq();
    if (c->index == 0)
        *reg(BOARD_PLIC_ENABLE((u64)ctx, (u64)irq / 32)) |= 1u << (irq % 32);
    *reg(BOARD_PLIC_THRESHOLD((u64)ctx)) = 0;
    w_sie(r_sie() | SIE_SEIE);
}

// Supervisor external interrupt: claim, dispatch, complete.
void plic_intr(void) {
    u32 ctx = board.plic_sctx[mycpu()->index];
    u32 irq = *reg(BOARD_PLIC_CLAIM((u64)ctx));
    if (irq == uart_irq())
        uart_intr();
    if (irq)
        *reg(BOARD_PLIC_CLAIM((u64)ctx)) = irq;
}
