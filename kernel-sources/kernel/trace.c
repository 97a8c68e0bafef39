// Trace records into per-cpu rings (layout: include/hartbench/trace.h).
//
// Tracing exists only when the device tree has a hartbench,trace node: the boot hart
// then allocates one ring per cpu and registers each with the device, which is how an
// outside observer finds them. A record costs a handful of stores and one release store
// of head; a writer never waits for a reader.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "fdt.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "defs.h"
#include "kalloc.h"
#include <hartbench/trace.h>

static volatile u8 *tracedev;

static u32 rd32(u32 off) { return *(volatile u32 *)(tracedev + off); }
static void wr32(u32 off, u32 v) { *(volatile u32 *)(tracedev + off) = v; }
static void wr64(u32 off, u64 v) { *(volatile u64 *)(tracedev + off) = v; }

// Boot hart, once: probe the device. Leaves tracing off if it is absent or disagrees.
void trace_init(void) {
    if (!board.trace.present)
        return;
    volatile u8 *dev = (volatile u8 *)board.trace.base;
    tracedev = dev;
    if (rd32(TRACEDEV_MAGIC) != TRACEDEV_MAGIC_VALUE || rd32(TRACEDEV_VERSION) != TRACE_VERSION ||
        rd32(TRACEDEV_RECORD_SIZE) != TRACE_RECORD_SIZE) {
        kprintf("trace: device at %p does not match trace.h; tracing off\n", (void *)board.trace.base);
        tracedev = 0;
        return;
    }
    kprintf("trace: hartbench,trace at %p, %u ring slots\n", (void *)board.trace.base,
            rd32(TRACEDEV_MAX_CPUS));
}

// Boot hart, for each cpu: allocate its ring and register it.
void trace_init_cpu(struct cpu *c) {
    if (!tracedev || (u32)c->index >= rd32(TRACEDEV_MAX_CPUS))
        return;
    u64 bytes = sizeof(struct trace_ring) + (u64)TRACE_ENTRIES * TRACE_RECORD_SIZE;
    int order = 0;
    while ((PGSIZE << order) < bytes)
        order++;
    struct trace_ring *r = kalloc_order(order);
    if (!r)
        return;
    memset(r, 0, PGSIZE << order);
    c->trace_mask = TRACE_ENTRIES - 1;
    c->trace = r;
    wr64(TRACEDEV_RING_ADDR(c->index), (u64)r);
    wr32(TRACEDEV_RING_SIZE(c->index), TRACE_ENTRIES);
}

void trace_write(u16 type, u32 arg0, u64 arg1) {
    trace_write_as(mycpu()->cur, type, arg0, arg1);
}

// A record naming thread t instead of the running one (ring records name the ring's
// owner even when the sqpoll thread or another thread did the work).
void trace_write_as(struct thread *t, u16 type, u32 arg0, u64 arg1) {
    push_off();
    struct cpu *c = mycpu();
    struct trace_ring *r = c->trace;
    u64 head = r->head;
    struct trace_record *rec = &r->rec[head & c->trace_mask];
    rec->time = r_time();
    rec->type = type;
    rec->cpu = (u16)c->index;
    rec->tid = t ? t->tid : 0;
    rec->pid = t && t->proc ? t->proc->pid : 0;
    rec->arg0 = arg0;
    rec->arg1 = arg1;
    __atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
    pop_off();
}
