// Processes: spawning from a program image, threads, exit and teardown.
//
// Exit, in order. Any thread may start it (exit with EXIT_PROCESS, a fault, PROC_KILL):
// proc_kill marks the process EXITING and every thread killed, waking sleepers and
// sending a reschedule IPI to cpus running its threads, so each thread reaches
// user_return and leaves through thread_exit. Each leaving thread withdraws its own
// operations and ring and moves its cpu off the address space; the last one to leave
// tears the process down (capabilities, address space), completes PROC_WAITs and turns
// it into a zombie that lives on while Process capabilities name it.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "memlayout.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "vm.h"
#include "kalloc.h"
#include "elf.h"
#include "programs.h"
#include "sched.h"
#include "kring.h"
#include "defs.h"
#include <hartbench/ring.h>
#include <hartbench/trace.h>

struct proc procs[NPROC];
// Leaf lock: slot allocation, generations and pid numbering.
static struct spinlock procs_lock = SPINLOCK_INIT("procs", LOCK_PROC);
static u32 next_pid = 1;     // procs_lock

#define RING_STRIDE (4 * PGSIZE)   // ring pages plus a guard page
_Static_assert(NPROCTHREAD <= 64, "ring_slots has a bit per thread of a process");

void procs_init(void) {
    for (int i = 0; i < NPROC; i++) {
        procs[i].index = i;
        procs[i].gen = 1;
        procs[i].state = P_FREE;
        initlock(&procs[i].lock, "proc", LOCK_PROC);
    }
}

static struct proc *proc_alloc(void) {
    struct proc *p = 0;
    acquire(&procs_lock);
    for (int i = 0; i < NPROC; i++) {
        if (procs[i].state == P_FREE) {
            p = &procs[i];
            p->state = P_ALIVE;
            p->pid = next_pid++;
            break;
        }
    }
    release(&procs_lock);
    if (!p)
        return 0;
    p->refs = 1;
    p->as = 0;
    p->nthreads = 0;
    p->ring_slots = 0;
    p->exit_status = 0;
    p->parent_pid = 0;
    p->from_manifest = false;
    list_init(&p->threads);
    list_init(&p->waiters);
    cap_init_table(p);
    return p;
}

void proc_get(struct proc *p) {
    acquire(&p->lock);
    if (p->refs <= 0)
        panic("proc_get: pid %u has no references", p->pid);
    p->refs++;
    release(&p->lock);
}

void proc_put(struct proc *p) {
    acquire(&p->lock);
    if (p->refs <= 0)
        panic("proc_put: pid %u refs %d", p->pid, p->refs);
    bool last = --p->refs == 0;
    if (last && p->state != P_ZOMBIE)
        panic("proc_put: pid %u freed while not a zombie", p->pid);
    release(&p->lock);
    if (last) {
        acquire(&procs_lock);
        p->gen++;
        p->state = P_FREE;
        release(&procs_lock);
    }
}

// Load an ELF image into as. Returns the entry point, or 0 if the image is bad.
static u64 load_elf(struct aspace *as, const u8 *img, u64 size) {
    const struct elfhdr *eh = (const struct elfhdr *)img;
    if (size < sizeof(*eh) || eh->magic != ELF_MAGIC || eh->machine != EM_RISCV ||
        eh->phentsize != sizeof(struct proghdr) || eh->phoff + (u64)eh->phnum * sizeof(struct proghdr) > size)
        return 0;
    for (int i = 0; i < eh->phnum; i++) {
        const struct proghdr *ph = (const struct proghdr *)(img + eh->phoff) + i;
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if (ph->filesz > ph->memsz || ph->off + ph->filesz > size || ph->vaddr < USER_BASE ||
            ph->vaddr + ph->memsz > USER_MAP_BASE)
            return 0;
        u64 perm = PTE_U | PTE_OWNED;
        if (ph->flags & PF_R) perm |= PTE_R;
        if (ph->flags & PF_W) perm |= PTE_R | PTE_W;
        if (ph->flags & PF_X) perm |= PTE_X;
        for (u64 va = PGROUNDDOWN(ph->vaddr); va < ph->vaddr + ph->memsz; va += PGSIZE) {
            u64 pa = as_translate(as, va, 0);
            if (!pa) {
                void *page = kalloc();
                if (!page)
                    return 0;
                if (as_map_page(as, va, (u64)page, perm) < 0) {
                    kfree(page);
                    return 0;
                }
                pa = (u64)page;
            }
            pa = PGROUNDDOWN(pa);
            // Copy the part of the segment's file bytes that falls in this page.
            u64 lo = va > ph->vaddr ? va : ph->vaddr;
            u64 hi = va + PGSIZE < ph->vaddr + ph->filesz ? va + PGSIZE : ph->vaddr + ph->filesz;
            if (lo < hi)
                memcpy((void *)(pa + (lo - va)), img + ph->off + (lo - ph->vaddr), hi - lo);
        }
    }
    return eh->entry;
}

