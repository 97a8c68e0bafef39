// Hartbench trace records: the single definition of their layout.
//
// The kernel writes fixed-size records into one ring per CPU. An outside observer (the
// Hartbench emulator's trace device, or a debugger reading RAM) decodes them without the
// kernel's help. The Java decoder (org.hartbench.emulator) is tested against this file, so
// change the layout here first and bump TRACE_VERSION.
//
// All fields are little-endian. Records are 32 bytes:
//
//   offset  size  field
//   0       8     time   guest timebase ticks (rdtime, 10 MHz on the virt board)
//   8       2     type   TR_* below
//   10      2     cpu    kernel cpu index (dense 0..ncpu-1), not the hart id
//   12      4     tid    thread running on this cpu when the record was written (0: none/idle)
//   16      4     pid    its process (0: kernel)
//   20      4     arg0   meaning depends on type
//   24      8     arg1   meaning depends on type
#ifndef HARTBENCH_TRACE_H
#define HARTBENCH_TRACE_H

#define TRACE_VERSION        1
#define TRACE_RECORD_SIZE    32

// Record types. Persisted in saved traces: never renumber, only append.
#define TR_SWITCH            1   // tid/pid: thread switched in;  arg0: previous tid; arg1: previous pid
#define TR_WAKEUP            2   // arg0: woken tid;              arg1: cpu it was queued on
#define TR_IPI_SEND          3   // arg0: IPI_* kind;             arg1: target cpu
#define TR_IPI_RECV          4   // arg0: IPI_* kind;             arg1: sending cpu
#define TR_IDLE_ENTER        5   // the cpu's idle thread is about to wfi
#define TR_IDLE_EXIT         6   // the idle thread found work
#define TR_SHOOTDOWN_BEGIN   7   // arg0: number of cpus asked;   arg1: bit mask of those cpus
#define TR_SHOOTDOWN_END     8   // arg0: acknowledgements;       arg1: ticks spent waiting
#define TR_SQE_CONSUMED      9   // arg0: (op << 24) | cap slot;  arg1: user_data; tid/pid: ring owner
#define TR_CQE_POSTED        10  // arg0: result (int32);         arg1: user_data; tid/pid: receiver
#define TR_CAP_ENTER_WAIT    11  // arg0: min_complete;           arg1: timeout in ns (0: none)
#define TR_CAP_ENTER_WAKE    12  // arg0: completions ready;      arg1: ticks spent waiting
#define TR_LOCK_CONTENDED    13  // arg0: lock id;                arg1: ticks spent spinning
#define TR_STEAL             14  // arg0: stolen tid;             arg1: cpu it was taken from
#define TR_TYPE_COUNT        15  // one past the last type

// IPI kinds (arg0 of TR_IPI_SEND / TR_IPI_RECV).
#define IPI_RESCHEDULE       1
#define IPI_SHOOTDOWN        2
#define IPI_CALL             3

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trace_record {
    uint64_t time;
    uint16_t type;
    uint16_t cpu;
    uint32_t tid;
    uint32_t pid;
    uint32_t arg0;
    uint64_t arg1;
};

// One ring per CPU, in guest RAM. The kernel is the only writer of head: it fills
// rec[head % entries], then publishes head + 1 with a release store. It never waits for a
// reader; a reader that falls more than `entries` behind loses the oldest records and counts
// them itself.
struct trace_ring {
    volatile uint64_t head;     // records ever written
    uint64_t reserved[7];       // pads the header to 64 bytes
    struct trace_record rec[];  // `entries` records, a power of two
};

_Static_assert(sizeof(struct trace_record) == TRACE_RECORD_SIZE, "trace record layout");
_Static_assert(sizeof(struct trace_ring) == 64, "trace ring header");
#endif

// The hartbench,trace device (only on Hartbench's board; absent on QEMU, so tracing is off).
// MMIO registers, offsets from the device base given in the device tree:
#define TRACEDEV_MAGIC        0x000  // RO u32: 0x48425452 ("HBTR")
#define TRACEDEV_VERSION      0x004  // RO u32: TRACE_VERSION the device decodes
#define TRACEDEV_MAX_CPUS     0x008  // RO u32: ring slots (one per cpu index)
#define TRACEDEV_RECORD_SIZE  0x00c  // RO u32: TRACE_RECORD_SIZE
#define TRACEDEV_RING_ADDR(c) (0x100 + 16 * (c))  // RW u64: physical address of cpu c's ring (0: none)
#define TRACEDEV_RING_SIZE(c) (0x108 + 16 * (c))  // RW u32: its number of entries (power of two)
#define TRACEDEV_MAGIC_VALUE  0x48425452

#endif
