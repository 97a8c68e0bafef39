// Sv39 page tables and address spaces.
//
// The kernel page table identity-maps the devices and RAM below 4 GiB. Every user page
// table shares its top-level entries 0..3 (the kernel's level-1 tables), so the kernel is
// mapped in every address space, never with PTE_U, and traps need no satp switch. User
// mappings live at USER_BASE and above.
//
// The kernel never dereferences user addresses: copyin/copyout translate them through the
// page table in software and use the identity map, under the address space lock, so a
// concurrent unmap cannot free a page mid-copy.
//
// TLB shootdown: aspace.cpus is the set of cpus that may hold its translations. A cpu
// adds itself before loading satp and removes itself only after switching to another
// table and flushing. Changing or removing a user PTE is followed by shootdown(), which
// flushes every cpu in the set and waits for all of them, before any page is freed.
#include "types.h"
#include "riscv.h"
#include "memlayout.h"
#include "fdt.h"
#include "cpu.h"
#include "vm.h"
#include "memobj.h"
#include "kalloc.h"
#include "defs.h"
#include <hartbench/trace.h>
#include <hartbench/ring.h>

pagetable_t kernel_pagetable;

extern char etext[], erodata[], end[];

#define KERNEL_ROOT_SLOTS 4      // root entries 0..3 cover VA 0 .. 4 GiB

static struct aspace aspaces[NPROC];
static struct spinlock aspaces_lock = SPINLOCK_INIT("aspaces", LOCK_OTHER);
static bool aspace_used[NPROC];   // aspaces_lock

// Mapping records come from a fixed pool (leaf lock).
#define NMAPPING 256
static struct mapping mappings[NMAPPING];
static struct list free_mappings;
static struct spinlock mappings_lock = SPINLOCK_INIT("mappings", LOCK_OTHER);

// Return the PTE for va at level 0 (or the leaf above it), allocating tables if asked.
static pte_t *walk(pagetable_t pt, u64 va, bool alloc) {
    for (int level = 2; level > 0; level--) {
        pte_t *pte = &pt[PX(level, va)];
        if (*pte & PTE_V) {
            if (*pte & PTE_LEAF)
                return pte;
            pt = (pagetable_t)PTE2PA(*pte);
        } else {
            if (!alloc)
                return 0;
            pagetable_t next = kalloc();
            if (!next)
                return 0;
            *pte = PA2PTE(next) | PTE_V;
            pt = next;
        }
    }
    return &pt[PX(0, va)];
}

// Kernel mappings: 2 MiB pages where alignment allows, 4 KiB pages elsewhere.
static void kmap(u64 va, u64 pa, u64 size, u64 perm) {
    u64 endva = va + size;
    perm |= PTE_V | PTE_A | PTE_D | PTE_G;
    while (va < endva) {
        u64 mega = 1ul << 21;
        if ((va & (mega - 1)) == 0 && (pa & (mega - 1)) == 0 && va + mega <= endva) {
            pte_t *l1 = &kernel_pagetable[PX(2, va)];
            if (!(*l1 & PTE_V)) {
                pagetable_t t = kalloc();
                if (!t) panic("kmap: out of memory");
                *l1 = PA2PTE(t) | PTE_V;
            }
            pagetable_t t = (pagetable_t)PTE2PA(*l1);
            t[PX(1, va)] = PA2PTE(pa) | perm;
            va += mega;
            pa += mega;
            continue;
        }
        pte_t *pte = walk(kernel_pagetable, va, true);
        if (!pte) panic("kmap: out of memory");
        *pte = PA2PTE(pa) | perm;
        va += PGSIZE;
        pa += PGSIZE;
    }
}

static void kmap_device(struct device *d) {
    if (d->present && d->base + d->size <= KERNEL_LIMIT)
        kmap(PGROUNDDOWN(d->base), PGROUNDDOWN(d->base), PGROUNDUP(d->base + d->size) - PGROUNDDOWN(d->base),
             PTE_R | PTE_W);
}

