// Thread slots, kernel stacks and the life of a thread from creation to reaping.
//
// A slot is held (holds > 0) by the thread itself until its kernel stack is freed, and by
// each Thread capability naming it, so THREAD_JOIN can read the exit value of a thread
// that is long gone. The last thread_put() frees the slot and bumps its generation.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "cpu.h"
#include "thread.h"
#include "kalloc.h"
#include "sched.h"
#include "defs.h"
#include "trap.h"

struct thread threads[NTHREAD];
// Leaf lock (page allocator excepted): slot allocation and generations.
static struct spinlock threads_lock = SPINLOCK_INIT("threads", LOCK_THREADS);

void threads_init(void) {
    for (int i = 0; i < NTHREAD; i++) {
        threads[i].index = i;
        threads[i].tid = i + 1;
        threads[i].gen = 1;
        threads[i].state = T_FREE;
    }
}

static struct thread *slot_alloc(const char *name, int prio) {
    struct thread *t = 0;
    acquire(&threads_lock);
    for (int i = 0; i < NTHREAD; i++) {
        if (threads[i].state == T_FREE) {
            t = &threads[i];
            t->state = T_NEW;
            break;
        }
    }
    release(&threads_lock);
    if (!t)
        return 0;
    t->holds = 1;
    t->on_cpu = 0;
    t->prio = prio;
    t->slice = 0;
    t->cpu = mycpu()->index;
    t->proc = 0;
    t->killed = false;
    t->exit_value = 0;
    t->exited = false;
    t->tf = 0;
    t->kfn = 0;
    t->ring_va = 0;
    list_init(&t->rqlink);
    list_init(&t->plink);
    list_init(&t->joiners);
    memset(&t->ctx, 0, sizeof(t->ctx));
    strlcpy_k(t->name, name, sizeof(t->name));
    return t;
}

// Where every new thread starts, on its own kernel stack (swtch returns here).
static void thread_first(void) {
    finish_switch();
    struct thread *t = curthread();
    if (t->proc)
        user_return(t);
    intr_on();
    t->kfn(t->karg);
    thread_die();
}

// A new thread with a kernel stack, in T_NEW; the caller fills it in and starts it.
struct thread *thread_alloc(const char *name, int prio) {
    struct thread *t = slot_alloc(name, prio);
    if (!t)
        return 0;
    void *stack = kalloc_order(KSTACK_ORDER);
    if (!stack) {
        thread_put(t);
        return 0;
    }
    t->kstack = (u64)stack;
    t->kstack_top = t->kstack + (PGSIZE << KSTACK_ORDER);
    t->ctx.ra = (u64)thread_first;
    t->ctx.sp = t->kstack_top;
    return t;
}

struct thread *kthread_create(const char *name, int prio, void (*fn)(void *), void *arg) {
    struct thread *t = thread_alloc(name, prio);
    if (!t)
        return 0;
    t->kfn = fn;
    t->karg = arg;
    t->state = T_RUNNABLE;
    make_runnable(t);
    return t;
}

// The code running now on cpu c (its boot stack) becomes c's idle thread.
struct thread *idle_thread_create(struct cpu *c, u64 stack_base, u64 stack_size) {
    struct thread *t = slot_alloc("idle", NPRIO - 1);
    if (!t)
        panic("idle_thread_create: no slot");
    t->kstack = stack_base;
    t->kstack_top = stack_base + stack_size;
    t->state = T_RUNNING;
    t->on_cpu = 1;
    t->cpu = c->index;
    c->idle = t;
    c->cur = t;
    c->kstack_top = t->kstack_top;
    return t;
}

void thread_get(struct thread *t) {
    if (__atomic_fetch_add(&t->holds, 1, __ATOMIC_ACQ_REL) <= 0)
        panic("thread_get: thread %u already free", t->tid);
}

void thread_put(struct thread *t) {
    int left = __atomic_sub_fetch(&t->holds, 1, __ATOMIC_ACQ_REL);
    if (left < 0)
        panic("thread_put: thread %u holds %d", t->tid, left);
    if (left == 0) {
        acquire(&threads_lock);
        t->gen++;
        t->proc = 0;
        __atomic_store_n(&t->state, T_FREE, __ATOMIC_RELEASE);
        release(&threads_lock);
    }
}

// Called by finish_switch on the next thread's stack once a dead thread is off its cpu.
void thread_free_stack(struct thread *t) {
    if (!t->kstack)
        panic("thread_free_stack: thread %u has no stack", t->tid);
    kfree_order((void *)t->kstack, KSTACK_ORDER);
    t->kstack = 0;
    thread_put(t);
}

// The current thread stops for good. Its owner has done all bookkeeping.
void thread_die(void) {
    intr_off();
    struct thread *t = curthread();
    __atomic_store_n(&t->state, T_DEAD, __ATOMIC_RELEASE);
    schedule();
    panic("thread_die: thread %u came back", t->tid);
}

// The thread a ThreadRef names, or 0 if the slot has moved on.
struct thread *thread_lookup(u32 index, u32 gen) {
    if (index >= NTHREAD)
        return 0;
    struct thread *t = &threads[index];
    if (__atomic_load_n(&t->gen, __ATOMIC_ACQUIRE) != gen || t->state == T_FREE)
        return 0;
    return t;
}
