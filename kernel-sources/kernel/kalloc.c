// Physical page allocator: a buddy allocator over the RAM the kernel image leaves free.
//
// Blocks of 2^order pages sit on per-order free lists; a freed block merges with its
// buddy while the buddy is free and of the same order. The kernel needs contiguous
// blocks only for kernel stacks and trace rings; everything else takes single pages.
// free_pages is what leak checks compare before and after a test.
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "spinlock.h"
#include "list.h"
#include "kalloc.h"
#include "defs.h"

// Leaf lock: nothing is acquired while it is held.
static struct spinlock pages_lock = SPINLOCK_INIT("pages", LOCK_PAGES);
static struct list free_list[KALLOC_MAX_ORDER + 1];   // pages_lock
static u8 *head_order;       // pages_lock: per page, 1 + order if it heads a free block
static u64 base, npages;     // managed range, from RAM_BASE; fixed after kinit
static u64 free_pages;       // pages_lock
static u64 total_pages;

static u64 pfn(u64 pa) { return (pa - base) >> PGSHIFT; }

static void insert_free(u64 pa, int order) {
    head_order[pfn(pa)] = (u8)(order + 1);
    list_push_front(&free_list[order], (struct list *)pa);
}

static void remove_free(u64 pa, int order) {
    head_order[pfn(pa)] = 0;
    list_remove((struct list *)pa);
}

static void free_locked(u64 pa, int order) {
    free_pages += 1ul << order;
    while (order < KALLOC_MAX_ORDER) {
        u64 buddy = base + ((pfn(pa) ^ (1ul << order)) << PGSHIFT);
        if (pfn(buddy) >= npages || head_order[pfn(buddy)] != order + 1)
            break;
        remove_free(buddy, order);
        if (buddy < pa)
            pa = buddy;
        order++;
    }
    insert_free(pa, order);
}

// Manage [start, end), leaving out [hole_start, hole_end) (the device tree).
void kinit(u64 start, u64 end, u64 hole_start, u64 hole_end) {
    base = RAM_BASE;
    npages = (end - base) >> PGSHIFT;
    head_order = (u8 *)PGROUNDUP(start);              // the map takes the first free pages
    start = PGROUNDUP((u64)head_order + npages);
    memset(head_order, 0, npages);
    for (int i = 0; i <= KALLOC_MAX_ORDER; i++)
        list_init(&free_list[i]);
    hole_start = PGROUNDDOWN(hole_start);
    hole_end = PGROUNDUP(hole_end);
    acquire(&pages_lock);
    for (u64 pa = start; pa + PGSIZE <= end;) {
        if (pa >= hole_start && pa < hole_end) {
            pa = hole_end;
            continue;
        }
        int order = KALLOC_MAX_ORDER;
        for (;; order--) {
            u64 size = PGSIZE << order;
            bool aligned = ((pa - base) & (size - 1)) == 0;
            bool fits = pa + size <= end && (pa + size <= hole_start || pa >= hole_end);
            if (order == 0 || (aligned && fits))
                break;
        }
        free_locked(pa, order);
        pa += PGSIZE << order;
    }
    total_pages = free_pages;
    release(&pages_lock);
}

void *kalloc_order(int order) {
    if (order < 0 || order > KALLOC_MAX_ORDER)
        panic("kalloc_order: order %d", order);
    acquire(&pages_lock);
    int o = order;
    while (o <= KALLOC_MAX_ORDER && list_empty(&free_list[o]))
        o++;
    if (o > KALLOC_MAX_ORDER) {
        release(&pages_lock);
        return 0;
    }
    u64 pa = (u64)free_list[o].next;
    remove_free(pa, o);
    while (o > order) {            // split, returning upper halves to the lists
        o--;
        insert_free(pa + (PGSIZE << o), o);
    }
    free_pages -= 1ul << order;
    release(&pages_lock);
    return (void *)pa;
}

void kfree_order(void *p, int order) {
    u64 pa = (u64)p;
    if ((pa & (PGSIZE - 1)) || pa < base || pfn(pa) >= npages)
        panic("kfree_order: bad address %p", p);
    memset(p, 0x5a, PGSIZE << order);       // poison: use after free shows quickly
    acquire(&pages_lock);
    if (head_order[pfn(pa)])
        panic("kfree_order: double free of %p", p);
    free_locked(pa, order);
    release(&pages_lock);
}

void *kalloc(void) {
    void *p = kalloc_order(0);
    if (p)
        memset(p, 0, PGSIZE);
    return p;
}

void kfree(void *pa) {
    kfree_order(pa, 0);
}

u64 kfree_pages(void) {
    return __atomic_load_n(&free_pages, __ATOMIC_RELAXED);
}

u64 ktotal_pages(void) {
    return total_pages;
}
