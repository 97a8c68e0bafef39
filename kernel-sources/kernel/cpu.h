// Per-CPU state: everything one cpu owns lives in its struct cpu, reached through tp
// (mycpu()). In the kernel tp always holds this pointer; in user mode tp belongs to the
// user (its TLS) and sscratch holds the pointer instead, swapped back on trap entry.
//
// "cpu" means the kernel's dense index 0..ncpu-1; "hart" means the hardware hart id.
// They coincide on QEMU virt but nothing relies on that.
#ifndef CPU_H
#define CPU_H

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "list.h"

#define IPI_KINDS 4              // IPI_* kinds (hartbench/trace.h) are 1..3

struct thread;
struct aspace;
struct trace_ring;

// A synchronous cross-call: fn(arg) runs on each target cpu, which then decrements
// pending. The owning cpu has at most one in flight (xcall() waits for it).
struct xcall {
    void (*fn)(void *arg);
    void *arg;
    volatile u32 pending;     // targets that have not finished yet
};

// Run queue: threads ready to run on this cpu, one FIFO per priority.
// Lock order: after every object, ring and sqpoll lock (wakeups queue threads while
// holding those); before the cpu timer lock and the leaf pools. Never two rq locks at
// once: steal() takes a victim's with try_acquire while holding none.
struct runqueue {
    struct spinlock lock;
    struct list level[NPRIO];    // rq.lock: RUNNABLE threads, linked through thread.rqlink
    u32 nonempty;                // rq.lock: bit p set iff level[p] is non-empty
    u32 nr;                      // rq.lock writes; read unlocked as a hint: queued threads
};

struct cpu {
    // Used by trapvec.S at fixed offsets: keep first, keep in this order.
    u64 kstack_top;              // 0: top of the running thread's kernel stack
    u64 user_sp;                 // 8: user sp while the trap entry saves registers
    struct cpu *self;            // 16

    int index;                   // dense cpu index
    u32 hartid;                  // hardware hart id
    struct thread *cur;          // running thread; written only by this cpu
    struct thread *prev;         // thread just switched away from, for finish_switch
    struct thread *idle;         // this cpu's idle thread
    struct aspace *as;           // address space whose page table satp holds
    int noff;                    // push_off depth
    bool intena;                 // interrupts were on before the outermost push_off
    volatile bool need_resched;  // set by tick, wakeup or IPI: reschedule before user return

    struct runqueue rq;

    volatile u64 xcall_in;       // cpus (bit per index) with a cross-call waiting for us
    struct xcall xcall;          // our own outgoing cross-call
    volatile u64 ipi_from[IPI_KINDS]; // per IPI_* kind: cpus that sent one not yet handled

    u64 ticks;                   // timer interrupts taken
    u64 next_tick;               // stimecmp value of the next tick
    struct spinlock timer_lock;  // leaf: guards timers
    struct list timers;          // timer_lock: armed ktimers, soonest first

    struct trace_ring *trace;    // this cpu's trace ring, or 0 when tracing is off
    u32 trace_mask;              // entries - 1

    // Counters, written only by this cpu; read racily for reports.
    u64 nswitch, nipi_sent, nipi_recv, nsteal, nshootdown, nidle;
} __attribute__((aligned(64)));

extern struct cpu cpus[NCPU];
extern int ncpu;

static inline struct cpu *mycpu(void) {
    struct cpu *c;
    asm volatile("mv %0, tp" : "=r"(c));
    return c;
}

#endif
