// The board and the kernel's view of memory.
//
// Physical map (hartbench/board.h has the board's constants and register layouts; it is
// checked against the emulator's memory map, and QEMU virt agrees):
//
//   0x0000_1000  reset ROM (QEMU): jumps to 0x8000_0000 with a0 = hart id, a1 = DTB
//   0x0010_0000  SiFive test finisher: 0x5555 = pass, (code << 16) | 0x3333 = fail
//   0x0200_0000  CLINT: msip[hart] at +0, mtimecmp[hart] at +0x4000, mtime at +0xbff8
//   0x0c00_0000  PLIC: priorities, pending, per-context enables, threshold/claim
//   0x1000_0000  UART 16550, irq 10
//   0x1000_1000  virtio-mmio slots, 0x1000 apart, irq 1..8
//   0x1001_0000  hartbench,trace (Hartbench's board only)
//   0x8000_0000  RAM: kernel text | rodata | data, bss | boot stacks | free pages ... DTB
//
// The kernel takes every device address, the RAM size, the harts and the boot arguments
// from the device tree. board.h's addresses serve only as fallbacks when a node is
// missing, and its register layouts are applied to the bases the tree gives.
//
// Virtual layout (Sv39, one page table per address space):
//
//   0x0000_0000 .. 0xffff_ffff     kernel: identity map of MMIO and RAM, global, never U
//   0x1_0000_0000 .. USER_TOP      user: program image, heap, stacks, rings, mappings
//
// The low 4 GiB of every user page table shares the kernel's level-1 tables, so a trap
// from user mode needs no satp change and the kernel reaches any physical page through
// its identity mapping (copyin/copyout translate user addresses in software).
#ifndef MEMLAYOUT_H
#define MEMLAYOUT_H

#include <hartbench/board.h>

#define RAM_BASE          ((u64)BOARD_RAM_BASE)   // the kernel is linked here (kernel.ld)
#define KERNEL_LIMIT      0x100000000ul   // identity map ends here; RAM above is not used
#define FALLBACK_RAM_SIZE (128ul << 20)   // if the tree has no memory node

// Registers of a device at the base the device tree gave, laid out as board.h says.
#define CLINT_MSIP(base, hart)     ((u64)(base) + BOARD_CLINT_MSIP((u64)(hart)) - BOARD_CLINT_BASE)
#define CLINT_MTIMECMP(base, hart) ((u64)(base) + BOARD_CLINT_MTIMECMP((u64)(hart)) - BOARD_CLINT_BASE)
#define PLIC_REG(base, board_addr) ((u64)(base) + (board_addr) - BOARD_PLIC_BASE)

#define USER_BASE         0x100000000ul  // first user address (root page-table slot 4)
#define USER_TOP          0x4000000000ul // end of the lower half of Sv39
#define USER_STACK_TOP    0x3fffff0000ul // main thread stack grows down from here
#define USER_STACK_PAGES  16
#define USER_RING_BASE    0x3f00000000ul // per-thread ring pages, one slot per thread index
#define USER_MAP_BASE     0x2000000000ul // where MemoryObject mappings go when no address is asked

#endif
