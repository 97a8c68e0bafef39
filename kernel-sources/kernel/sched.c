// The scheduler: per-cpu run queues, targeted wakeups, bounded stealing, tick preemption.
//
// Ownership. Each cpu owns its run queue (rq.lock) and is the only one to pick from it,
// except an idle cpu stealing. No lock covers more than one queue; a cpu never holds two
// run-queue locks. Two global words are updated with atomics only: idle_mask (cpus in
// their idle loop, about to wfi) and queued_mask (cpus with a non-empty queue).
//
// A thread's state changes with atomics: BLOCKED -> RUNNABLE by exactly one waker
// (compare-and-swap), RUNNABLE -> RUNNING by the cpu that takes it off a queue.
// on_cpu says a cpu is still executing on the thread's stack: a thread put to sleep on
// cpu A can be woken and picked by cpu B before A has finished switching away from it,
// so B waits for on_cpu to drop (finish_switch clears it on A).
//
// Residency: a thread runs on the cpu whose queue it was taken from; wakeups target the
// cpu it last ran on unless that cpu is busy and another is idle. The target is kicked
// with a reschedule IPI when it is idle or running less urgent work.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "vm.h"
#include "sched.h"
#include "defs.h"
#include <hartbench/trace.h>

static volatile u64 idle_mask;
static volatile u64 queued_mask;

void swtch(struct context *old, struct context *new);

void sched_init_cpu(struct cpu *c) {
    initlock(&c->rq.lock, "runqueue", LOCK_RUNQUEUE);
    for (int i = 0; i < NPRIO; i++)
        list_init(&c->rq.level[i]);
    c->rq.nonempty = 0;
    c->rq.nr = 0;
}

u64 sched_idle_mask(void) {
    return idle_mask;
}

static void rq_add(struct cpu *c, struct thread *t) {
    if (!holding(&c->rq.lock))
        panic("rq_add: lock not held");
    list_push_back(&c->rq.level[t->prio], &t->rqlink);
    c->rq.nonempty |= 1u << t->prio;
    __atomic_store_n(&c->rq.nr, c->rq.nr + 1, __ATOMIC_RELEASE);
    __atomic_fetch_or(&queued_mask, 1ul << c->index, __ATOMIC_SEQ_CST);
}

static struct thread *rq_take(struct cpu *c) {
    if (!c->rq.nonempty)
        return 0;
    int p = __builtin_ctz(c->rq.nonempty);
    struct thread *t = container_of(list_pop_front(&c->rq.level[p]), struct thread, rqlink);
    if (list_empty(&c->rq.level[p]))
        c->rq.nonempty &= ~(1u << p);
    __atomic_store_n(&c->rq.nr, c->rq.nr - 1, __ATOMIC_RELEASE);
    if (c->rq.nr == 0)
        __atomic_fetch_and(&queued_mask, ~(1ul << c->index), __ATOMIC_SEQ_CST);
    return t;
}

// Priority of what cpu c runs now: NPRIO for its idle thread. Read racily as a hint.
static int running_prio(struct cpu *c) {
    struct thread *t = __atomic_load_n(&c->cur, __ATOMIC_RELAXED);
    return (!t || t == c->idle) ? NPRIO : t->prio;
}

// Choose where a woken thread should run.
static int select_cpu(struct thread *t) {
    int prev = t->cpu;
    u64 idle = __atomic_load_n(&idle_mask, __ATOMIC_SEQ_CST);
    if (idle & (1ul << prev))
        return prev;
    if (!idle)
        return prev;
    u64 after = idle & ~((2ul << prev) - 1);   // prefer the next idle cpu after prev
    return __builtin_ctzll(after ? after : idle);
}

// t is RUNNABLE and on no queue: queue it and make sure some cpu will notice.
void make_runnable(struct thread *t) {
    push_off();
    int target = select_cpu(t);
    struct cpu *c = &cpus[target];
    acquire(&c->rq.lock);
    t->cpu = target;
    rq_add(c, t);
    release(&c->rq.lock);
    trace(TR_WAKEUP, t->tid, target);
    struct cpu *me = mycpu();
    if (c == me) {
        if (running_prio(me) > t->prio)
            me->need_resched = true;
    } else if ((__atomic_load_n(&idle_mask, __ATOMIC_SEQ_CST) & (1ul << target)) ||
               running_prio(c) > t->prio) {
        ipi_send(target, IPI_RESCHEDULE);
    }
    pop_off();
}

