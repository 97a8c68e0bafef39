// Physical page allocator interface (kalloc.c).
#ifndef KALLOC_H
#define KALLOC_H

#include "types.h"

#define KALLOC_MAX_ORDER 10      // largest block: 2^10 pages = 4 MiB

void kinit(u64 start, u64 end, u64 hole_start, u64 hole_end);
void *kalloc(void);                    // one zeroed page, or 0
void *kalloc_order(int order);         // 2^order contiguous pages (not zeroed), or 0
void kfree(void *pa);
void kfree_order(void *pa, int order);
u64 kfree_pages(void);                 // pages currently free: the leak-check number
u64 ktotal_pages(void);

#endif