// Map a new thread's ring into p and pick its address. p->lock not held.
static int map_ring(struct proc *p, struct thread *t) {
    acquire(&p->lock);
    u64 free = ~p->ring_slots;
    if (!free || p->state != P_ALIVE) {
        release(&p->lock);
        return p->state != P_ALIVE ? -E_KILLED : -E_NOMEM;
    }
    t->ring_slot = __builtin_ctzll(free);
    p->ring_slots |= 1ul << t->ring_slot;
    release(&p->lock);
    t->ring_va = USER_RING_BASE + t->ring_slot * RING_STRIDE;
    for (u64 off = 0; off < RING_BYTES; off += PGSIZE) {
        if (as_map_page(p->as, t->ring_va + off, t->ring.pages + off,
                        PTE_U | PTE_R | PTE_W | PTE_PINNED) < 0)
            return -E_NOMEM;
    }
    return 0;
}

static void unmap_ring(struct proc *p, struct thread *t) {
    if (!t->ring_va)
        return;
    as_unmap(p->as, t->ring_va, RING_BYTES, false);
    acquire(&p->lock);
    p->ring_slots &= ~(1ul << t->ring_slot);
    release(&p->lock);
    t->ring_va = 0;
}

// A new user thread in p, queued to run at entry with a0 = arg, a1 = its ring.
struct thread *proc_thread_create(struct proc *p, u64 entry, u64 sp, u64 tls, u64 arg, int *err) {
    struct thread *t = thread_alloc(p->name, NPRIO / 2);
    if (!t) {
        *err = -E_NOMEM;
        return 0;
    }
    t->proc = p;
    int e = ring_init(t);
    if (e == 0)
        e = map_ring(p, t);
    if (e == 0) {
        acquire(&p->lock);
        if (p->state != P_ALIVE || p->nthreads >= NPROCTHREAD) {
            e = p->state != P_ALIVE ? -E_KILLED : -E_NOMEM;
        } else {
            list_push_back(&p->threads, &t->plink);
            p->nthreads++;
        }
        release(&p->lock);
    }
    if (e) {
        unmap_ring(p, t);
        ring_free(t);
        t->proc = 0;
        thread_free_stack(t);
        *err = e;
        return 0;
    }
    struct trapframe *tf = (struct trapframe *)(t->kstack_top - TF_SIZE);
    memset(tf, 0, sizeof(*tf));
    tf->sepc = entry;
    tf->sp = sp;
    tf->tp = tls;
    tf->a0 = arg;
    tf->a1 = t->ring_va;
    tf->sstatus = SSTATUS_SPIE;
    t->tf = tf;
    t->ctx.sp = (u64)tf;
    return t;
}

void proc_thread_start(struct thread *t) {
    t->state = T_RUNNABLE;
    make_runnable(t);
}

// Undo proc_thread_create for a thread that never ran.
void proc_thread_abort(struct thread *t) {
    struct proc *p = t->proc;
    acquire(&p->lock);
    list_remove(&t->plink);
    p->nthreads--;
    release(&p->lock);
    unmap_ring(p, t);
    ring_free(t);
    thread_free_stack(t);
}

