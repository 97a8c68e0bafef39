// MemoryObjects (memobj.c): page sets that processes map and share.
#ifndef MEMOBJ_H
#define MEMOBJ_H

#include "types.h"

#define MEMOBJ_MAX_PAGES 512      // one page of page addresses: 2 MiB per object
#define NMEMOBJ          128

struct memobj {
    u32 index;
    volatile u32 gen;             // memobj_lock: bumped when the slot is freed
    u64 id;                       // memobj_lock: unique identity (SharedParkSpace keys)
    int refs;                     // memobj_lock: capabilities + mappings
    u64 npages;                   // fixed while refs > 0
    u64 *pages;                   // fixed: one page listing the object's pages
};

struct memobj *memobj_create(u64 bytes, int *err);
void memobj_get(struct memobj *mo);
void memobj_put(struct memobj *mo);

#endif
