// MemoryObjects: a set of zeroed pages that capabilities name and address spaces map.
// The object lives while a capability or a mapping refers to it; the last reference frees
// its pages (by then every mapping is gone and was shot down).
#include "types.h"
#include "riscv.h"
#include "spinlock.h"
#include "memobj.h"
#include "kalloc.h"
#include "defs.h"
#include <hartbench/ring.h>

static struct memobj memobjs[NMEMOBJ];
// Leaf lock (only the page allocator after it): slot allocation, refs, gen.
static struct spinlock memobj_lock = SPINLOCK_INIT("memobj", LOCK_OTHER);
static u64 next_id = 1;      // memobj_lock

static void free_pages(u64 *pages, u64 n) {
    for (u64 i = 0; i < n; i++)
        kfree((void *)pages[i]);
    kfree(pages);
}

struct memobj *memobj_create(u64 bytes, int *err) {
    if (bytes == 0 || bytes > MEMOBJ_MAX_PAGES * PGSIZE) {
        *err = -E_INVAL;
        return 0;
    }
    u64 n = PGROUNDUP(bytes) / PGSIZE;
    u64 *pages = kalloc();
    if (!pages) {
        *err = -E_NOMEM;
        return 0;
    }
    for (u64 i = 0; i < n; i++) {
        pages[i] = (u64)kalloc();
        if (!pages[i]) {
            free_pages(pages, i);
            *err = -E_NOMEM;
            return 0;
        }
    }
    struct memobj *mo = 0;
    acquire(&memobj_lock);
    for (int i = 0; i < NMEMOBJ; i++) {
        if (memobjs[i].refs == 0) {
            mo = &memobjs[i];
            mo->index = i;
            mo->id = next_id++;
            mo->refs = 1;
            mo->npages = n;
            mo->pages = pages;
            break;
        }
    }
    release(&memobj_lock);
    if (!mo) {
        free_pages(pages, n);
        *err = -E_NOMEM;
    }
    return mo;
}

void memobj_get(struct memobj *mo) {
    acquire(&memobj_lock);
    if (mo->refs <= 0)
        panic("memobj_get: dead object");
    mo->refs++;
    release(&memobj_lock);
}

void memobj_put(struct memobj *mo) {
    acquire(&memobj_lock);
    if (mo->refs <= 0)
        panic("memobj_put: refs %d", mo->refs);
    bool last = --mo->refs == 0;
    u64 *pages = mo->pages;
    u64 n = mo->npages;
    if (last) {
        mo->gen++;
        mo->pages = 0;
    }
    release(&memobj_lock);
    if (last)
        free_pages(pages, n);
}
