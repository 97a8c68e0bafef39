// The ELF64 structures the program loader reads.
#ifndef ELF_H
#define ELF_H

#include "types.h"

#define ELF_MAGIC 0x464c457fu   // "\x7fELF", little-endian
#define EM_RISCV  243
#define PT_LOAD   1
#define PF_X      1
#define PF_W      2
#define PF_R      4

struct elfhdr {
    u32 magic;
    u8  ident[12];
    u16 type, machine;
    u32 version;
    u64 entry, phoff, shoff;
    u32 flags;
    u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct proghdr {
    u32 type, flags;
    u64 off, vaddr, paddr, filesz, memsz, align;
};

#endif
