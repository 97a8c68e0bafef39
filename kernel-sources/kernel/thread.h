// Threads: what the scheduler runs. Kernel threads (idle, sqpoll, init) have proc == 0.
#ifndef THREAD_H
#define THREAD_H

#include "types.h"
#include "param.h"
#include "list.h"
#include "spinlock.h"
#include "kring.h"

// Callee-saved registers, saved by swtch.S (offsets used there).
struct context {
    u64 ra, sp;
    u64 s[12];
};

// User registers, saved at the top of the kernel stack on every trap from user mode.
// Field i holds register x(i+1); trapvec.S depends on the order.
struct trapframe {
    u64 ra, sp, gp, tp;                            // x1..x4
    u64 t0, t1, t2;                                // x5..x7
    u64 s0, s1;                                    // x8, x9
    u64 a0, a1, a2, a3, a4, a5, a6, a7;            // x10..x17
    u64 s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;  // x18..x27
    u64 t3, t4, t5, t6;                            // x28..x31
    u64 sepc, sstatus;
    u64 pad;                                       // keeps the frame 16-byte aligned
};
#define TF_SIZE 272
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "trapvec.S frame size");

enum tstate {
    T_FREE,       // slot unused
    T_NEW,        // being built
    T_RUNNABLE,   // on a run queue, or being put on one by its waker
    T_RUNNING,    // on a cpu
    T_BLOCKED,    // asleep until wake_thread()
    T_DEAD,       // exited; the slot stays while Thread capabilities name it
};

// A thread slot. ThreadRef {index, gen} names a thread; gen changes when the slot is
// freed, so stale references (capabilities, routed completions) fail.
struct thread {
    u32 index;                  // fixed
    u32 tid;                    // index + 1; 0 means "none" in trace records
    volatile u32 gen;           // bumped by thread_put() when the slot is freed
    volatile int state;         // enum tstate, changed atomically (sched.c)
    volatile int on_cpu;        // a cpu is executing on its stack (sched.c)
    volatile int holds;         // atomic: 1 while not reaped + one per Thread capability
    int cpu;                    // last cpu / queue it is on; the wakeup target hint
    int prio;                   // 0 (urgent) .. NPRIO-1; fixed
    int slice;                  // ticks since switched in; owning cpu only
    struct list rqlink;         // rq.lock of its queue

    struct context ctx;         // valid while not running
    u64 kstack;                 // 2^KSTACK_ORDER pages; freed after it dies
    u64 kstack_top;
    struct trapframe *tf;       // user threads: at the top of kstack

    void (*kfn)(void *);        // kernel threads: body
    void *karg;

    struct proc *proc;          // fixed; 0 for kernel threads
    struct list plink;          // proc.lock: on proc->threads while not reaped
    volatile bool killed;       // set once by process exit; acted on at kernel exit
    bool exited;                // proc.lock: exit_value is final
    u64 exit_value;             // proc.lock: for THREAD_JOIN
    struct list joiners;        // proc.lock: pending THREAD_JOIN ops
    u32 ring_slot;              // which per-process ring address it uses
    u64 ring_va;                // fixed: its ring in the process
    struct ring ring;           // user threads only
    char name[16];
};

extern struct thread threads[NTHREAD];

#include "cpu.h"
static inline struct thread *curthread(void) {
    return mycpu()->cur;
}

// thread.c
void threads_init(void);
struct thread *thread_alloc(const char *name, int prio);
struct thread *kthread_create(const char *name, int prio, void (*fn)(void *), void *arg);
struct thread *idle_thread_create(struct cpu *c, u64 stack_base, u64 stack_size);
void thread_get(struct thread *t);
void thread_put(struct thread *t);
void thread_free_stack(struct thread *t);
void thread_die(void) __attribute__((noreturn));
struct thread *thread_lookup(u32 index, u32 gen);

#endif