void kvm_init(void) {
    kernel_pagetable = kalloc();
    if (!kernel_pagetable)
        panic("kvm_init: out of memory");
    // Every level-1 table the user roots will share must exist now, before any copy.
    for (int i = 0; i < KERNEL_ROOT_SLOTS; i++) {
        pagetable_t t = kalloc();
        if (!t) panic("kvm_init: out of memory");
        kernel_pagetable[i] = PA2PTE(t) | PTE_V;
    }
    kmap_device(&board.uart);
    kmap_device(&board.plic);
    kmap_device(&board.clint);
    kmap_device(&board.test);
    kmap_device(&board.trace);
    for (int i = 0; i < board.nvirtio; i++)
        kmap_device(&board.virtio[i]);
    u64 ram_end = board.ram_base + board.ram_size;
    if (ram_end > KERNEL_LIMIT)
        ram_end = KERNEL_LIMIT;
    kmap(RAM_BASE, RAM_BASE, (u64)etext - RAM_BASE, PTE_R | PTE_X);
    kmap((u64)etext, (u64)etext, (u64)erodata - (u64)etext, PTE_R);
    kmap((u64)erodata, (u64)erodata, ram_end - (u64)erodata, PTE_R | PTE_W);

    list_init(&free_mappings);
    for (int i = 0; i < NMAPPING; i++)
        list_push_back(&free_mappings, &mappings[i].link);
}

void kvm_inithart(void) {
    sfence_vma_all();
    w_satp(MAKE_SATP(kernel_pagetable));
    sfence_vma_all();
    w_scounteren(COUNTEREN_CY_TM_IR);   // user programs read time (rdtime) directly
}

struct aspace *as_create(void) {
    struct aspace *as = 0;
    acquire(&aspaces_lock);
    for (int i = 0; i < NPROC; i++) {
        if (!aspace_used[i]) {
            aspace_used[i] = true;
            as = &aspaces[i];
            break;
        }
    }
    release(&aspaces_lock);
    if (!as)
        return 0;
    as->root = kalloc();
    if (!as->root) {
        acquire(&aspaces_lock);
        aspace_used[as - aspaces] = false;
        release(&aspaces_lock);
        return 0;
    }
    for (int i = 0; i < KERNEL_ROOT_SLOTS; i++)
        as->root[i] = kernel_pagetable[i];
    initlock(&as->lock, "aspace", LOCK_ASPACE);
    as->cpus = 0;
    as->icache_synced = 0;
    list_init(&as->maps);
    return as;
}

// Load as (0: the kernel table) into this cpu's satp. Interrupts off.
void as_activate(struct aspace *as) {
    struct cpu *c = mycpu();
    if (c->as == as)
        return;
    u64 bit = 1ul << c->index;
    struct aspace *old = c->as;
    if (as) {
        __atomic_fetch_or(&as->cpus, bit, __ATOMIC_SEQ_CST);
        w_satp(MAKE_SATP(as->root));
    } else {
        w_satp(MAKE_SATP(kernel_pagetable));
    }
    sfence_vma_all();
    if (old)
        __atomic_fetch_and(&old->cpus, ~bit, __ATOMIC_SEQ_CST);
    c->as = as;
    if (as && !(__atomic_load_n(&as->icache_synced, __ATOMIC_ACQUIRE) & bit)) {
        fence_i();
        __atomic_fetch_or(&as->icache_synced, bit, __ATOMIC_RELEASE);
    }
}

static void flush_local(void *arg) {
    (void)arg;
    sfence_vma_all();
}

// Make every cpu that may cache as's translations drop them, and wait for all of them.
static void shootdown(struct aspace *as) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);    // PTE stores before reading the set
    u64 mask = __atomic_load_n(&as->cpus, __ATOMIC_SEQ_CST);
    struct cpu *c = mycpu();
    u64 others = mask & ~(1ul << c->index);
    trace(TR_SHOOTDOWN_BEGIN, __builtin_popcountll(others), others);
    u64 t0 = r_time();
    xcall(mask, flush_local, 0, IPI_SHOOTDOWN);
    c->nshootdown++;
    trace(TR_SHOOTDOWN_END, __builtin_popcountll(others), r_time() - t0);
}

