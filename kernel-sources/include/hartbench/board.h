// The Hartbench virt board for C and assembly: where the devices are, their interrupt numbers,
// and the register layouts of the interrupt controllers and the test finisher. It matches QEMU's
// virt machine, so one kernel boots on both.
//
// The source of truth is the emulator's memory map,
// emulator-bundle/src/org/hartbench/emulator/internal/bus/MemoryMap.java (with the PLIC layout in
// internal/devices/Plic.java). A Java test parses this file and checks every #define here against
// them: change the Java side first, then this file. Every name starts with BOARD_; values are
// plain integers without type suffixes, so assembly (.S) files can include it too.
//
//   0x0010_0000  SiFive test finisher     (0x5555 pass, code<<16|0x3333 fail, 0x7777 reset)
//   0x0200_0000  CLINT                    (msip and mtimecmp per hart, mtime at 10 MHz)
//   0x0c00_0000  PLIC                     (context 2*hart: M-mode, 2*hart+1: S-mode)
//   0x1000_0000  UART 16550               (PLIC source 10)
//   0x1000_1000  virtio-mmio, block       (PLIC source 1)
//   0x1001_0000  hartbench,trace          (Hartbench's board only; see trace.h)
//   0x8000_0000  RAM                      (size from the machine config; the device tree says)
#ifndef HARTBENCH_BOARD_H
#define HARTBENCH_BOARD_H

#define BOARD_TIMEBASE_HZ             10000000 // mtime, time and stimecmp tick at 10 MHz

#define BOARD_TEST_BASE               0x00100000
#define BOARD_TEST_SIZE               0x1000
#define BOARD_CLINT_BASE              0x02000000
#define BOARD_CLINT_SIZE              0x10000
#define BOARD_PLIC_BASE               0x0c000000
#define BOARD_PLIC_SIZE               0x600000
#define BOARD_UART0_BASE              0x10000000
#define BOARD_UART0_SIZE              0x100
#define BOARD_UART0_IRQ               10
#define BOARD_VIRTIO0_BASE            0x10001000
#define BOARD_VIRTIO0_SIZE            0x1000
#define BOARD_VIRTIO0_IRQ             1
#define BOARD_TRACE_BASE              0x10010000
#define BOARD_TRACE_SIZE              0x1000
#define BOARD_RAM_BASE                0x80000000

// SiFive test finisher: a 32-bit store to its base ends the machine.
#define BOARD_TEST_PASS               0x5555
#define BOARD_TEST_FAIL(code)         ((((code) & 0xffff) << 16) | 0x3333)
#define BOARD_TEST_RESET              0x7777

// CLINT registers, as addresses.
#define BOARD_CLINT_MSIP(hart)        (BOARD_CLINT_BASE + 4 * (hart))           // u32, bit 0: M software interrupt
#define BOARD_CLINT_MTIMECMP(hart)    (BOARD_CLINT_BASE + 0x4000 + 8 * (hart))  // u64
#define BOARD_CLINT_MTIME             (BOARD_CLINT_BASE + 0xbff8)               // u64

// PLIC: sources 1..BOARD_PLIC_SOURCES (0 means none), priorities 0..7, u32 registers, as addresses.
#define BOARD_PLIC_SOURCES            95
#define BOARD_PLIC_PRIORITY(src)      (BOARD_PLIC_BASE + 4 * (src))
#define BOARD_PLIC_PENDING(word)      (BOARD_PLIC_BASE + 0x1000 + 4 * (word))
#define BOARD_PLIC_ENABLE(ctx, word)  (BOARD_PLIC_BASE + 0x2000 + 0x80 * (ctx) + 4 * (word))
#define BOARD_PLIC_THRESHOLD(ctx)     (BOARD_PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define BOARD_PLIC_CLAIM(ctx)         (BOARD_PLIC_BASE + 0x200004 + 0x1000 * (ctx))
#define BOARD_PLIC_MCONTEXT(hart)     (2 * (hart))
#define BOARD_PLIC_SCONTEXT(hart)     (2 * (hart) + 1)

#endif
