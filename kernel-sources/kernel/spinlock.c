// Spinlocks and the interrupt-disable nesting count.
//
// A cpu spinning on a lock keeps answering cross-calls (xcall_poll): the holder may be
// waiting, interrupts off, for this very cpu to acknowledge a TLB shootdown, and without
// the poll the two would wait for each other forever.
#include "types.h"
#include "riscv.h"
#include "spinlock.h"
#include "cpu.h"
#include "defs.h"
#include <hartbench/trace.h>

void initlock(struct spinlock *lk, const char *name, u16 id) {
    lk->locked = 0;
    lk->id = id;
    lk->name = name;
    lk->owner = 0;
}

void acquire(struct spinlock *lk) {
    push_off();
    struct cpu *c = mycpu();
    if (holding(lk))
        panic("acquire: %s already held", lk->name);
    if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE) != 0) {
        u64 t0 = r_time();
        do {
            while (__atomic_load_n(&lk->locked, __ATOMIC_RELAXED))
                xcall_poll();
        } while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE) != 0);
        trace(TR_LOCK_CONTENDED, lk->id, r_time() - t0);
    }
    lk->owner = c;
}

bool try_acquire(struct spinlock *lk) {
    push_off();
    if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE) != 0) {
        pop_off();
        return false;
    }
    lk->owner = mycpu();
    return true;
}

void release(struct spinlock *lk) {
    if (!holding(lk))
        panic("release: %s not held", lk->name);
    lk->owner = 0;
    __atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
    pop_off();
}

// Interrupts must be off (any lock held implies that), or the answer could go stale.
bool holding(struct spinlock *lk) {
    return lk->locked && lk->owner == mycpu();
}

// push_off/pop_off nest like intr_off/intr_on, remembering whether interrupts were on
// at the outermost push_off.
void push_off(void) {
    bool was_on = intr_get();
    intr_off();
    struct cpu *c = mycpu();
    if (c->noff == 0)
        c->intena = was_on;
    c->noff++;
}

void pop_off(void) {
    struct cpu *c = mycpu();
    if (intr_get())
        panic("pop_off: interrupts on");
    if (c->noff < 1)
        panic("pop_off: not pushed");
    c->noff--;
    if (c->noff == 0 && c->intena)
        intr_on();
}
