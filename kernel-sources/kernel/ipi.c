// Inter-processor interrupts and cross-calls.
//
// How an IPI travels: the sender sets a bit in the target's struct cpu saying what it
// wants and who asks (ipi_from[kind]), then writes the target hart's CLINT msip word
// through the kernel's identity map of the CLINT. That raises a machine software
// interrupt on the target; the M-mode shim (mtrap.S) clears msip and sets sip.SSIP, so
// the kernel receives it as a supervisor software interrupt and lands in ipi_intr().
// S-mode never needs an SBI call, and M-mode holds no kernel state.
//
// A cross-call (xcall) runs a function on a set of cpus and waits until all have run it;
// TLB shootdown is one. While it waits, the caller keeps answering cross-calls aimed at
// itself, and so does any cpu spinning on a lock, so two cpus shooting at each other
// with interrupts off cannot deadlock.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "fdt.h"
#include "memlayout.h"
#include "cpu.h"
#include "defs.h"
#include <hartbench/trace.h>

static void ipi_raise(struct cpu *target) {
    u64 clint = board.clint.present ? board.clint.base : BOARD_CLINT_BASE;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);     // request bits before the doorbell
    *(volatile u32 *)CLINT_MSIP(clint, target->hartid) = 1;
}

void ipi_send(int cpu, int kind) {
    struct cpu *me = mycpu(), *t = &cpus[cpu];
    __atomic_fetch_or(&t->ipi_from[kind], 1ul << me->index, __ATOMIC_RELEASE);
    trace(TR_IPI_SEND, kind, cpu);
    me->nipi_sent++;
    ipi_raise(t);
}

// Supervisor software interrupt: consume every request raised so far. Clearing SSIP
// first means a request arriving during the handler raises it again, never gets lost.
void ipi_intr(void) {
    struct cpu *c = mycpu();
    w_sip(r_sip() & ~SIP_SSIP);
    for (int kind = 1; kind < IPI_KINDS; kind++) {
        u64 from = __atomic_exchange_n(&c->ipi_from[kind], 0, __ATOMIC_ACQUIRE);
        if (!from)
            continue;
        c->nipi_recv++;
        if (c->trace) {
            for (u64 m = from; m; m &= m - 1)
                trace_write(TR_IPI_RECV, kind, __builtin_ctzll(m));
        }
        if (kind == IPI_RESCHEDULE)
            c->need_resched = true;
    }
    xcall_poll();
}

// Run every cross-call other cpus have aimed at this one.
void xcall_poll(void) {
    struct cpu *c = mycpu();
    if (!c || !__atomic_load_n(&c->xcall_in, __ATOMIC_RELAXED))
        return;
    u64 in = __atomic_exchange_n(&c->xcall_in, 0, __ATOMIC_ACQUIRE);
    for (; in; in &= in - 1) {
        struct xcall *x = &cpus[__builtin_ctzll(in)].xcall;
        x->fn(x->arg);
        __atomic_fetch_sub(&x->pending, 1, __ATOMIC_RELEASE);
    }
}

// Run fn(arg) on every cpu in mask (this one included, directly) and return when all
// have finished. kind is IPI_SHOOTDOWN or IPI_CALL, for the trace.
void xcall(u64 mask, void (*fn)(void *), void *arg, int kind) {
    push_off();
    struct cpu *me = mycpu();
    u64 self = 1ul << me->index;
    u64 others = mask & ~self;
    if (others) {
        struct xcall *x = &me->xcall;
        if (x->pending)
            panic("xcall: nested call");
        x->fn = fn;
        x->arg = arg;
        __atomic_store_n(&x->pending, (u32)__builtin_popcountll(others), __ATOMIC_RELEASE);
        for (u64 m = others; m; m &= m - 1) {
            int cpu = __builtin_ctzll(m);
            __atomic_fetch_or(&cpus[cpu].xcall_in, self, __ATOMIC_RELEASE);
            ipi_send(cpu, kind);
        }
    }
    if (mask & self)
        fn(arg);
    while (others && __atomic_load_n(&me->xcall.pending, __ATOMIC_ACQUIRE))
        xcall_poll();
    pop_off();
}
