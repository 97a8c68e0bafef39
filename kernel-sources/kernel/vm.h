// Address spaces (vm.c).
#ifndef VM_H
#define VM_H

#include "types.h"
#include "spinlock.h"
#include "list.h"

// Software PTE bits (the RSW field).
#define PTE_OWNED   (1ul << 8)   // the address space owns the page: free it on unmap
#define PTE_PINNED  (1ul << 9)   // a ring page: user unmap/protect may not touch it

struct memobj;

// A MemoryObject mapped into an address space. Unmapping must cover it whole.
struct mapping {
    u64 va;
    u64 npages;
    struct memobj *mo;           // holds one reference while mapped
    struct list link;            // aspace.lock
};

struct aspace {
    struct spinlock lock;        // order: after caps, proc and wait-list locks; before ring,
                                 // rq and the leaf pools (mappings, memobj, pages)
    pagetable_t root;            // fixed
    volatile u64 cpus;           // atomic: cpus whose satp may hold root (TLB shootdown set)
    volatile u64 icache_synced;  // atomic: cpus that ran fence.i since the image was loaded
    struct list maps;            // lock: struct mapping, sorted by address
};

extern pagetable_t kernel_pagetable;

void kvm_init(void);
void kvm_inithart(void);
struct aspace *as_create(void);
void as_destroy(struct aspace *as);
void as_activate(struct aspace *as);
int as_map_page(struct aspace *as, u64 va, u64 pa, u64 perm);
int as_unmap(struct aspace *as, u64 va, u64 len, bool user_request);
int as_protect(struct aspace *as, u64 va, u64 len, int prot);
u64 as_translate(struct aspace *as, u64 va, u64 need);
int copyin(struct aspace *as, void *dst, u64 uva, u64 len);
int copyout(struct aspace *as, u64 uva, const void *src, u64 len);
int as_map_memobj(struct aspace *as, struct memobj *mo, u64 va, int prot, u64 *out_va);
bool as_memobj_key(struct aspace *as, u64 va, u64 *obj_id, u64 *offset);

#endif