int as_map_page(struct aspace *as, u64 va, u64 pa, u64 perm) {
    if (va < USER_BASE || va >= USER_TOP)
        return -1;
    pte_t *pte = walk(as->root, va, true);
    if (!pte || (*pte & PTE_V))
        return -1;
    *pte = PA2PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
    return 0;
}

static struct mapping *find_mapping(struct aspace *as, u64 va) {
    for (struct list *l = as->maps.next; l != &as->maps; l = l->next) {
        struct mapping *m = container_of(l, struct mapping, link);
        if (va >= m->va && va < m->va + m->npages * PGSIZE)
            return m;
    }
    return 0;
}

// Pages waiting for the shootdown before they may be freed, and MemoryObject references
// waiting likewise to be dropped.
#define BATCH 64
struct unmap_batch {
    int npages, nmaps;
    u64 page[BATCH];
    struct mapping *map[BATCH];
};

static void batch_flush(struct aspace *as, struct unmap_batch *b) {
    if (b->npages == 0 && b->nmaps == 0)
        return;
    shootdown(as);
    for (int i = 0; i < b->npages; i++)
        kfree((void *)b->page[i]);
    for (int i = 0; i < b->nmaps; i++) {
        memobj_put(b->map[i]->mo);
        acquire(&mappings_lock);
        list_push_back(&free_mappings, &b->map[i]->link);
        release(&mappings_lock);
    }
    b->npages = b->nmaps = 0;
}

// Check that a user unmap/protect range touches no ring page and splits no mapping.
static int check_range(struct aspace *as, u64 va, u64 len) {
    for (u64 a = va; a < va + len; a += PGSIZE) {
        pte_t *pte = walk(as->root, a, false);
        if (!pte)
            a |= (1ul << 21) - PGSIZE;
        else if (*pte & PTE_PINNED)
            return -E_INVAL;
    }
    for (struct list *l = as->maps.next; l != &as->maps; l = l->next) {
        struct mapping *m = container_of(l, struct mapping, link);
        u64 mend = m->va + m->npages * PGSIZE;
        bool overlap = m->va < va + len && va < mend;
        bool inside = m->va >= va && mend <= va + len;
        if (overlap && !inside)
            return -E_INVAL;
    }
    return 0;
}

static bool user_range(u64 va, u64 len) {
    return (va & (PGSIZE - 1)) == 0 && (len & (PGSIZE - 1)) == 0 && len > 0 &&
           va >= USER_BASE && va < USER_TOP && len <= USER_TOP - va;
}

// Remove [va, va+len). user_request: refuse ring pages and partial MemoryObject mappings.
int as_unmap(struct aspace *as, u64 va, u64 len, bool user_request) {
    if (!user_range(va, len))
        return -E_INVAL;
    static struct unmap_batch batches[NCPU];   // one per cpu: too big for a kernel stack
    acquire(&as->lock);
    if (user_request) {
        int err = check_range(as, va, len);
        if (err) {
            release(&as->lock);
            return err;
        }
    }
    struct unmap_batch *b = &batches[mycpu()->index];
    b->npages = b->nmaps = 0;
    for (struct list *l = as->maps.next; l != &as->maps;) {
        struct mapping *m = container_of(l, struct mapping, link);
        l = l->next;
        if (m->va >= va && m->va + m->npages * PGSIZE <= va + len) {
            list_remove(&m->link);
            b->map[b->nmaps++] = m;
            if (b->nmaps == BATCH)
                batch_flush(as, b);
        }
    }
    for (u64 a = va; a < va + len; a += PGSIZE) {
        pte_t *pte = walk(as->root, a, false);
        if (!pte) {
            a |= (1ul << 21) - PGSIZE;         // no level-0 table: skip its 2 MiB
            continue;
        }
        if (!*pte)                              // (a no-access page keeps its PTE, V clear)
            continue;
        if (*pte & PTE_OWNED)
            b->page[b->npages++] = PTE2PA(*pte);
        *pte = 0;
        if (b->npages == BATCH)
            batch_flush(as, b);
    }
    shootdown(as);
    batch_flush(as, b);
    release(&as->lock);
    return 0;
}

