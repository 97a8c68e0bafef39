// Helpers shared by the guest test programs: console output over the UART (polled), the test
// finisher, CSR access, and MMIO accessors. Board addresses come from hartbench/board.h, the
// kernel's own copy of the board map.
#ifndef GUEST_H
#define GUEST_H

#include <hartbench/board.h>

// Harts that get a stack (link.ld reserves GUEST_MAX_HARTS * 4 KiB); the others park.
#define GUEST_MAX_HARTS 8

#ifndef __ASSEMBLER__

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long uint64_t;
typedef long int64_t;
typedef unsigned long uintptr_t;

#define csr_read(name) ({ uint64_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define csr_write(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"((uint64_t)(v)))
#define csr_set(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"((uint64_t)(v)))
#define csr_clear(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"((uint64_t)(v)))

static inline void mmio_write8(uintptr_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline uint8_t mmio_read8(uintptr_t a) { return *(volatile uint8_t *)a; }
static inline void mmio_write32(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_read32(uintptr_t a) { return *(volatile uint32_t *)a; }
static inline void mmio_write64(uintptr_t a, uint64_t v) { *(volatile uint64_t *)a = v; }
static inline uint64_t mmio_read64(uintptr_t a) { return *(volatile uint64_t *)a; }

// UART register offsets (ns16550a)
#define UART_THR 0
#define UART_RBR 0
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LSR_DR 0x01
#define UART_LSR_THRE 0x20

// console.c
void putch(char c);
void puts_(const char *s); // no newline added
void puthex(uint64_t v); // 16 hex digits
void putdec(uint64_t v);
void putkv(const char *key, uint64_t hex); // "key 0123456789abcdef\n"
void dump_regs_c(const uint64_t *saved); // prints x1..x31 from a save area (regdump.S)

// start.S: a hart with nothing to do sleeps here for good.
void __attribute__((noreturn)) park(void);

// Ends the machine through the SiFive test finisher; never returns.
void __attribute__((noreturn)) finish_pass(void);
void __attribute__((noreturn)) finish_fail(unsigned code);

#endif // __ASSEMBLER__
#endif
