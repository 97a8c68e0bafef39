// What the kernel learns from the flattened device tree. The boot hart fills `board` once,
// before any other hart leaves its spin-wait, and nothing writes it afterwards, so it is
// read without a lock.
#ifndef FDT_H
#define FDT_H

#include "types.h"
#include "param.h"

#define NVIRTIO 8

struct device {
    u64 base;
    u64 size;
    u32 irq;       // PLIC source, 0 if none
    bool present;
};

struct board {
    u64 dtb_base, dtb_size;
    u64 ram_base, ram_size;
    u64 timebase_hz;          // rdtime frequency
    int nharts;               // harts the tree lists (status okay), at most NCPU
    u32 hartid[NCPU];         // hart id of each cpu index, in tree order
    u32 plic_sctx[NCPU];      // PLIC S-mode context: by tree order, then by cpu index
    struct device uart, plic, clint, test, trace;
    struct device virtio[NVIRTIO];
    int nvirtio;
    char bootargs[256];       // /chosen/bootargs, "" if none
};

extern struct board board;

// Fill `board` from the tree at dtb; returns false if the header is not a valid tree.
bool fdt_parse(u64 dtb);
// Base of the first node compatible with `compat`, or 0: for the M-mode shim, which
// needs the CLINT before the kernel proper has parsed anything.
u64 fdt_find_compatible(u64 dtb, const char *compat);

#endif