int as_protect(struct aspace *as, u64 va, u64 len, int prot) {
    if (!user_range(va, len) || (prot & ~(PROT_READ | PROT_WRITE)))
        return -E_INVAL;
    acquire(&as->lock);
    int err = check_range(as, va, len);
    if (!err) {
        for (u64 a = va; a < va + len; a += PGSIZE) {
            pte_t *pte = walk(as->root, a, false);
            if (!pte) {
                a |= (1ul << 21) - PGSIZE;
                continue;
            }
            if (!*pte)
                continue;
            u64 p = (*pte | PTE_V) & ~(PTE_R | PTE_W);
            if (prot & PROT_READ) p |= PTE_R;
            if (prot & PROT_WRITE) p |= PTE_R | PTE_W;
            if (!(p & (PTE_R | PTE_X)))
                p &= ~PTE_V;      // no access: keep nothing a walk could use
            *pte = p;
        }
        shootdown(as);
    }
    release(&as->lock);
    return err;
}

static void free_table(pagetable_t pt, int level) {
    for (int i = 0; i < 512; i++) {
        pte_t pte = pt[i];
        if (!pte)
            continue;
        if (level > 0 && (pte & PTE_V) && !(pte & PTE_LEAF))
            free_table((pagetable_t)PTE2PA(pte), level - 1);
        else if (pte & PTE_OWNED)
            kfree((void *)PTE2PA(pte));
    }
    kfree(pt);
}

// Tear down an address space no thread runs in any more.
void as_destroy(struct aspace *as) {
    acquire(&as->lock);
    while (!list_empty(&as->maps)) {
        struct mapping *m = container_of(list_pop_front(&as->maps), struct mapping, link);
        for (u64 i = 0; i < m->npages; i++) {
            pte_t *pte = walk(as->root, m->va + i * PGSIZE, false);
            if (pte) *pte = 0;
        }
        memobj_put(m->mo);
        acquire(&mappings_lock);
        list_push_back(&free_mappings, &m->link);
        release(&mappings_lock);
    }
    shootdown(as);     // normally nobody: each cpu left the set when it switched away
    release(&as->lock);
    for (int i = KERNEL_ROOT_SLOTS; i < 512; i++) {
        pte_t pte = as->root[i];
        if (pte & PTE_V)
            free_table((pagetable_t)PTE2PA(pte), 1);
    }
    kfree(as->root);
    as->root = 0;
    acquire(&aspaces_lock);
    aspace_used[as - aspaces] = false;
    release(&aspaces_lock);
}

// Physical address of user va if mapped with PTE_U and every bit of need. Lock held.
static u64 translate_locked(struct aspace *as, u64 va, u64 need) {
    if (va < USER_BASE || va >= USER_TOP)
        return 0;
    pte_t *pte = walk(as->root, va, false);
    if (!pte || (*pte & (PTE_V | PTE_U)) != (PTE_V | PTE_U) || (*pte & need) != need)
        return 0;
    return PTE2PA(*pte) | (va & (PGSIZE - 1));
}

u64 as_translate(struct aspace *as, u64 va, u64 need) {
    acquire(&as->lock);
    u64 pa = translate_locked(as, va, need);
    release(&as->lock);
    return pa;
}