// Make a BLOCKED thread runnable. Any number of cpus may race; one wins.
void wake_thread(struct thread *t) {
    int blocked = T_BLOCKED;
    if (__atomic_compare_exchange_n(&t->state, &blocked, T_RUNNABLE, false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        make_runnable(t);
}

static void switch_to(struct cpu *c, struct thread *prev, struct thread *next) {
    while (__atomic_load_n(&next->on_cpu, __ATOMIC_ACQUIRE))
        xcall_poll();           // its previous cpu is still leaving its stack
    next->on_cpu = 1;
    next->state = T_RUNNING;
    next->cpu = c->index;
    next->slice = 0;
    c->cur = next;
    c->kstack_top = next->kstack_top;
    as_activate(next->proc ? next->proc->as : 0);
    trace(TR_SWITCH, prev->tid, prev->proc ? prev->proc->pid : 0);
    c->nswitch++;
    c->prev = prev;
    swtch(&prev->ctx, &next->ctx);
    finish_switch();
}

// Runs first on the stack we switched to: let go of the thread we left.
void finish_switch(void) {
    struct cpu *c = mycpu();
    struct thread *prev = c->prev;
    c->prev = 0;
    if (!prev)
        return;
    bool dead = prev->state == T_DEAD;
    __atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
    if (dead)
        thread_free_stack(prev);
}

// Give the cpu to the most urgent queued thread. The caller has set its own state:
// RUNNING (still wants the cpu: it is queued behind its peers), BLOCKED, RUNNABLE (a
// waker got there first and queued it) or DEAD. Interrupts off, no locks held.
void schedule(void) {
    struct cpu *c = mycpu();
    struct thread *prev = c->cur;
    if (intr_get() || c->noff != 0)
        panic("schedule: interrupts on or %d locks held", c->noff);
    c->need_resched = false;
    acquire(&c->rq.lock);
    if (prev->state == T_RUNNING && prev != c->idle) {
        prev->state = T_RUNNABLE;
        rq_add(c, prev);
    }
    struct thread *next = rq_take(c);
    release(&c->rq.lock);
    if (!next)
        next = c->idle;
    if (next == prev) {
        prev->state = T_RUNNING;
        return;
    }
    switch_to(c, prev, next);
}

void yield(void) {
    bool on = intr_get();
    intr_off();
    schedule();
    if (on)
        intr_on();
}

// Sleep until wake_thread(). The caller holds lk (which guards the condition it waits
// for and which the waker takes before waking it) with interrupts off from before the
// acquire, so the release below does not turn them on. Returns with lk held again.
void sleep_locked(struct spinlock *lk) {
    struct thread *t = curthread();
    if (intr_get() || mycpu()->noff != 1)
        panic("sleep_locked: must hold exactly the one lock, interrupts off");
    __atomic_store_n(&t->state, T_BLOCKED, __ATOMIC_RELEASE);
    release(lk);
    schedule();
    acquire(lk);
}

// Timer tick: preempt a thread that has used its slice if someone is waiting.
void sched_tick(void) {
    struct cpu *c = mycpu();
    struct thread *t = c->cur;
    if (t == c->idle) {
        if (c->rq.nr)
            c->need_resched = true;
        return;
    }
    if (++t->slice >= SLICE_TICKS && __atomic_load_n(&c->rq.nr, __ATOMIC_ACQUIRE))
        c->need_resched = true;
}

// An idle cpu takes one queued thread from a busy one, looking at no more than
// STEAL_TRIES victims and never waiting for a victim's lock. The stolen thread is run
// at once rather than queued here: queued, it could be stolen back by the cpu it came
// from, and two idle cpus in lock step could pass it back and forth forever.
static struct thread *steal(struct cpu *c) {
    u64 victims = __atomic_load_n(&queued_mask, __ATOMIC_ACQUIRE) & ~(1ul << c->index);
    for (int tries = 0; victims && tries < STEAL_TRIES; tries++) {
        u64 after = victims & ~((2ul << c->index) - 1);
        int v = __builtin_ctzll(after ? after : victims);
        victims &= ~(1ul << v);
        struct cpu *vc = &cpus[v];
        if (!try_acquire(&vc->rq.lock))
            continue;
        struct thread *t = rq_take(vc);
        release(&vc->rq.lock);
        if (!t)
            continue;
        c->nsteal++;
        trace(TR_STEAL, t->tid, v);
        return t;
    }
    return 0;
}

// Each cpu's idle thread: run queued work, else steal, else sleep in wfi until an
// interrupt (tick, IPI, device). Advertising idleness before the last look at the queue
// pairs with make_runnable reading idle_mask after queueing: one of them sees the other.
void idle_loop(void) {
    struct cpu *c = mycpu();
    u64 bit = 1ul << c->index;
    for (;;) {
        intr_off();
        if (!__atomic_load_n(&c->rq.nr, __ATOMIC_ACQUIRE)) {
            struct thread *t = steal(c);
            if (t) {
                switch_to(c, c->idle, t);
                continue;
            }
        }
        if (__atomic_load_n(&c->rq.nr, __ATOMIC_ACQUIRE)) {
            schedule();
            continue;
        }
        __atomic_fetch_or(&idle_mask, bit, __ATOMIC_SEQ_CST);
        if (!__atomic_load_n(&c->rq.nr, __ATOMIC_SEQ_CST)) {
            trace(TR_IDLE_ENTER, 0, 0);
            c->nidle++;
            wfi();
            trace(TR_IDLE_EXIT, 0, 0);
        }
        __atomic_fetch_and(&idle_mask, ~bit, __ATOMIC_SEQ_CST);
        intr_on();              // take the interrupt that ended the wfi
    }
}
