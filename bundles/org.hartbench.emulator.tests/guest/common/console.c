// Polled UART output and the test finisher, for guest test programs.
#include "guest.h"

void putch(char c)
{
    while ((mmio_read8(BOARD_UART0_BASE + UART_LSR) & UART_LSR_THRE) == 0)
        ;
    mmio_write8(BOARD_UART0_BASE + UART_THR, (uint8_t)c);
}

void puts_(const char *s)
{
    while (*s)
        putch(*s++);
}

void puthex(uint64_t v)
{
    for (int shift = 60; shift >= 0; shift -= 4)
        putch("0123456789abcdef"[(v >> shift) & 0xf]);
}

void putdec(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    puts_(buf + i);
}

void putkv(const char *key, uint64_t hex)
{
    puts_(key);
    putch(' ');
    puthex(hex);
    putch('\n');
}

static const char *const abi_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

// One line per register: "x05 t0   0000000000000000". saved[i] holds x_i (saved[0] unused).
void dump_regs_c(const uint64_t *saved)
{
    static unsigned dumps;
    puts_("--- dump ");
    putdec(dumps++);
    puts_(" ---\n");
    for (int i = 1; i < 32; i++) {
        putch('x');
        putch((char)('0' + i / 10));
        putch((char)('0' + i % 10));
        putch(' ');
        const char *n = abi_names[i];
        int len = 0;
        while (n[len])
            putch(n[len++]);
        while (len++ < 4)
            putch(' ');
        putch(' ');
        puthex(saved[i]);
        putch('\n');
    }
}

void finish_pass(void)
{
    mmio_write32(BOARD_TEST_BASE, BOARD_TEST_PASS);
    for (;;)
        __asm__ volatile("wfi");
}

void finish_fail(unsigned code)
{
    mmio_write32(BOARD_TEST_BASE, BOARD_TEST_FAIL(code));
    for (;;)
        __asm__ volatile("wfi");
}
