// Spinlocks. Holding one disables interrupts on this cpu (push_off), so an interrupt
// handler can never spin on a lock its own cpu holds. Each lock's declaration names its
// place in the lock order (docs/kernel/smp.md lists the whole order).
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include "types.h"

struct cpu;

struct spinlock {
    volatile u32 locked;
    u16 id;              // LOCK_* below: names the lock in TR_LOCK_CONTENDED records
    u16 pad;
    const char *name;
    struct cpu *owner;   // for holding() checks and panic messages
};

// Lock ids for trace records (arg0 of TR_LOCK_CONTENDED). Persisted: append only.
#define LOCK_OTHER     0
#define LOCK_CONSOLE   1
#define LOCK_PAGES     2
#define LOCK_RUNQUEUE  3
#define LOCK_ASPACE    4
#define LOCK_PROC      5
#define LOCK_RING      6
#define LOCK_PARK      7
#define LOCK_CAPS      8
#define LOCK_TIMER     9
#define LOCK_THREADS   10

#define SPINLOCK_INIT(nm, lockid) { .locked = 0, .id = (lockid), .name = (nm), .owner = 0 }

void initlock(struct spinlock *lk, const char *name, u16 id);
void acquire(struct spinlock *lk);
bool try_acquire(struct spinlock *lk);
void release(struct spinlock *lk);
bool holding(struct spinlock *lk);
void push_off(void);
void pop_off(void);

#endif
