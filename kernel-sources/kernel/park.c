// Park words: a thread parks on a 32-bit word until another unparks it, the futex idea
// carried over to completion rings. PARK is an operation like any other: it completes
// (CQE result 0) when unparked, -E_AGAIN at once if the word no longer holds the expected
// value, -E_TIMEDOUT when its timeout passes.
//
// Keys: a ParkSpace is private to the process using it, keyed by (pid, address). A
// SharedParkSpace is keyed by (MemoryObject identity, offset in it), so processes that
// map the same object at different addresses meet on the same word.
//
// No lost wakeups: PARK reads the word and queues itself under the bucket lock, and
// UNPARK takes the same lock, so an unparker that changed the word before calling
// UNPARK either finds the parker queued or the parker sees the new value.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "spinlock.h"
#include "thread.h"
#include "proc.h"
#include "vm.h"
#include "timer.h"
#include "kring.h"
#include "defs.h"
#include <hartbench/ring.h>

#define NBUCKET 64
#define UNPARK_BATCH 32

struct bucket {
    struct spinlock lock;       // order: before ring, timer and pending-pool locks
    struct list waiters;        // lock: struct pending, PEND_PARK
};

static struct bucket buckets[NBUCKET];

void park_init(void) {
    for (int i = 0; i < NBUCKET; i++) {
        initlock(&buckets[i].lock, "park bucket", LOCK_PARK);
        list_init(&buckets[i].waiters);
    }
}

static struct bucket *bucket_of(u64 k0, u64 k1, u64 k2) {
    u64 h = k0 * 0x9e3779b97f4a7c15ul ^ k1 * 0xc2b2ae3d27d4eb4ful ^ k2 * 0x165667b19e3779f9ul;
    return &buckets[(h >> 32) % NBUCKET];
}

static int park_key(struct thread *t, int cap_type, u64 addr, u64 key[3]) {
    if (addr & 3)
        return -E_INVAL;
    if (cap_type == CAP_PARKSPACE) {
        key[0] = 1;
        key[1] = t->proc->pid;
        key[2] = addr;
        return 0;
    }
    key[0] = 2;
    if (!as_memobj_key(t->proc->as, addr, &key[1], &key[2]))
        return -E_INVAL;          // a shared park word must live in a MemoryObject
    return 0;
}

static bool park_timeout(struct ktimer *kt) {
    struct pending *p = kt->arg;
    acquire(p->objlock);
    bool mine = p->linked;
    if (mine) {
        list_remove(&p->objlink);
        p->linked = false;
    }
    release(p->objlock);
    if (!mine)
        return false;            // an unparker or the exit path owns it
    ring_complete(p, -E_TIMEDOUT, 0);
    return true;
}

static bool park(struct thread *t, const struct sqe *s, int cap_type, i64 *result) {
    u64 key[3], addr = s->arg[0];
    int err = park_key(t, cap_type, addr, key);
    if (err) {
        *result = err;
        return true;
    }
    u64 pa = as_translate(t->proc->as, addr, PTE_R);
    if (!pa) {
        *result = -E_FAULT;
        return true;
    }
    struct bucket *b = bucket_of(key[0], key[1], key[2]);
    struct pending *p = pending_alloc(t, s, PEND_PARK, &b->lock);
    if (!p) {
        *result = -E_NOMEM;
        return true;
    }
    p->arg[0] = key[0];
    p->arg[1] = key[1];
    p->arg[2] = key[2];
    acquire(&b->lock);
    u32 now = __atomic_load_n((volatile u32 *)pa, __ATOMIC_SEQ_CST);
    if (now != (u32)s->arg[1]) {
        release(&b->lock);
        pending_drop(p);
        *result = -E_AGAIN;
        return true;
    }
    list_push_back(&b->waiters, &p->objlink);
    p->linked = true;
    if (s->arg[2])
        ktimer_arm(&p->timer, r_time() + ns_to_ticks(s->arg[2]), park_timeout, p);
    release(&b->lock);
    return false;
}

static i64 unpark(struct thread *t, const struct sqe *s, int cap_type) {
    u64 key[3];
    int err = park_key(t, cap_type, s->arg[0], key);
    if (err)
        return err;
    u64 max = s->arg[1];
    struct bucket *b = bucket_of(key[0], key[1], key[2]);
    struct pending *woken[UNPARK_BATCH];
    i64 total = 0;
    for (;;) {
        int n = 0;
        acquire(&b->lock);
        for (struct list *l = b->waiters.next; l != &b->waiters && (u64)total + n < max && n < UNPARK_BATCH;) {
            struct pending *p = container_of(l, struct pending, objlink);
            l = l->next;
            if (p->arg[0] != key[0] || p->arg[1] != key[1] || p->arg[2] != key[2])
                continue;
            list_remove(&p->objlink);
            p->linked = false;
            woken[n++] = p;
        }
        release(&b->lock);
        for (int i = 0; i < n; i++) {
            ktimer_cancel(&woken[i]->timer);
            ring_complete(woken[i], 0, 0);
        }
        total += n;
        if (n < UNPARK_BATCH || (u64)total >= max)
            return total;
    }
}

bool park_op(struct thread *t, const struct sqe *s, int cap_type, i64 *result) {
    if (s->op == OP_PARK)
        return park(t, s, cap_type, result);
    *result = unpark(t, s, cap_type);
    return true;
}
