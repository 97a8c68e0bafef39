// Kernel formatted output and panic.
//
// Each kprintf call holds the console lock for its whole line, so lines from different
// harts never interleave. panic() skips the lock (the panicking cpu may hold it) and
// stops the machine through the test finisher with a failure code.
#include "types.h"
#include "riscv.h"
#include "spinlock.h"
#include "cpu.h"
#include "defs.h"

// Leaf lock: taken by kprintf and by console writes from user processes.
struct spinlock console_lock = SPINLOCK_INIT("console", LOCK_CONSOLE);
static volatile int panicking;

// Emit an unsigned number in base with at least width digits, padded with pad.
static void put_num(void (*put)(int, void *), void *ctx, u64 x, int base, int width, char pad) {
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[x % base];
        x /= base;
    } while (x);
    while (n < width && n < (int)sizeof(buf))
        buf[n++] = pad;
    while (n > 0)
        put(buf[--n], ctx);
}

// Formats %d %i %u %x %p %s %c %% with optional 0 flag, width and l/ll/z modifiers.
void kvformat(void (*put)(int, void *), void *ctx, const char *fmt, va_list ap) {
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(*fmt, ctx);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l' || *fmt == 'z') { longs++; fmt++; }
        switch (*fmt) {
        case 'd': case 'i': {
            i64 v = longs ? va_arg(ap, i64) : va_arg(ap, int);
            if (v < 0) { put('-', ctx); v = -v; }
            put_num(put, ctx, (u64)v, 10, width, pad);
            break;
        }
        case 'u':
            put_num(put, ctx, longs ? va_arg(ap, u64) : va_arg(ap, u32), 10, width, pad);
            break;
        case 'x':
            put_num(put, ctx, longs ? va_arg(ap, u64) : va_arg(ap, u32), 16, width, pad);
            break;
        case 'p':
            put('0', ctx); put('x', ctx);
            put_num(put, ctx, va_arg(ap, u64), 16, 16, '0');
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            while (*s) put(*s++, ctx);
            break;
        }
        case 'c':
            put(va_arg(ap, int), ctx);
            break;
        case '%':
            put('%', ctx);
            break;
        default:
            put('%', ctx);
            if (*fmt) put(*fmt, ctx); else fmt--;
            break;
        }
    }
}

static void put_uart(int ch, void *ctx) {
    (void)ctx;
    if (ch == '\n')
        uart_putc('\r');
    uart_putc(ch);
}

void kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bool locked = !panicking;
    if (locked)
        acquire(&console_lock);
    kvformat(put_uart, 0, fmt, ap);
    if (locked)
        release(&console_lock);
    va_end(ap);
}

struct bufctx { char *buf; size_t n, max; };

static void put_buf(int ch, void *v) {
    struct bufctx *b = v;
    if (b->n + 1 < b->max)
        b->buf[b->n++] = (char)ch;
}

int ksnprintf(char *buf, size_t max, const char *fmt, ...) {
    struct bufctx b = { buf, 0, max };
    va_list ap;
    va_start(ap, fmt);
    kvformat(put_buf, &b, fmt, ap);
    va_end(ap);
    if (max)
        buf[b.n] = 0;
    return (int)b.n;
}

// Stop the machine with a message naming the hart, cpu and (when a trap caused it) the
// trap's cause, pc and stval. The first panicking cpu wins; the others just stop.
void panic(const char *fmt, ...) {
    intr_off();
    if (__atomic_exchange_n(&panicking, 1, __ATOMIC_ACQ_REL)) {
        for (;;)
            wfi();
    }
    struct cpu *c = mycpu();
    va_list ap;
    va_start(ap, fmt);
    kprintf("\npanic: hart %u cpu %d: ", c ? c->hartid : 0, c ? c->index : -1);
    kvformat(put_uart, 0, fmt, ap);
    kprintf("\n");
    va_end(ap);
    machine_exit(1);
}

bool is_panicking(void) {
    return panicking;
}
