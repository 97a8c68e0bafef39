// The 16550 UART: polled output, interrupt-driven input.
//
// Output is polled because the kernel prints little and must print even from panic().
// Input arrives by interrupt (PLIC source from the device tree) and is handed to the
// console object, which completes pending reads.
#include "types.h"
#include "memlayout.h"
#include "fdt.h"
#include "defs.h"

#define RHR 0     // receive holding register (read)
#define THR 0     // transmit holding register (write)
#define IER 1     // interrupt enable
#define LCR 3     // line control
#define LSR 5     // line status
#define IER_RX    0x01
#define LCR_8N1   0x03
#define LCR_DLAB  0x80
#define LSR_RX    0x01    // a byte is waiting
#define LSR_TXIDLE 0x20   // THR can take a byte

static volatile u8 *uart = (volatile u8 *)BOARD_UART0_BASE;

void uart_init(void) {
    if (board.uart.present)
        uart = (volatile u8 *)board.uart.base;
    uart[IER] = 0;
    uart[LCR] = LCR_DLAB;     // 38.4k: the divisor is ignored by emulated UARTs anyway
    uart[0] = 3;
    uart[1] = 0;
    uart[LCR] = LCR_8N1;
    // The FIFOs stay as they are: enabling them clears them, which would throw away
    // input that arrived before boot (an emulated UART holds it back until read).
    uart[IER] = IER_RX;
}

void uart_putc(int ch) {
    while ((uart[LSR] & LSR_TXIDLE) == 0)
        ;
    uart[THR] = (u8)ch;
}

// Returns the next received byte, or -1 if none is waiting.
int uart_getc(void) {
    if (uart[LSR] & LSR_RX)
        return uart[RHR];
    return -1;
}

// PLIC interrupt: drain the receive FIFO into the console.
void uart_intr(void) {
    int ch;
    while ((ch = uart_getc()) >= 0)
        console_input(ch);
}