// Copy between kernel memory and user memory; -E_FAULT if any byte is not accessible.
static int copy_user(struct aspace *as, u64 uva, void *kbuf, u64 len, bool out) {
    if (len > USER_TOP || uva + len < uva)
        return -E_FAULT;
    acquire(&as->lock);
    u8 *k = kbuf;
    while (len > 0) {
        u64 pa = translate_locked(as, uva, out ? PTE_W : PTE_R);
        if (!pa) {
            release(&as->lock);
            return -E_FAULT;
        }
        u64 n = PGSIZE - (uva & (PGSIZE - 1));
        if (n > len)
            n = len;
        if (out)
            memcpy((void *)pa, k, n);
        else
            memcpy(k, (void *)pa, n);
        k += n;
        uva += n;
        len -= n;
    }
    release(&as->lock);
    return 0;
}

int copyin(struct aspace *as, void *dst, u64 uva, u64 len) {
    return copy_user(as, uva, dst, len, false);
}

int copyout(struct aspace *as, u64 uva, const void *src, u64 len) {
    return copy_user(as, uva, (void *)src, len, true);
}

// First fit in the mapping area, leaving a guard page after every mapping, so the
// addresses (and page-table pages) of unmapped objects are reused. Lock held.
static u64 find_gap(struct aspace *as, u64 len) {
    u64 cand = USER_MAP_BASE;
    for (struct list *l = as->maps.next; l != &as->maps; l = l->next) {
        struct mapping *m = container_of(l, struct mapping, link);
        if (m->va >= cand + len + PGSIZE)
            break;
        u64 after = m->va + m->npages * PGSIZE + PGSIZE;
        if (after > cand)
            cand = after;
    }
    return cand;
}

// Map a whole MemoryObject at va (0: the next free spot). Takes a reference on success.
int as_map_memobj(struct aspace *as, struct memobj *mo, u64 va, int prot, u64 *out_va) {
    if (prot & ~(PROT_READ | PROT_WRITE) || !prot)
        return -E_INVAL;
    u64 perm = PTE_U | PTE_R | ((prot & PROT_WRITE) ? PTE_W : 0);
    u64 len = mo->npages * PGSIZE;
    acquire(&mappings_lock);
    struct list *l = list_pop_front(&free_mappings);
    release(&mappings_lock);
    if (!l)
        return -E_NOMEM;
    struct mapping *m = container_of(l, struct mapping, link);
    acquire(&as->lock);
    if (va == 0)
        va = find_gap(as, len);
    int err = 0;
    if (!user_range(va, len) || va >= USER_RING_BASE)
        err = -E_INVAL;
    for (u64 i = 0; !err && i < mo->npages; i++) {
        pte_t *pte = walk(as->root, va + i * PGSIZE, false);
        if (pte && (*pte & PTE_V))
            err = -E_INVAL;                       // something is already there
    }
    u64 i = 0;
    for (; !err && i < mo->npages; i++) {
        if (as_map_page(as, va + i * PGSIZE, mo->pages[i], perm) < 0)
            err = -E_NOMEM;
    }
    if (err) {
        while (i-- > 0) {
            pte_t *pte = walk(as->root, va + i * PGSIZE, false);
            *pte = 0;
        }
        shootdown(as);     // nobody could have used them, but keep the rule simple
        release(&as->lock);
        acquire(&mappings_lock);
        list_push_back(&free_mappings, &m->link);
        release(&mappings_lock);
        return err;
    }
    memobj_get(mo);
    m->va = va;
    m->npages = mo->npages;
    m->mo = mo;
    struct list *pos = as->maps.next;             // keep the list sorted by address
    while (pos != &as->maps && container_of(pos, struct mapping, link)->va < va)
        pos = pos->next;
    list_insert_before(pos, &m->link);
    release(&as->lock);
    *out_va = va;
    return 0;
}

// The SharedParkSpace key of a user address: which MemoryObject, at what offset.
bool as_memobj_key(struct aspace *as, u64 va, u64 *obj_id, u64 *offset) {
    acquire(&as->lock);
    struct mapping *m = find_mapping(as, va);
    if (m) {
        *obj_id = m->mo->id;
        *offset = va - m->va;
    }
    release(&as->lock);
    return m != 0;
}
