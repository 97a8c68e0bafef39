// Prototypes of functions shared between kernel files, grouped by the file defining them.
#ifndef DEFS_H
#define DEFS_H

#include "types.h"

struct spinlock;
struct cpu;
struct thread;
struct proc;
struct aspace;
struct trapframe;
struct ktimer;

// printf.c
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ksnprintf(char *buf, size_t max, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void kvformat(void (*put)(int, void *), void *ctx, const char *fmt, va_list ap);
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
bool is_panicking(void);
extern struct spinlock console_lock;

// uart.c
void uart_init(void);
void uart_putc(int ch);
int uart_getc(void);
void uart_intr(void);

// console.c
void console_input(int ch);

// finisher.c
void machine_exit(int code) __attribute__((noreturn));

// string.c
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strlcpy_k(char *dst, const char *src, size_t n);

// ipi.c
void ipi_send(int cpu, int kind);
void ipi_intr(void);
void xcall(u64 mask, void (*fn)(void *), void *arg, int kind);
void xcall_poll(void);

// trace.c
void trace_init(void);
void trace_init_cpu(struct cpu *c);
void trace_write(u16 type, u32 arg0, u64 arg1);
void trace_write_as(struct thread *t, u16 type, u32 arg0, u64 arg1);
static inline void trace(u16 type, u32 arg0, u64 arg1);

#include "cpu.h"
// Tracing is off unless the board has a hartbench,trace device: one load and a branch.
static inline void trace(u16 type, u32 arg0, u64 arg1) {
    if (mycpu()->trace)
        trace_write(type, arg0, arg1);
}

#endif