// Create a process running program prog with argument text args and the given
// capabilities (slot handles follow the order of g, after the process's own in cap[0]).
// Returns it with a reference for the caller, who must proc_put it.
struct proc *proc_spawn(const char *prog, u64 proglen, const char *args, const struct capgrant *g,
                        int ngrant, u32 parent_pid, int *err) {
    const struct blob *b = find_blob(program_table, prog, proglen);
    if (!b) {
        *err = -E_NOENT;
        return 0;
    }
    if (ngrant > START_MAXCAPS - 1) {
        *err = -E_INVAL;
        return 0;
    }
    struct proc *p = proc_alloc();
    if (!p) {
        *err = -E_NOMEM;
        return 0;
    }
    strlcpy_k(p->name, b->name, sizeof(p->name));
    strlcpy_k(p->args, args ? args : "", sizeof(p->args));
    p->parent_pid = parent_pid;
    p->from_manifest = parent_pid == 0;
    struct start_info si;
    memset(&si, 0, sizeof(si));
    int e = 0;
    u64 entry = 0;
    p->as = as_create();
    if (!p->as)
        e = -E_NOMEM;
    if (!e && !(entry = load_elf(p->as, b->start, b->end - b->start)))
        e = -E_NOMEM;
    for (u64 i = 1; !e && i <= USER_STACK_PAGES; i++) {
        void *page = kalloc();
        if (!page || as_map_page(p->as, USER_STACK_TOP - i * PGSIZE, (u64)page,
                                 PTE_U | PTE_R | PTE_W | PTE_OWNED) < 0) {
            if (page)
                kfree(page);
            e = -E_NOMEM;
        }
    }
    // Capabilities: itself first, then the grants.
    int h = e ? e : cap_insert(p, CAP_PROCESS, RIGHT_ALL, p, p->gen);
    if (h < 0 && !e)
        e = h;
    if (!e) {
        si.cap[0] = (u32)h;
        si.cap_type[0] = CAP_PROCESS;
        si.ncaps = 1;
    }
    for (int i = 0; !e && i < ngrant; i++) {
        h = cap_insert(p, g[i].type, g[i].rights, g[i].obj, g[i].objgen);
        if (h < 0) {
            e = h;
            break;
        }
        si.cap[si.ncaps] = (u32)h;
        si.cap_type[si.ncaps] = g[i].type;
        si.ncaps++;
    }
    u64 si_va = (USER_STACK_TOP - sizeof(si)) & ~15ul;
    struct thread *t = 0;
    if (!e)
        t = proc_thread_create(p, entry, si_va - 16, 0, si_va, &e);
    if (!e) {
        si.ring = t->ring_va;
        si.pid = p->pid;
        strlcpy_k(si.args, p->args, sizeof(si.args));
        if (copyout(p->as, si_va, &si, sizeof(si)) < 0)
            panic("proc_spawn: start info does not fit the stack");
    }
    if (e) {
        // Nothing ran in it: undo by hand. A created thread would have been started.
        cap_release_all(p);
        if (p->as)
            as_destroy(p->as);
        p->as = 0;
        acquire(&p->lock);
        p->state = P_ZOMBIE;
        release(&p->lock);
        proc_put(p);
        *err = e;
        return 0;
    }
    proc_get(p);                  // the caller's reference
    proc_thread_start(t);
    return p;
}

// Start p's exit with status (the first caller's status wins) and kill its threads.
void proc_kill(struct proc *p, int status) {
    acquire(&p->lock);
    if (p->state != P_ALIVE) {
        release(&p->lock);
        return;
    }
    p->state = P_EXITING;
    p->exit_status = status;
    struct thread *me = curthread();
    for (struct list *l = p->threads.next; l != &p->threads; l = l->next) {
        struct thread *t = container_of(l, struct thread, plink);
        t->killed = true;
        if (t == me)
            continue;
        // A sleeper checks killed under its ring lock before it sleeps, so taking the
        // lock here means it either sees the flag or is asleep and gets woken.
        acquire(&t->ring.lock);
        wake_thread(t);
        release(&t->ring.lock);
        int cpu = t->cpu;
        if (t->state == T_RUNNING && cpu != mycpu()->index)
            ipi_send(cpu, IPI_RESCHEDULE);
    }
    release(&p->lock);
}

// Last thread out: release everything the process holds except its slot.
static void proc_teardown(struct proc *p) {
    cap_release_all(p);
    as_destroy(p->as);
    p->as = 0;
    acquire(&p->lock);
    p->state = P_ZOMBIE;
    while (!list_empty(&p->waiters)) {
        struct pending *w = container_of(list_pop_front(&p->waiters), struct pending, objlink);
        w->linked = false;
        ring_complete(w, p->exit_status, p->pid);
    }
    release(&p->lock);
    if (p->from_manifest)
        manifest_proc_exited(p);
    proc_put(p);
}

// The calling thread t leaves; with whole_process, the process exits with status value.
void thread_exit(struct thread *t, u64 value, bool whole_process) {
    struct proc *p = t->proc;
    if (whole_process)
        proc_kill(p, (int)value);
    sqpoll_set(t, false);
    ring_cancel_all(t);
    unmap_ring(p, t);
    acquire(&p->lock);
    t->exit_value = value;
    t->exited = true;
    while (!list_empty(&t->joiners)) {
        struct pending *j = container_of(list_pop_front(&t->joiners), struct pending, objlink);
        j->linked = false;
        ring_complete(j, (i64)value, t->tid);
    }
    release(&p->lock);
    ring_free(t);
    intr_off();
    as_activate(0);             // this cpu leaves the address space for good
    acquire(&p->lock);
    list_remove(&t->plink);
    bool last = --p->nthreads == 0;
    if (last && p->state == P_ALIVE) {
        p->state = P_EXITING;
        p->exit_status = (int)value;
    }
    release(&p->lock);
    intr_on();
    if (last)
        proc_teardown(p);
    thread_die();
}
