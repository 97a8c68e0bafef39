// The scheduler (sched.c).
#ifndef SCHED_H
#define SCHED_H

#include "types.h"

struct thread;
struct cpu;

void sched_init_cpu(struct cpu *c);
void schedule(void);
void yield(void);
void finish_switch(void);
void sched_tick(void);
void wake_thread(struct thread *t);
void make_runnable(struct thread *t);
void idle_loop(void) __attribute__((noreturn));
void sleep_locked(struct spinlock *lk);
u64 sched_idle_mask(void);

#endif
